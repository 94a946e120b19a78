import type { IncomingMessage, ServerResponse } from 'node:http';
import { WixHttpError, invalidField } from './errors.js';

/** Upper bound on request bodies: Wix's own limits are far below this. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** A request header as one string; undefined when absent or empty. */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** Reads the request body as a JSON object ({} when empty or for GET/HEAD); throws a 400 validation error otherwise. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume();
    return {};
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidField('body', `must be at most ${MAX_BODY_BYTES} bytes`, 'MAX');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalidField('body', 'must be valid JSON', 'FORMAT');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw invalidField('body', 'must be a JSON object', 'FORMAT');
  return parsed as Record<string, unknown>;
}

/** Writes a JSON answer. */
export function send(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  sendText(res, status, JSON.stringify(body ?? {}), headers);
}

/** Writes an already serialised JSON answer. */
export function sendText(res: ServerResponse, status: number, text: string, headers?: Record<string, string>): void {
  const head: Record<string, string | number> = {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(text),
  };
  if (headers) Object.assign(head, headers);
  res.writeHead(status, head);
  res.end(text);
}

/** Writes a WixHttpError as its status and body; anything else as an empty 500 system error. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof WixHttpError) send(res, error.status, error.body, error.headers);
  else send(res, 500, { message: '', details: {} });
}
