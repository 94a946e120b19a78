import type { TestSandbox } from './test-sandbox.js';

export interface RawResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls an admin route (or any path) of the sandbox without throwing on a non-2xx answer, so tests can assert on
 * refusals. `body` may be an object (sent as JSON) or a raw string (sent as is, e.g. malformed JSON).
 */
export async function rawCall<T = any>(
  sb: TestSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`${sb.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** The `field` of every violation of a validationError body. */
export function violatedFields(body: any): string[] {
  return (body?.details?.validationError?.fieldViolations ?? []).map((v: { field: string }) => v.field);
}
