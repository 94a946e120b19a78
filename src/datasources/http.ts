import ky, { HTTPError, TimeoutError, type KyInstance, type RetryOptions } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import { mapUpstreamFailure, type UpstreamFailure } from '../errors.js';
import { RetryBudget } from './retry-budget.js';

/**
 * The only module that talks HTTP to Wix (or the sandbox). It adds the auth headers of the contract, a timeout,
 * retries with exponential backoff and jitter on 429/5xx/network errors (honouring Retry-After) for GETs and
 * idempotent writes only, and maps every failure through errors.ts. Upstream bodies and the API key are never
 * forwarded or logged: a failure carries only the status, Wix's error code and its short message.
 */
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
}

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
}

type Method = 'get' | 'post' | 'patch' | 'delete';

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

export class WixHttp {
  private readonly client: KyInstance;
  private readonly retry: RetryOptions;
  readonly budget = new RetryBudget();
  private readonly limit: LimitFunction;
  /** Identical GETs in flight, keyed by tenant + URL: concurrent requests of one tenant share one upstream call. */
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(readonly options: WixHttpOptions) {
    this.limit = pLimit(options.maxConcurrency ?? 64);
    this.retry = {
      shouldRetry: () => (this.budget.take() ? undefined : false),
      limit: options.retryLimit ?? 2,
      methods: ['get', 'post', 'patch', 'delete'],
      statusCodes: RETRY_STATUS,
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: options.maxRetryAfterMs ?? 10_000,
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

  private async send<T>(method: Method, path: string, call: CallOptions): Promise<T> {
    this.budget.earn();
    const headers: Record<string, string> = {};
    if (call.accountId) headers['wix-account-id'] = call.accountId;
    if (call.siteId) headers['wix-site-id'] = call.siteId;
    const retryable = method === 'get' || call.idempotent === true;
    try {
      const response = await this.client(path.replace(/^\//, ''), {
        method,
        headers,
        json: call.json,
        searchParams: call.searchParams,
        // Non-idempotent writes are never repeated: a lost answer must not become a second purchase.
        retry: retryable ? this.retry : { limit: 0 },
      });
      const text = await response.text();
      return (text ? JSON.parse(text) : {}) as T;
    } catch (error) {
      throw mapUpstreamFailure(await describeFailure(error, call.operation));
    }
  }

  get<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('get', path, call);
  }

  post<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('post', path, call);
  }

  patch<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('patch', path, call);
  }

  delete<T>(path: string, call: CallOptions): Promise<T> {
    return this.request<T>('delete', path, call);
  }
}

/** Reduces a ky/fetch error to the few facts the gateway may use. */
async function describeFailure(error: unknown, operation: string): Promise<UpstreamFailure> {
  if (error instanceof TimeoutError) return { kind: 'timeout', operation };
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const retryAfter = Number(error.response.headers.get('retry-after'));
    let wixCode: string | undefined;
    let wixMessage: string | undefined;
    try {
      const body = (await error.response.json()) as { message?: unknown; details?: { applicationError?: { code?: unknown }; validationError?: { fieldViolations?: Array<{ field?: unknown; description?: unknown }> } } };
      if (typeof body?.details?.applicationError?.code === 'string') wixCode = body.details.applicationError.code;
      const violation = body?.details?.validationError?.fieldViolations?.[0];
      if (violation && !wixCode) wixCode = 'INVALID_ARGUMENT';
      if (typeof body?.message === 'string' && body.message) wixMessage = body.message;
    } catch {
      // Not JSON (e.g. an HTML error page): the status alone has to do.
    }
    return { kind: 'http', status, wixCode, wixMessage, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined, operation };
  }
  return { kind: 'network', operation };
}
