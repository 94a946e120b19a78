import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';

/** The request ID header: honoured when a client (or a proxy) sends a well-formed one, echoed in every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming `x-request-id` may be: 1–128 characters of letters, digits and `-_.:/+=@`; else one is made. */
const REQUEST_ID = /^[A-Za-z0-9\-_.:/+=@]{1,128}$/;

/** The request ID to use: the client's when it is well formed, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * What one request (or one flow run) accumulates while it runs, carried in its ambient (src/ambient.ts): its ID (sent
 * to Wix as `x-request-id`) and the upstream calls it made (for its log line). Calls shared with another request's
 * identical GET in flight count for the request that made them.
 */
export interface RequestScope {
  requestId: string;
  upstreamCalls: number;
  upstreamFailures: number;
  /** The request's server span, when tracing is on (the Apollo plugin names it after the operation). */
  span?: Span;
}

/** A new scope for the request (or flow run) `requestId`. */
export function newRequestScope(requestId: string): RequestScope {
  return { requestId, upstreamCalls: 0, upstreamFailures: 0 };
}

/** The scope observeHttp opened for each HTTP request, for the handler that builds the request's ambient. */
const ofRequest = new WeakMap<IncomingMessage, RequestScope>();

/** Binds `scope` to the HTTP request `req` (http-observer.ts). */
export function bindRequestScope(req: IncomingMessage, scope: RequestScope): void {
  ofRequest.set(req, scope);
}

/** The scope of the HTTP request `req`; undefined when the listener is not observed. */
export function requestScopeOf(req: IncomingMessage): RequestScope | undefined {
  return ofRequest.get(req);
}
