import ky, { HTTPError, TimeoutError, type BeforeRetryState, type KyInstance, type RetryOptions } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import { NO_AMBIENT, type Ambient } from '../ambient.js';
import { BudgetClass } from '../budget/call-budget.js';
import type { ReadCache } from '../budget/read-cache.js';
import type { UpstreamScheduler } from '../budget/scheduler.js';
import { GatewayError, mapUpstreamFailure, type UpstreamFailure } from '../errors.js';
import { describeFailure, RETRY_AFTER_STATUS, RETRY_STATUS, retryAfterMs, worthRetrying } from './http-failure.js';
import { registerSecret } from '../redact.js';
import { RetryBudget } from './retry-budget.js';
import { BODY_OPTION, HEADERS_OPTION, UpstreamTransport } from './transport.js';

/** Settings of the HTTP client; only the base URL, key and timeout come from the configuration. */
export interface WixHttpOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Retries after the first attempt (0 disables). */
  retryLimit?: number;
  /** Upper bound of one backoff delay. */
  backoffLimitMs?: number;
  /** A Retry-After above this cancels the retry (the error surfaces as UPSTREAM_RATE_LIMITED). */
  maxRetryAfterMs?: number;
  /** Upstream calls in flight at once, for the whole gateway process. */
  maxConcurrency?: number;
  /** Told of every finished call (endpoint, status, duration), for the metrics. */
  onCall?: (sample: { endpoint: string; status: string; seconds: number }) => void;
  /** Told of every failed call (endpoint, status, Wix code; never key or body) and its ambient, e.g. to log it. */
  onFailure?: (failure: UpstreamFailure, ambient: Ambient) => void;
  /** Told of every upstream write once it is answered or has failed (the audit trail); must not throw. */
  onWrite?: (write: UpstreamWrite) => void;
  /** The rate budget every attempt waits on (src/budget); calls go unscheduled when omitted. */
  scheduler?: UpstreamScheduler;
  /** Answers of reads kept for interactive callers (src/budget/read-cache.ts); nothing is cached when omitted. */
  readCache?: ReadCache;
  /**
   * Wraps every call (its retries included), e.g. in a trace span; `send` takes extra headers for the call (request ID,
   * `traceparent`). Must call `send` once and return what it returns.
   */
  around?: <T>(
    call: UpstreamCallInfo,
    ambient: Ambient,
    send: (headers: Record<string, string>) => Promise<T>,
  ) => Promise<T>;
  /** Told before every retry of a call (endpoint, attempt number, what failed), e.g. to log and count it. */
  onRetry?: (retry: UpstreamRetry, ambient: Ambient) => void;
}

/** What {@link WixHttpOptions.around} is told of a call (no body, no key). */
export interface UpstreamCallInfo {
  method: Method;
  path: string;
  /** Wix endpoint name, e.g. "Query Sites". */
  operation: string;
}

/** One retry of a call, as told to {@link WixHttpOptions.onRetry}. */
export interface UpstreamRetry {
  /** Wix endpoint name. */
  operation: string;
  /** The retry's number (1 = the second attempt). */
  attempt: number;
  /** HTTP status of the failed attempt, or `timeout` / `network`. */
  status: string;
}

/** One upstream write and its outcome, as told to {@link WixHttpOptions.onWrite} (no body sent, no key). */
export interface UpstreamWrite {
  method: Method;
  path: string;
  /** Wix endpoint name, e.g. "Create Package V2". */
  operation: string;
  accountId?: string;
  idempotencyKey?: string;
  /** Wix's HTTP status; absent when no answer came. */
  status?: number;
  wixCode?: string;
  /** The gateway's error code of a failed call. */
  errorCode?: string;
  /** Wix's parsed answer of a successful call. */
  body?: unknown;
  /** Who the write was made for (the request's or flow's call context). */
  ambient: Ambient;
}

/** The header a sandbox names its world with (see WixHttp.world). */
export const WORLD_ID_HEADER = 'x-sandbox-world-id';

/** What a call hands ky's beforeRetry hook (as ky's `context` option). */
interface RetryContext {
  call: CallOptions;
  ambient: Ambient;
}

/** Non-idempotent writes are never repeated. */
const NO_RETRY: RetryOptions = { limit: 0 };

/** One Wix call: what it is called, as which account, and what it sends. */
export interface CallOptions {
  /** Wix endpoint name, for errors and logs (e.g. "Query Sites"). */
  operation: string;
  /** `wix-account-id`; omitted for endpoints that take none. */
  accountId?: string;
  /** `wix-site-id`, where the contract allows it. */
  siteId?: string;
  json?: unknown;
  searchParams?: URLSearchParams;
  /** True for writes that are safe to repeat (they carry an idempotency key); GETs always are. */
  idempotent?: boolean;
  /** True for a POST that only reads (Query Sites, Query Packages): not an upstream write, not audited. */
  read?: boolean;
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * What the data sources call Wix through: WixHttp itself (calls of no request: start-up and readiness checks), or
 * `WixHttp.bound(ambient)` for a request, flow run or poll, whose calls carry its ambient (src/ambient.ts).
 */
export interface UpstreamHttp {
  /** What every call made through this carries (NO_AMBIENT for WixHttp itself). */
  readonly ambient: Ambient;
  /** A GET (retried; shared with identical GETs of the tenant in flight). */
  get<T>(path: string, call: CallOptions): Promise<T>;
  /** A POST (retried only with `idempotent: true`). */
  post<T>(path: string, call: CallOptions): Promise<T>;
  /** A PATCH (retried only with `idempotent: true`). */
  patch<T>(path: string, call: CallOptions): Promise<T>;
  /** A DELETE (retried only with `idempotent: true`). */
  delete<T>(path: string, call: CallOptions): Promise<T>;
  /** PUT (Unpublish Site is the one Wix endpoint here that uses it). */
  put<T>(path: string, call: CallOptions): Promise<T>;
}

/** The five verbs of {@link UpstreamHttp} over one `dispatch`: what WixHttp and its bound views share. */
abstract class UpstreamVerbs implements UpstreamHttp {
  abstract readonly ambient: Ambient;

  /** Sends one call, carrying this object's ambient. */
  protected abstract dispatch<T>(method: Method, path: string, call: CallOptions): Promise<T>;

  get<T>(path: string, call: CallOptions): Promise<T> {
    return this.dispatch<T>('get', path, call);
  }

  post<T>(path: string, call: CallOptions): Promise<T> {
    return this.dispatch<T>('post', path, call);
  }

  patch<T>(path: string, call: CallOptions): Promise<T> {
    return this.dispatch<T>('patch', path, call);
  }

  delete<T>(path: string, call: CallOptions): Promise<T> {
    return this.dispatch<T>('delete', path, call);
  }

  put<T>(path: string, call: CallOptions): Promise<T> {
    return this.dispatch<T>('put', path, call);
  }
}

/** {@link UpstreamHttp} for one ambient: every call goes to WixHttp with it. */
class BoundHttp extends UpstreamVerbs {
  constructor(
    private readonly http: WixHttp,
    readonly ambient: Ambient,
  ) {
    super();
  }

  protected dispatch<T>(method: Method, path: string, call: CallOptions): Promise<T> {
    return this.http.request<T>(method, path, call, this.ambient);
  }
}

/**
 * The only module that talks HTTP to Wix (or the sandbox). It adds the auth headers of the contract, a timeout,
 * retries with exponential backoff and jitter on 408/429/5xx/network errors (waiting out Retry-After) for GETs and
 * idempotent writes only, under a retry budget, and maps every failure through errors.ts. Upstream bodies and the
 * API key are never forwarded or logged: a failure carries only the status and Wix's error code.
 */
export class WixHttp extends UpstreamVerbs {
  /** Calls made on WixHttp itself belong to no request. */
  readonly ambient: Ambient = NO_AMBIENT;
  private readonly client: KyInstance;
  /** Tokens for retries, shared by every call of the gateway (exposed for tests). */
  readonly budget = new RetryBudget();
  private readonly limit: LimitFunction;
  /**
   * The world the last answer came from, when the upstream is a sandbox (its `x-sandbox-world-id` header; Wix sends
   * none). The start-up check reads it once: operations and ledger entries are bound to that world.
   */
  world: string | undefined;
  /** Identical GETs in flight, keyed by tenant + URL: concurrent requests of one tenant share one upstream call. */
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** 429 answers already told to the scheduler (ky hands one to shouldRetry, and maybe the same one again on failure). */
  private readonly throttles = new WeakSet<object>();

  constructor(readonly options: WixHttpOptions) {
    super();
    this.limit = pLimit(options.maxConcurrency ?? 64);
    // Wherever the key shows up (an upstream that echoes it in an error, say), errors.ts scrubs it out.
    registerSecret(options.apiKey);
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    const retry: RetryOptions = {
      // ky asks this first, for every failure (a 404 too): a token is spent only on a retry that will happen.
      shouldRetry: ({ error }) => {
        this.noteThrottle(error);
        return worthRetrying(error, maxRetryAfterMs) && this.budget.take() ? undefined : false;
      },
      limit: options.retryLimit ?? 2,
      methods: ['get', 'post', 'patch', 'put', 'delete'],
      statusCodes: RETRY_STATUS,
      afterStatusCodes: RETRY_AFTER_STATUS,
      maxRetryAfter: maxRetryAfterMs,
      backoffLimit: options.backoffLimitMs ?? 2_000,
      jitter: true,
    };
    this.client = ky.create({
      // Keep-alive undici under a minimal fetch adapter (transport.ts): Node's fetch was half the CPU of a request.
      // The key and the accept header are the transport's own headers: ky's Requests carry none (see HEADERS_OPTION).
      fetch: new UpstreamTransport({
        connections: options.maxConcurrency ?? 64,
        headers: { accept: 'application/json', authorization: options.apiKey },
      }).fetch,
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      retry,
      throwHttpErrors: true,
      // Every retry is an upstream call too: it is told to onRetry, then waits for the rate budget like the first.
      // Set once here (not per call, which ky would merge on every call): the call comes in ky's `context`.
      hooks: {
        beforeRetry: [
          async (state) => {
            const { call, ambient } = state.options.context as unknown as RetryContext;
            this.observeRetry(call.operation, state, ambient);
            await this.admit(call, ambient);
          },
        ],
      },
    });
  }

  /**
   * Performs one Wix call and returns its parsed JSON body. Reads (GETs and read-only POSTs) of an interactive caller
   * may be answered from the read cache; identical concurrent reads of a tenant share one call; every write empties
   * the cache. Each attempt first waits for the rate budget.
   */
  request<T>(method: Method, path: string, call: CallOptions, ambient: Ambient = NO_AMBIENT): Promise<T> {
    const reading = method === 'get' || call.read === true;
    if (!reading) return this.write<T>(method, path, call, ambient);
    const budget = ambient.budget;
    const key = `${budget?.tenantId ?? ''}|${call.accountId ?? ''}|${call.siteId ?? ''}|${method} ${path}?${call.searchParams?.toString() ?? ''}|${call.json === undefined ? '' : JSON.stringify(call.json)}`;
    const cache = this.options.readCache;
    const policy = cache?.policyOf(call.operation);
    // Callers of a request may be answered from the cache; flow steps, polls and calls outside a request (the
    // start-up and readiness checks) always read Wix (and refresh it).
    const useCache = Boolean(cache && policy && budget?.class === BudgetClass.INTERACTIVE && !budget.fresh);
    if (useCache && cache) {
      const found = cache.lookup(key);
      if (found.state !== 'miss') {
        if (budget?.usage) budget.usage.cached++;
        if (found.state === 'stale') this.revalidate(method, path, call, key, ambient);
        return Promise.resolve(found.value as T);
      }
    }
    const shared = this.inflight.get(key);
    if (shared) {
      if (budget?.usage) budget.usage.shared++;
      return shared as Promise<T>;
    }
    return this.read<T>(method, path, call, key, useCache, ambient);
  }

  /** Data sources whose calls carry `ambient` (a request's, a flow run's or a poll's). */
  bound(ambient: Ambient): UpstreamHttp {
    return new BoundHttp(this, ambient);
  }

  /** Stale-while-revalidate: the refresh of a stale answer is background work, after polls' turn... as a poll. */
  private revalidate(method: Method, path: string, call: CallOptions, key: string, ambient: Ambient): void {
    if (this.inflight.has(key)) return;
    const poll: Ambient = { ...ambient, budget: { class: BudgetClass.POLL, tenantId: ambient.budget?.tenantId } };
    void this.read(method, path, call, key, false, poll).catch(() => undefined);
  }

  /**
   * One read, shared with identical reads until it is answered, stored in the read cache when it has a policy. With
   * `cached`, the answer another instance stored in the shared tier (Redis) is taken first when there is one.
   */
  private read<T>(
    method: Method,
    path: string,
    call: CallOptions,
    key: string,
    cached: boolean,
    ambient: Ambient,
  ): Promise<T> {
    const cache = this.options.readCache;
    const policy = cache?.policyOf(call.operation);
    const mark = cache?.mark();
    let stale = false;
    const promise = (async () => {
      if (cached && cache?.shared && policy && mark) {
        const found = await cache.lookupShared(key, policy, mark);
        if (found.state !== 'miss') {
          const usage = ambient.budget?.usage;
          if (usage) usage.cached++;
          stale = found.state === 'stale';
          return found.value as T;
        }
      }
      const answer = await this.admitted<T>(method, path, call, ambient);
      if (cache && policy && mark) cache.store(key, answer.body, policy, mark, answer.bytes);
      return answer.body;
    })().finally(() => {
      this.inflight.delete(key);
      if (stale) this.revalidate(method, path, call, key, ambient);
    });
    this.inflight.set(key, promise);
    return promise;
  }

  /**
   * A write: the read cache is emptied (on every instance when it is shared) before it is sent and again once it is
   * answered or has failed.
   */
  private async write<T>(method: Method, path: string, call: CallOptions, ambient: Ambient): Promise<T> {
    await this.options.readCache?.written();
    try {
      return (await this.admitted<T>(method, path, call, ambient)).body;
    } finally {
      await this.options.readCache?.written();
    }
  }

  /**
   * The first attempt waits for the rate budget outside the concurrency limit (a call waiting for budget must not hold
   * a slot an interactive call could use); retries wait inside (see send).
   */
  private async admitted<T>(
    method: Method,
    path: string,
    call: CallOptions,
    ambient: Ambient,
  ): Promise<{ body: T; bytes: number }> {
    await this.admit(call, ambient);
    return this.limit(() => this.send<T>(method, path, call, ambient));
  }

  /** Waits for the rate budget (one token per attempt); counts the call and the wait on the caller's usage. */
  private async admit(call: CallOptions, ambient: Ambient): Promise<void> {
    const budget = ambient.budget;
    const scheduler = this.options.scheduler;
    const tenant = budget?.tenantId ?? call.accountId ?? '';
    const waited = scheduler ? await scheduler.acquire(budget?.class ?? BudgetClass.FLOW, tenant) : 0;
    if (!budget?.usage) return;
    budget.usage.calls++;
    budget.usage.waitedMs += waited;
  }

  /** One call (its retries included), wrapped by `around` (a trace span) when configured. */
  private send<T>(
    method: Method,
    path: string,
    call: CallOptions,
    ambient: Ambient,
  ): Promise<{ body: T; bytes: number }> {
    const around = this.options.around;
    if (!around) return this.attempt<T>(method, path, call, ambient, {});
    return around({ method, path, operation: call.operation }, ambient, (extra) =>
      this.attempt<T>(method, path, call, ambient, extra),
    );
  }

  private async attempt<T>(
    method: Method,
    path: string,
    call: CallOptions,
    ambient: Ambient,
    extra: Record<string, string>,
  ): Promise<{ body: T; bytes: number }> {
    this.budget.earn();
    const headers: Record<string, string> = { ...extra };
    if (call.accountId) headers['wix-account-id'] = call.accountId;
    if (call.siteId) headers['wix-site-id'] = call.siteId;
    const json = call.json === undefined ? undefined : JSON.stringify(call.json);
    if (json !== undefined) headers['content-type'] = 'application/json';
    const retryable = method === 'get' || call.idempotent === true;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      // The query string goes in the URL: with `searchParams`, ky builds its Request twice.
      const query = call.searchParams?.toString();
      const response = await this.client(`${path.replace(/^\//, '')}${query ? `?${query}` : ''}`, {
        method,
        // The headers and the JSON text go beside ky's Request, straight to the transport (no Headers objects to
        // merge, no body stream to build and tee); spread in, as options ky's types do not name.
        ...{ [HEADERS_OPTION]: headers, [BODY_OPTION]: json },
        // Non-idempotent writes are never repeated: a lost answer must not become a second purchase.
        ...(retryable ? {} : { retry: NO_RETRY }),
        context: { call, ambient } satisfies RetryContext,
      });
      this.world = response.headers.get(WORLD_ID_HEADER) ?? this.world;
      this.options.onCall?.({ endpoint: call.operation, status: String(response.status), seconds: seconds() });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as T;
      if (method !== 'get' && !call.read)
        this.tellWrite(method, path, call, { ambient, status: response.status, body });
      return { body, bytes: text.length };
    } catch (error) {
      // Refused by the rate budget (before an attempt or a retry): nothing more was sent; the refusal is the answer.
      if (error instanceof GatewayError) throw error;
      this.noteThrottle(error);
      const failure = await describeFailure(error, call.operation);
      if (error instanceof HTTPError) this.world = error.response.headers.get(WORLD_ID_HEADER) ?? this.world;
      this.options.onFailure?.(failure, ambient);
      const status = failure.kind === 'http' ? String(failure.status ?? 0) : failure.kind;
      this.options.onCall?.({ endpoint: call.operation, status, seconds: seconds() });
      const mapped = mapUpstreamFailure(failure);
      if (method !== 'get' && !call.read) {
        const status = mapped.extensions.upstreamStatus as number | undefined;
        this.tellWrite(method, path, call, { ambient, status, wixCode: mapped.wixCode, errorCode: mapped.code });
      }
      throw mapped;
    }
  }

  /**
   * Wix throttled the key (429): the whole budget pauses for the Retry-After and its rate steps down. Told once per
   * answer, from ky's retry decision or, for an answer not retried, from the failure (no response hook: one would
   * make ky clone every answer).
   */
  private noteThrottle(error: unknown): void {
    if (!(error instanceof HTTPError) || error.response.status !== 429 || this.throttles.has(error)) return;
    this.throttles.add(error);
    this.options.scheduler?.throttledBy(retryAfterMs(error.response.headers.get('retry-after')));
  }

  /** Tells `onRetry` of a retry of `operation` (from ky's beforeRetry hook). */
  private observeRetry(operation: string, { error, retryCount }: BeforeRetryState, ambient: Ambient): void {
    this.options.onRetry?.(
      {
        operation,
        attempt: retryCount,
        status:
          error instanceof HTTPError
            ? String(error.response.status)
            : error instanceof TimeoutError
              ? 'timeout'
              : 'network',
      },
      ambient,
    );
  }

  /** Reports a write to `onWrite` (the audit trail). */
  private tellWrite(
    method: Method,
    path: string,
    call: CallOptions,
    outcome: Partial<UpstreamWrite> & Pick<UpstreamWrite, 'ambient'>,
  ): void {
    const key = (call.json as { idempotencyKey?: unknown } | undefined)?.idempotencyKey;
    this.options.onWrite?.({
      method,
      path,
      operation: call.operation,
      accountId: call.accountId,
      idempotencyKey: typeof key === 'string' ? key : undefined,
      ...outcome,
    });
  }

  /** Calls made on WixHttp itself carry no ambient (start-up and readiness checks). */
  protected dispatch<T>(method: Method, path: string, call: CallOptions): Promise<T> {
    return this.request<T>(method, path, call);
  }
}
