import { HTTPError, TimeoutError } from 'ky';
import type { UpstreamFailure } from '../errors.js';
import { scrub } from '../redact.js';

/*
 * What http.ts makes of a failed Wix call: whether to retry it, the Retry-After, and the few facts kept of it
 * (status, Wix's error code when it is a clean identifier) — never a body, never the key.
 */

/** What a Wix error code looks like (`SITE_NOT_FOUND`, `Invalid domain`: letters, digits, underscores, spaces). */
const CLEAN_CODE = /^[A-Za-z][A-Za-z0-9_ ]{0,63}$/;

export const RETRY_STATUS = [408, 429, 500, 502, 503, 504];
/** Statuses whose Retry-After is waited out before a retry. */
export const RETRY_AFTER_STATUS = [413, 429, 503];

/**
 * Whether a failed attempt may be retried: a network error, or a retryable status whose Retry-After (if any) is not
 * above `maxRetryAfterMs` — ky would cut a longer one short and call again before Wix said to; the caller gets
 * UPSTREAM_RATE_LIMITED with the Retry-After instead. Timeouts are never retried (ky's rule too).
 */
export function worthRetrying(error: Error, maxRetryAfterMs: number): boolean {
  if (error instanceof TimeoutError) return false;
  if (!(error instanceof HTTPError)) return true;
  const { status, headers } = error.response;
  if (!RETRY_STATUS.includes(status)) return false;
  const after = RETRY_AFTER_STATUS.includes(status) ? retryAfterMs(headers.get('retry-after')) : undefined;
  return after === undefined || after <= maxRetryAfterMs;
}

/** Retry-After in milliseconds (delay-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null): number | undefined {
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
export async function describeFailure(error: unknown, operation: string): Promise<UpstreamFailure> {
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
