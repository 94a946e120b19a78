import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import { AmbientSlot } from '../ambient.js';

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
 * What one request (or one flow step) accumulates while it runs, carried with AsyncLocalStorage: its ID (sent to Wix
 * as `x-request-id`) and the upstream calls it made (for its log line). Calls shared with another request's identical
 * GET in flight count for the request that made them.
 */
export interface RequestScope {
  requestId: string;
  upstreamCalls: number;
  upstreamFailures: number;
  /** The request's server span, when tracing is on (the Apollo plugin names it after the operation). */
  span?: Span;
}

const storage = new AmbientSlot<RequestScope>('request scope');

/** Runs `fn` in a new request scope. */
export function runInRequestScope<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, upstreamCalls: 0, upstreamFailures: 0 }, fn);
}

/** The scope of the running request; undefined outside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.get();
}
