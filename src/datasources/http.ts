import ky, { HTTPError, TimeoutError, type BeforeRetryHook, type KyInstance, type RetryOptions } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import { mapUpstreamFailure, type UpstreamFailure } from '../errors.js';
import { registerSecret, scrub } from '../redact.js';
import { RetryBudget } from './retry-budget.js';

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
  /** Told of every failed call (endpoint, status, Wix code; never the key or a body), e.g. to log it. */
  onFailure?: (failure: UpstreamFailure) => void;
  /** Told of every upstream write once it is answered or has failed (the audit trail); must not throw. */
  onWrite?: (write: UpstreamWrite) => void;
  /**
   * Wraps every call (its retries included), e.g. in a trace span; `send` takes extra headers for the call (request ID,
   * `traceparent`). Must call `send` once and return what it returns.
   */
  around?: <T>(call: UpstreamCallInfo, send: (headers: Record<string, string>) => Promise<T>) => Promise<T>;
  /** Told before every retry of a call (endpoint, attempt number, what failed), e.g. to log and count it. */
  onRetry?: (retry: UpstreamRetry) => void;
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
}

/** The header a sandbox names its world with (see WixHttp.world). */
export const WORLD_ID_HEADER = 'x-sandbox-world-id';

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

/** What a Wix error code looks like (`SITE_NOT_FOUND`, `Invalid domain`: letters, digits, underscores, spaces). */
const CLEAN_CODE = /^[A-Za-z][A-Za-z0-9_ ]{0,63}$/;

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];
/** Statuses whose Retry-After is waited out before a retry. */
const RETRY_AFTER_STATUS = [413, 429, 503];

/**
 * The only module that talks HTTP to Wix (or the sandbox). It adds the auth headers of the contract, a timeout,
 * retries with exponential backoff and jitter on 408/429/5xx/network errors (waiting out Retry-After) for GETs and
 * idempotent writes only, under a retry budget, and maps every failure through errors.ts. Upstream bodies and the
 * API key are never forwarded or logged: a failure carries only the status and Wix's error code.
 */
export class WixHttp {
  private readonly client: KyInstance;
  private readonly retry: RetryOptions;
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

  constructor(readonly options: WixHttpOptions) {
    this.limit = pLimit(options.maxConcurrency ?? 64);
    // Wherever the key shows up (an upstream that echoes it in an error, say), errors.ts scrubs it out.
    registerSecret(options.apiKey);
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.retry = {
      // ky asks this first, for every failure (a 404 too): a token is spent only on a retry that will happen.
      shouldRetry: ({ error }) => (worthRetrying(error, maxRetryAfterMs) && this.budget.take() ? undefined : false),
      limit: options.retryLimit ?? 2,
      methods: ['get', 'post', 'patch', 'put', 'delete'],
      statusCodes: RETRY_STATUS,
      afterStatusCodes: RETRY_AFTER_STATUS,
      maxRetryAfter: maxRetryAfterMs,
      backoffLimit: options.backoffLimitMs ?? 2_000,
      jitter: true,
    };
    this.client = ky.create({
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      throwHttpErrors: true,
      headers: { accept: 'application/json', authorization: options.apiKey },
    });
  }

  /** Performs one Wix call and returns its parsed JSON body; identical concurrent GETs of a tenant share one call. */
  request<T>(method: Method, path: string, call: CallOptions): Promise<T> {
    if (method !== 'get') return this.limit(() => this.send<T>(method, path, call));
    const key = `${call.accountId ?? ''}|${call.siteId ?? ''}|${path}?${call.searchParams?.toString() ?? ''}`;
    const shared = this.inflight.get(key);
    if (shared) return shared as Promise<T>;
    const promise = this.limit(() => this.send<T>(method, path, call)).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private send<T>(method: Method, path: string, call: CallOptions): Promise<T> {
    const around = this.options.around;
    if (!around) return this.attempt<T>(method, path, call, {});
    return around({ method, path, operation: call.operation }, (extra) => this.attempt<T>(method, path, call, extra));
  }

  private async attempt<T>(method: Method, path: string, call: CallOptions, extra: Record<string, string>): Promise<T> {
    this.budget.earn();
    const headers: Record<string, string> = { ...extra };
    if (call.accountId) headers['wix-account-id'] = call.accountId;
    if (call.siteId) headers['wix-site-id'] = call.siteId;
    const retryable = method === 'get' || call.idempotent === true;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await this.client(path.replace(/^\//, ''), {
        method,
        headers,
        json: call.json,
        searchParams: call.searchParams,
        // Non-idempotent writes are never repeated: a lost answer must not become a second purchase.
        retry: retryable ? this.retry : { limit: 0 },
        hooks: this.options.onRetry ? { beforeRetry: [this.retryObserver(call.operation)] } : undefined,
      });
      this.world = response.headers.get(WORLD_ID_HEADER) ?? this.world;
      this.options.onCall?.({ endpoint: call.operation, status: String(response.status), seconds: seconds() });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as T;
      if (method !== 'get' && !call.read) this.tellWrite(method, path, call, { status: response.status, body });
      return body;
    } catch (error) {
      const failure = await describeFailure(error, call.operation);
      if (error instanceof HTTPError) this.world = error.response.headers.get(WORLD_ID_HEADER) ?? this.world;
      this.options.onFailure?.(failure);
      const status = failure.kind === 'http' ? String(failure.status ?? 0) : failure.kind;
      this.options.onCall?.({ endpoint: call.operation, status, seconds: seconds() });
      const mapped = mapUpstreamFailure(failure);
      if (method !== 'get' && !call.read) {
        const status = mapped.extensions.upstreamStatus as number | undefined;
        this.tellWrite(method, path, call, { status, wixCode: mapped.wixCode, errorCode: mapped.code });
      }
      throw mapped;
    }
  }

  /** ky's beforeRetry hook that tells `onRetry` of a retry of `operation`. */
  private retryObserver(operation: string): BeforeRetryHook {
    return ({ error, retryCount }) =>
      this.options.onRetry?.({
        operation,
        attempt: retryCount,
        status:
          error instanceof HTTPError
            ? String(error.response.status)
            : error instanceof TimeoutError
              ? 'timeout'
              : 'network',
      });
  }

  /** Reports a write to `onWrite` (the audit trail). */
  private tellWrite(method: Method, path: string, call: CallOptions, outcome: Partial<UpstreamWrite>): void {
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

  /** A GET (retried; shared with identical GETs of the tenant in flight). */
  get<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('get', path, call);
  }

  /** A POST (retried only with `idempotent: true`). */
  post<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('post', path, call);
  }

  /** A PATCH (retried only with `idempotent: true`). */
  patch<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('patch', path, call);
  }

  /** A DELETE (retried only with `idempotent: true`). */
  delete<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('delete', path, call);
  }

  /** PUT (Unpublish Site is the one Wix endpoint here that uses it). */
  put<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('put', path, call);
  }
}

/**
 * Whether a failed attempt may be retried: a network error, or a retryable status whose Retry-After (if any) is not
 * above `maxRetryAfterMs` — ky would cut a longer one short and call again before Wix said to; the caller gets
 * UPSTREAM_RATE_LIMITED with the Retry-After instead. Timeouts are never retried (ky's rule too).
 */
function worthRetrying(error: Error, maxRetryAfterMs: number): boolean {
  if (error instanceof TimeoutError) return false;
  if (!(error instanceof HTTPError)) return true;
  const { status, headers } = error.response;
  if (!RETRY_STATUS.includes(status)) return false;
  const after = RETRY_AFTER_STATUS.includes(status) ? retryAfterMs(headers.get('retry-after')) : undefined;
  return after === undefined || after <= maxRetryAfterMs;
}

/** Retry-After in milliseconds (delay-seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** The parts of a Wix error body the gateway reads (CONTRACT §0.2); anything else in it is ignored. */
interface WixErrorBody {
  details?: {
    applicationError?: { code?: unknown };
    validationError?: { fieldViolations?: Array<{ field?: unknown; description?: unknown }> };
  };
}

/** Reduces a ky/fetch error to the few facts the gateway may use. */
async function describeFailure(error: unknown, operation: string): Promise<UpstreamFailure> {
  if (error instanceof TimeoutError) return { kind: 'timeout', operation };
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const retryAfter = retryAfterMs(error.response.headers.get('retry-after'));
    let wixCode: string | undefined;
    try {
      const body = await error.response.json<WixErrorBody>();
      const code = body?.details?.applicationError?.code;
      // Only a clean identifier is kept as a code (it reaches clients as `wixCode`): never free text, never a key.
      if (typeof code === 'string' && CLEAN_CODE.test(code) && scrub(code) === code) wixCode = code;
      const violation = body?.details?.validationError?.fieldViolations?.[0];
      if (violation && !wixCode) wixCode = 'INVALID_ARGUMENT';
    } catch {
      // Not JSON (e.g. an HTML error page): the status alone has to do.
    }
    return {
      kind: 'http',
      status,
      wixCode,
      retryAfterSeconds: retryAfter ? Math.ceil(retryAfter / 1000) : undefined,
      operation,
    };
  }
  return { kind: 'network', operation };
}
