import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Caller } from './auth/caller.js';
import type { GatewayContext } from './context.js';
import { ErrorCode, GatewayError, formatError } from './errors.js';

/** Small pieces of the GraphQL WebSocket transport (src/websocket.ts). */

/** A context whose every use throws `error`: the resolvers that need data sources fail, the others answer. */
export function unavailableContext(error: unknown): GatewayContext {
  return new Proxy({} as GatewayContext, {
    get(_target, property) {
      if (property === 'then') return undefined;
      throw error;
    },
  });
}

/** The value of `name` in `params`, matched case-insensitively (undefined when absent). */
function param(params: Readonly<Record<string, unknown>>, name: string): unknown {
  const key = Object.keys(params).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : params[key];
}

/**
 * The account asked for: the `wix-account-id` connection param, flat (`{"wix-account-id": …}`) or nested the way
 * Apollo Client and urql users write headers (`{headers: {"wix-account-id": …}}`), or the upgrade request's header.
 * Every one sent must agree; a malformed one is a GatewayError (closed 4400), never ignored.
 */
export function requestedAccount(
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  headers: IncomingHttpHeaders,
): string | undefined | GatewayError {
  const params = connectionParams ?? {};
  const nested = param(params, 'headers');
  if (nested !== undefined && nested !== null && (typeof nested !== 'object' || Array.isArray(nested)))
    return new GatewayError(ErrorCode.BAD_USER_INPUT, 'the headers connection param must be an object');
  const candidates = [
    ['connection param', param(params, 'wix-account-id')],
    ['headers connection param', nested ? param(nested as Record<string, unknown>, 'wix-account-id') : undefined],
  ] as const;
  const values: string[] = [];
  for (const [where, value] of candidates) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      return new GatewayError(ErrorCode.BAD_USER_INPUT, `the wix-account-id ${where} must be a string`);
    if (value.trim() !== '') values.push(value.trim());
  }
  const fromHeader = headers['wix-account-id'];
  if (Array.isArray(fromHeader)) return new GatewayError(ErrorCode.BAD_USER_INPUT, 'send one wix-account-id header');
  if (fromHeader?.trim()) values.push(fromHeader.trim());
  if (values.some((v) => v.toLowerCase() !== values[0]?.toLowerCase()))
    return new GatewayError(ErrorCode.BAD_USER_INPUT, 'the wix-account-id connection params and header disagree');
  return values[0];
}

/**
 * Maps each event of `source` through `map`. A plain iterator, not an async generator: a generator's `return()`
 * waits until it reaches a `yield`, so an unsubscribe would hang while the poller has nothing new; here `return()`
 * goes straight to the source (the poller listener leaves at once).
 */
export function mapEvents<T, R>(
  source: AsyncIterable<T>,
  map: (value: T) => Promise<R>,
): AsyncIterableIterator<R> & { return(): Promise<IteratorResult<R>> } {
  const iterator = source[Symbol.asyncIterator]();
  const done = async (): Promise<IteratorResult<R>> => {
    await iterator.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const next = await iterator.next();
      return next.done ? { value: undefined, done: true } : { value: await map(next.value), done: false };
    },
    return: done,
    throw: done,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Errors of an execution result through the same formatError as HTTP (masking anything unexpected). */
export function formatResult(result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
}

/** A GraphQL error with an `extensions.code`. */
export function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Answers an upgrade request with a plain HTTP status and closes the socket (no WebSocket is opened). */
export function refuse(
  socket: Duplex,
  status: number,
  text: string,
  headers: Record<string, string> = {},
  body = '',
): void {
  const lines = [
    `HTTP/1.1 ${status} ${text}`,
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(body ? ['Content-Type: text/plain; charset=utf-8'] : []),
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** The one WebSocket subprotocol the gateway speaks (the graphql-ws library's). */
export const GRAPHQL_TRANSPORT_WS_PROTOCOL = 'graphql-transport-ws';

/** The answer to a client that offers only other subprotocols (e.g. the legacy subscriptions-transport-ws). */
export const UNSUPPORTED_SUBPROTOCOL =
  'This endpoint speaks the graphql-transport-ws subprotocol only (the graphql-ws library: createClient({ url })). ' +
  'The legacy subscriptions-transport-ws protocol (subprotocol "graphql-ws") is not supported.';

/** The subprotocols an upgrade request offers (`Sec-WebSocket-Protocol`, comma-separated), trimmed. */
export function offeredSubprotocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * Per-event contexts, shared for a moment by every subscription of one tenant: a change pushed to 200 subscribers
 * then resolves their nested fields through one set of loaders (one batched upstream call, not 200), and each event
 * still sees data at most `ttlMs` old. Keyed by the requested account and the caller, so never shared across tenants
 * or credentials; bounded.
 */
export class SharedEventContexts {
  private readonly entries = new Map<string, { context: Promise<GatewayContext>; expires: number }>();

  constructor(
    private readonly build: (requestedAccountId: string | undefined, caller: Caller) => Promise<GatewayContext>,
    private readonly ttlMs = 250,
    private readonly max = 1_000,
  ) {}

  /** The tenant's current shared context, or a new one when it expired (a failed build is not kept). */
  get(requestedAccountId: string | undefined, caller: Caller): Promise<GatewayContext> {
    const key = `${caller.id}|${requestedAccountId?.toLowerCase() ?? ''}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.context;
    if (this.entries.size >= this.max) {
      for (const [k, entry] of this.entries) if (entry.expires <= now) this.entries.delete(k);
      const oldest = this.entries.keys().next();
      if (this.entries.size >= this.max && !oldest.done) this.entries.delete(oldest.value);
    }
    const entry = { context: this.build(requestedAccountId, caller), expires: now + this.ttlMs };
    this.entries.set(key, entry);
    // A failed build is not kept: the next event tries again.
    entry.context.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return entry.context;
  }
}
