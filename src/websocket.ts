import { createSourceEventStream, execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from './context.js';
import { ErrorCode, GatewayError, formatError } from './errors.js';

/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol, graphql-ws) on the gateway's `/graphql` path.
 *
 * The tenant is checked once at `connection_init`, exactly as HTTP checks it: the `wix-account-id` connection param
 * (or the upgrade request's header) goes through the same `createContext` / Tenancy. A malformed account closes the
 * socket with 4400, a foreign one with 4403, an upstream failure while checking with 1013 (try again later). Every
 * operation then gets its own context, and every event of a subscription a fresh one, so no request-scoped loader
 * serves a stale answer over a long-lived connection. Connections, operations per connection and message size are
 * bounded; errors go through the same `formatError` as HTTP.
 */
export interface WebSocketLimits {
  /** Open connections of the gateway; an upgrade past it is answered 503. */
  maxConnections: number;
  /** Operations (subscriptions) in flight on one connection. */
  maxOperationsPerConnection: number;
  /** Largest message accepted, in bytes. */
  maxPayloadBytes: number;
}

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = { maxConnections: 10_000, maxOperationsPerConnection: 100, maxPayloadBytes: 512 * 1024 };

export interface GraphQLWebSocketOptions {
  schema: GraphQLSchema;
  /** The HTTP path's context builder: validates the requested account (throws GatewayError) and builds data sources. */
  contextFor: (requestedAccountId: string | undefined) => Promise<GatewayContext>;
  limits?: Partial<WebSocketLimits>;
  /** How long close() waits for clients to answer the close handshake before cutting them off. */
  closeGraceMs?: number;
}

/** What the transport keeps per connection. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  /** The `wix-account-id` the connection was accepted for (undefined ⇒ the main account). */
  requestedAccountId?: string;
}

type Ctx = Context<Record<string, unknown> | undefined, Extra & Partial<ConnectionState>>;

/** The WebSocket endpoint attached to a gateway's HTTP server. */
export class GraphQLWebSocket {
  private readonly wss: WebSocketServer;
  private readonly limits: WebSocketLimits;
  private readonly upgrading = new Set<Duplex>();
  private readonly disposable: { dispose: () => Promise<void> | void };
  /** Per-operation context → a builder of fresh contexts for each event. */
  private readonly freshContexts = new WeakMap<object, () => Promise<GatewayContext>>();
  private closing = false;

  constructor(
    private readonly server: Server,
    private readonly options: GraphQLWebSocketOptions,
  ) {
    this.limits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.limits };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxPayloadBytes });
    this.disposable = useServer<Record<string, unknown> | undefined, ConnectionState>(
      {
        isProd: true,
        connectionInitWaitTimeout: 5_000,
        onConnect: (ctx) => this.onConnect(ctx),
        onSubscribe: (ctx, _id, payload) => this.onSubscribe(ctx, payload),
        subscribe: (args) => this.subscribe(args),
        execute: (args) => execute(args),
        onNext: (_ctx, _id, _payload, _args, result) => formatResult(result),
        onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      },
      this.wss,
    );
    server.on('upgrade', this.onUpgrade);
  }

  /** Open connections. */
  get connections(): number {
    return this.wss.clients.size;
  }

  /** Closes every connection (1001 Going away), waits for them briefly, then cuts off the rest. */
  async close(): Promise<void> {
    this.closing = true;
    this.server.off('upgrade', this.onUpgrade);
    for (const socket of this.upgrading) socket.destroy();
    const clients = [...this.wss.clients];
    const closed = Promise.all(clients.map((c) => new Promise<void>((resolve) => (c.readyState === c.CLOSED ? resolve() : c.once('close', () => resolve())))));
    await this.disposable.dispose();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.closeGraceMs ?? 1_000)));
    await Promise.race([closed, grace]);
    clearTimeout(timer);
    for (const client of clients) if (client.readyState !== client.CLOSED) client.terminate();
    await closed;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path !== '/graphql') return refuse(socket, 404, 'Not Found');
    if (this.closing) return refuse(socket, 503, 'Service Unavailable');
    if (this.wss.clients.size + this.upgrading.size >= this.limits.maxConnections) return refuse(socket, 503, 'Service Unavailable', { 'retry-after': '5' });
    this.upgrading.add(socket);
    socket.once('close', () => this.upgrading.delete(socket));
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.upgrading.delete(socket);
      this.wss.emit('connection', ws, req);
    });
  };

  /** connection_init: the same tenant check as HTTP. */
  private async onConnect(ctx: Ctx): Promise<boolean> {
    const close = (code: number, reason: string) => {
      ctx.extra.socket.close(code, reason.slice(0, 120));
      return false;
    };
    const requested = requestedAccount(ctx);
    if (requested instanceof GatewayError) return close(4400, `Bad request: ${requested.message}`);
    try {
      await this.options.contextFor(requested);
    } catch (error) {
      const code = error instanceof GatewayError ? error.code : undefined;
      if (code === ErrorCode.BAD_USER_INPUT) return close(4400, `Bad request: ${(error as GatewayError).message}`);
      if (code === ErrorCode.FORBIDDEN) return close(4403, `Forbidden: ${(error as GatewayError).message}`);
      if (code?.startsWith('UPSTREAM_')) return close(1013, 'Try again later: Wix could not confirm the account');
      return close(1011, 'Internal server error');
    }
    ctx.extra.requestedAccountId = requested;
    return true;
  }

  /** Parses, validates and builds the operation's context; refusals become an `error` message, never a closed socket. */
  private async onSubscribe(ctx: Ctx, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): Promise<ExecutionArgs | readonly GraphQLError[]> {
    // ctx.subscriptions already holds this operation (as null).
    if (Object.keys(ctx.subscriptions).length > this.limits.maxOperationsPerConnection) {
      return [coded(`At most ${this.limits.maxOperationsPerConnection} operations may run at once on one connection; complete one first or open another connection`, ErrorCode.BAD_USER_INPUT)];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      return [coded(error instanceof Error ? error.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(this.options.schema, document);
    if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    if (!getOperationAST(document, payload.operationName)) return [coded('Unable to identify the operation to run (name it with operationName)', 'GRAPHQL_VALIDATION_FAILED')];
    const requested = ctx.extra.requestedAccountId;
    const fresh = () => this.options.contextFor(requested);
    let contextValue: GatewayContext;
    try {
      contextValue = await fresh();
    } catch (error) {
      return [error instanceof GraphQLError ? error : coded('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR)];
    }
    this.freshContexts.set(contextValue, fresh);
    return { schema: this.options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
  }

  /** graphql-js `subscribe`, except that each event is executed with a fresh context (fresh loaders). */
  private async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const fresh = this.freshContexts.get(args.contextValue as object);
    const contextFor = async () => {
      if (!fresh) return args.contextValue;
      // A context failure for one event (Wix briefly down while re-checking the tenant) must not drop the stream:
      // that event resolves nested fields with the operation's context instead.
      return fresh().catch(() => args.contextValue);
    };
    return mapEvents(stream, async (payload) => execute({ ...args, rootValue: payload, contextValue: await contextFor() }) as Promise<ExecutionResult>);
  }
}

/** The account asked for: the connection param or the upgrade request's header (they must agree when both are sent). */
function requestedAccount(ctx: Ctx): string | undefined | GatewayError {
  const params = ctx.connectionParams ?? {};
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'wix-account-id');
  const fromParams = key === undefined ? undefined : params[key];
  const fromHeader = ctx.extra.request.headers['wix-account-id'];
  if (fromParams !== undefined && fromParams !== null && typeof fromParams !== 'string') return new GatewayError(ErrorCode.BAD_USER_INPUT, 'the wix-account-id connection param must be a string');
  if (Array.isArray(fromHeader)) return new GatewayError(ErrorCode.BAD_USER_INPUT, 'send one wix-account-id header');
  const param = typeof fromParams === 'string' && fromParams.trim() !== '' ? fromParams.trim() : undefined;
  const header = fromHeader?.trim() || undefined;
  if (param && header && param.toLowerCase() !== header.toLowerCase()) return new GatewayError(ErrorCode.BAD_USER_INPUT, 'the wix-account-id connection param and header disagree');
  return param ?? header;
}

/**
 * Maps each event of `source` through `map`. A plain iterator, not an async generator: a generator's `return()`
 * waits until it reaches a `yield`, so an unsubscribe would hang while the poller has nothing new; here `return()`
 * goes straight to the source (the poller listener leaves at once).
 */
function mapEvents<T, R>(source: AsyncIterable<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> & { return(): Promise<IteratorResult<R>> } {
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
function formatResult(result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  const lines = [`HTTP/1.1 ${status} ${text}`, 'Connection: close', 'Content-Length: 0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`);
}
