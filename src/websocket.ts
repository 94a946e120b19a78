import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { LRUCache } from 'lru-cache';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Ambient } from './ambient.js';
import { inOperationSpan, tracingOn } from './observability/tracing.js';
import { interactiveBudget } from './budget/interactive.js';
import type { Caller } from './auth/caller.js';
import type { GatewayAuth } from './auth/gateway-auth.js';
import { checkOperationScopes } from './auth/operation-scopes.js';
import { connectRefusal } from './auth/websocket-refusals.js';
import type { GatewayContext } from './context.js';
import { ErrorCode, GatewayError, formatError } from './errors.js';
import { allValidationRules, parseOptions } from './limits.js';
import { checkCost, checkQueryLength, checkShape } from './limits/check.js';
import type { TrustedDocuments } from './limits/trusted-documents.js';
import type { WebSocketObserver } from './observability/runtime-observers.js';
import { quietSocketErrors } from './transport/ws-quiet.js';
import {
  coded,
  formatResult,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  mapEvents,
  offeredSubprotocols,
  refuse,
  UNSUPPORTED_SUBPROTOCOL,
  requestedAccount,
  SharedEventContexts,
  unavailableContext,
} from './websocket-support.js';

/** Bounds of the WebSocket endpoint. */
export interface WebSocketLimits {
  /** Open connections of the gateway; an upgrade past it is answered 503. */
  maxConnections: number;
  /** Operations (subscriptions) in flight on one connection. */
  maxOperationsPerConnection: number;
  /** Largest message accepted, in bytes. */
  maxPayloadBytes: number;
}

/** Longer query texts are parsed every time rather than kept as cache keys. */
const MAX_CACHED_QUERY_LENGTH = 20_000;

/** Defaults of {@link WebSocketLimits}. */
export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxConnections: 10_000,
  maxOperationsPerConnection: 100,
  maxPayloadBytes: 512 * 1024,
};

/** What the WebSocket endpoint needs from the gateway. */
export interface GraphQLWebSocketOptions {
  schema: GraphQLSchema;
  /** The HTTP path's context builder: validates the requested account (throws GatewayError) and builds data sources. */
  contextFor: (requestedAccountId: string | undefined, caller: Caller, ambient?: Ambient) => Promise<GatewayContext>;
  /** Access control: the upgrade's `Origin`, the connection's credential, the scope of every operation. */
  auth: GatewayAuth;
  /** Trusted documents (TRUSTED_DOCUMENTS): when set, only the operations listed there run. */
  trusted?: TrustedDocuments;
  limits?: Partial<WebSocketLimits>;
  /** How long close() waits for clients to answer the close handshake before cutting them off. */
  closeGraceMs?: number;
  /** Told of every connection and accepted operation (logs and metrics, src/observability). */
  observer?: WebSocketObserver;
}

/** What the transport keeps per connection. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  /** The `wix-account-id` the connection was accepted for (undefined ⇒ the main account). */
  requestedAccountId?: string;
  /** Who authenticated at connection_init (re-checked at every `subscribe`, so a revocation holds). */
  caller?: Caller;
}

type Ctx = Context<Record<string, unknown> | undefined, Extra & Partial<ConnectionState>>;

/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol, graphql-ws) on the gateway's `/graphql` path.
 *
 * The tenant is checked once at `connection_init`, exactly as HTTP checks it: the `wix-account-id` connection param
 * (or the upgrade request's header) goes through the same `createContext` / Tenancy. A malformed account closes the
 * socket with 4400, a foreign one with 4403, an upstream failure while checking with 1013 (try again later). Every
 * operation then gets its own context, and every event of a subscription a fresh one (shared for a quarter second by
 * the tenant's subscriptions, see SharedEventContexts), so no request-scoped loader serves a stale answer over a
 * long-lived connection. Connections, operations per connection and message size are bounded; errors go through the
 * same `formatError` as HTTP.
 */
export class GraphQLWebSocket {
  private readonly wss: WebSocketServer;
  private readonly limits: WebSocketLimits;
  private readonly upgrading = new Set<Duplex>();
  private readonly disposable: { dispose: () => Promise<void> | void };
  /** Per-operation context → a builder of fresh contexts for each event. */
  private readonly freshContexts = new WeakMap<object, () => Promise<GatewayContext>>();
  private readonly eventContexts: SharedEventContexts;
  private closing = false;
  private closed: Promise<void> | undefined;
  /** Bounded in entries and in size: a key's text, and its AST at about ten times that. */
  private readonly documents = new LRUCache<string, DocumentNode>({
    max: 500,
    maxSize: 16 * 1024 * 1024,
    sizeCalculation: (_document, query) => 2 * query.length * 11,
  });

  constructor(
    private readonly server: Server,
    private readonly options: GraphQLWebSocketOptions,
  ) {
    this.limits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.limits };
    this.eventContexts = new SharedEventContexts(options.contextFor);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxPayloadBytes });
    this.disposable = useServer<Record<string, unknown> | undefined, ConnectionState>(
      {
        isProd: true,
        connectionInitWaitTimeout: 5_000,
        onConnect: (ctx) => this.onConnect(ctx),
        onSubscribe: (ctx, _id, payload) => this.onSubscribe(ctx, payload),
        subscribe: (args) => this.subscribe(args),
        execute: (args) => {
          // Queries and mutations over a socket spend the interactive budget of the connection's tenant, like HTTP
          // (their context's ambient, see onSubscribe), and answer with its usage counts.
          const budget = (args.contextValue as Partial<GatewayContext>).ambient?.budget;
          const run = async () => {
            const result = await execute(args);
            if (budget?.usage && !(Symbol.asyncIterator in result))
              return { ...result, extensions: { ...result.extensions, upstream: budget.usage.toJSON() } };
            return result;
          };
          // A span per operation over the socket too (`query Name`), as over HTTP, when tracing is on.
          return tracingOn() ? inOperationSpan(args.document, args.operationName, run) : run();
        },
        onNext: (_ctx, _id, _payload, _args, result) => formatResult(result),
        onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      },
      this.wss,
    );
    quietSocketErrors(this.wss);
    const observer = options.observer;
    if (observer)
      this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => observer.connected(socket, req));
    server.on('upgrade', this.onUpgrade);
  }

  /** Open connections. */
  get connections(): number {
    return this.wss.clients.size;
  }

  /** Closes every connection (1001 Going away), waits for them briefly, then cuts off the rest. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.server.off('upgrade', this.onUpgrade);
    for (const socket of this.upgrading) socket.destroy();
    const clients = [...this.wss.clients];
    const closed = Promise.all(
      clients.map(
        (c) =>
          new Promise<void>((resolve) => (c.readyState === c.CLOSED ? resolve() : c.once('close', () => resolve()))),
      ),
    );
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
    // A browser page from an origin not allowed is refused before any WebSocket exists (CORS_ORIGINS).
    if (!this.options.auth.origins.allows(req.headers.origin, req.headers.host))
      return refuse(socket, 403, 'Forbidden');
    if (this.closing) return refuse(socket, 503, 'Service Unavailable');
    // Only graphql-transport-ws is spoken: a client that offers subprotocols but not that one (the legacy
    // subscriptions-transport-ws asks for `graphql-ws`) is told so, instead of getting a socket that closes at once.
    const offered = offeredSubprotocols(req.headers['sec-websocket-protocol']);
    if (offered.length > 0 && !offered.includes(GRAPHQL_TRANSPORT_WS_PROTOCOL))
      return refuse(socket, 400, 'Bad Request', {}, UNSUPPORTED_SUBPROTOCOL);
    if (this.wss.clients.size + this.upgrading.size >= this.limits.maxConnections)
      return refuse(socket, 503, 'Service Unavailable', { 'retry-after': '5' });
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
      // A close reason is at most 123 bytes: keep it ASCII and short.
      ctx.extra.socket.close(code, reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 123));
      return false;
    };
    const requested = requestedAccount(ctx.connectionParams, ctx.extra.request.headers);
    if (requested instanceof GatewayError) return close(4400, `Bad request: ${requested.message}`);
    try {
      ctx.extra.caller = await this.options.auth.wsCaller(ctx.connectionParams, ctx.extra.request.headers);
      await this.options.contextFor(requested, ctx.extra.caller);
    } catch (error) {
      const refusal = connectRefusal(error);
      if (refusal) return close(refusal.code, refusal.reason);
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
  private async onSubscribe(
    ctx: Ctx,
    payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    // ctx.subscriptions already holds this operation (as null).
    if (Object.keys(ctx.subscriptions).length > this.limits.maxOperationsPerConnection) {
      return [
        coded(
          `At most ${this.limits.maxOperationsPerConnection} operations may run at once on one connection; complete one first or open another connection`,
          ErrorCode.BAD_USER_INPUT,
        ),
      ];
    }
    let query = payload.query;
    if (this.options.trusted) {
      const text = this.options.trusted.resolve(payload);
      if (typeof text !== 'string') return [text];
      query = text;
    }
    const document = this.documentOf(query);
    if (!('kind' in document)) return document;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation)
      return [
        coded('Unable to identify the operation to run (name it with operationName)', 'GRAPHQL_VALIDATION_FAILED'),
      ];
    const tooCostly = checkCost(this.options.schema, document, operation, payload.variables);
    if (tooCostly) return [tooCostly];
    const requested = ctx.extra.requestedAccountId;
    let contextValue: GatewayContext;
    let caller: Caller;
    // What the operation's upstream calls carry (src/ambient.ts): filled in once the operation is known to be allowed.
    const ambient: { -readonly [K in keyof Ambient]: Ambient[K] } = {};
    try {
      // The credential again (a revoked token stops at its next operation), then the scopes of the root fields.
      caller = await this.options.auth.wsCaller(ctx.connectionParams, ctx.extra.request.headers);
      contextValue = await this.options.contextFor(requested, caller, ambient);
      const summary = checkOperationScopes(
        this.options.schema,
        document,
        payload.operationName,
        payload.variables,
        caller,
      );
      // No write over a socket either while the shared store is unreachable (STORE_UNAVAILABLE).
      if (summary?.type === 'mutation') await this.options.auth.checkWritable();
      // The audit trail's caller, and for a query or mutation the interactive budget of the tenant.
      ambient.call = {
        caller,
        tenantId: contextValue.tenantId,
        operationName: summary?.operationName,
        mutation: summary?.type === 'mutation' ? summary.rootFields.join(',') : null,
      };
      if (operation.operation !== OperationTypeNode.SUBSCRIPTION)
        ambient.budget = interactiveBudget(contextValue.tenantId);
    } catch (error) {
      return [error instanceof GraphQLError ? error : coded('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR)];
    }
    this.freshContexts.set(contextValue, () => this.eventContexts.get(requested, caller));
    this.options.observer?.operation(operation.operation);
    return {
      schema: this.options.schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
  }

  /**
   * Parsed and validated once per distinct query text: a thousand clients subscribing with the same document share
   * one AST (it is most of an idle subscription's memory otherwise). Bounded LRU; refused documents are not kept.
   */
  private documentOf(query: string): DocumentNode | GraphQLError[] {
    const cached = this.documents.get(query);
    if (cached) return cached;
    const tooLong = checkQueryLength(query);
    if (tooLong) return [tooLong];
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
    } catch (error) {
      return [coded(error instanceof Error ? error.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED')];
    }
    const tooLarge = checkShape(document);
    if (tooLarge) return [tooLarge];
    const errors = validate(this.options.schema, document, allValidationRules);
    if (errors.length > 0)
      return errors.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
    if (query.length <= MAX_CACHED_QUERY_LENGTH) this.documents.set(query, document);
    return document;
  }

  /**
   * graphql-js `subscribe`, except that each event is executed with a recent context (fresh loaders), and that the
   * operation's own context is let go once the source stream exists — a long-lived subscription holds no loaders.
   */
  private async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const fresh = this.freshContexts.get(args.contextValue as object);
    if (!fresh)
      return mapEvents(stream, (payload) => execute({ ...args, rootValue: payload }) as Promise<ExecutionResult>);
    // graphql-ws keeps `args` for the life of the subscription; only the per-event contexts below are needed now.
    Reflect.set(args, 'contextValue', undefined);
    const contextFor = () =>
      // If the context cannot be built for one event (Wix briefly down while re-checking a sub-account tenant), the
      // event still goes out: its own fields come from the poller, and fields needing data sources fail alone.
      fresh().catch((error: unknown) => unavailableContext(error));
    return mapEvents(
      stream,
      async (payload) =>
        execute({ ...args, rootValue: payload, contextValue: await contextFor() }) as Promise<ExecutionResult>,
    );
  }
}
