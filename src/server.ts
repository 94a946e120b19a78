import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SharedCaches } from './caches.js';
import { defaultCatalog, type ProductCatalog } from './catalog.js';
import { createContext, type GatewayContext } from './context.js';
import { WixHttp } from './datasources/http.js';
import { ErrorCode, GatewayError, formatError } from './errors.js';
import { GraphiQL } from './graphiql.js';
import { createOperationServices, type OperationOptions, type OperationServices } from './flows/services.js';
import { PollerRegistry, type PollingOptions } from './polling/registry.js';
import { ResourceWatches } from './polling/watches.js';
import { limitRules, parseOptions } from './limits.js';
import { buildGatewaySchema } from './schema.js';
import { GraphQLWebSocket, type WebSocketLimits } from './websocket.js';

/** Where the gateway sends its Wix calls, and as whom. */
export interface UpstreamConfig {
  baseUrl: string;
  apiKey: string;
  mainAccountId: string;
  timeoutMs: number;
  /** The product catalog of this upstream; the sandbox's (`catalog/sandbox.json`) when omitted. */
  catalog?: ProductCatalog;
}

export interface GatewayOptions {
  upstream: UpstreamConfig;
  port?: number;
  host?: string;
  /** Status pollers behind the subscriptions (intervals, caps); see PollerRegistry. */
  polling?: PollingOptions;
  /** Bounds of the GraphQL WebSocket endpoint (connections, operations per connection, message size). */
  websocket?: Partial<WebSocketLimits>;
  /** Operation store and flow runner settings; an in-memory store when omitted. */
  operations?: OperationOptions;
}

/** Request bodies above this are refused before parsing. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * A running gateway: the HTTP server with Apollo on `/graphql` (and graphql-ws subscriptions on the same path), GraphiQL
 * for a browser's GET of `/graphql` (its files under `/graphiql/`, see graphiql.ts) and a health check on `/healthz`.
 */
export class Gateway {
  private constructor(
    private readonly server: Server,
    private readonly apollo: ApolloServer<GatewayContext>,
    /** This gateway's status pollers (one registry per Gateway, never shared between instances). */
    readonly polling: PollerRegistry,
    private readonly websocket: GraphQLWebSocket,
    /** Operation store, mutation ledger and flow runner of this gateway. */
    readonly operations: OperationServices,
  ) {}

  static async start(options: GatewayOptions): Promise<Gateway> {
    const schema = await buildGatewaySchema();
    const apollo = new ApolloServer<GatewayContext>({
      schema,
      formatError,
      validationRules: limitRules,
      parseOptions,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      plugins: [ApolloServerPluginLandingPageDisabled()],
    });
    await apollo.start();
    const http = new WixHttp({ baseUrl: options.upstream.baseUrl, apiKey: options.upstream.apiKey, timeoutMs: options.upstream.timeoutMs });
    const caches = new SharedCaches();
    const catalog = options.upstream.catalog ?? defaultCatalog();
    const polling = new PollerRegistry(options.polling);
    const watches = new ResourceWatches(polling, http, options.upstream.mainAccountId);
    // One context builder for HTTP and WebSocket: the same tenant check and the same data sources.
    // The runner builds contexts as an operation's tenant; the contexts carry the runner: declared first, bound below.
    let operations: OperationServices | undefined;
    const contextFor = (requestedAccountId: string | undefined) =>
      createContext({ http, caches, mainAccountId: options.upstream.mainAccountId, catalog, requestedAccountId, watches, operations: operations as OperationServices });
    operations = createOperationServices(options.operations ?? { storePath: ':memory:' }, (tenantId) => contextFor(tenantId));
    const graphiql = new GraphiQL();
    const server = createServer((req, res) => {
      handle(req, res, apollo, { http, caches, upstream: options.upstream, catalog, contextFor, graphiql }).catch((error: unknown) => {
        console.error('gateway: request failed', error instanceof Error ? error.message : 'unknown error');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const websocket = new GraphQLWebSocket(server, { schema, contextFor, limits: options.websocket });
    // Operations that were running when a gateway stopped (or died) go on now.
    await operations.runner.resume();
    return new Gateway(server, apollo, polling, websocket, operations);
  }

  /** Base URL, e.g. http://127.0.0.1:4000 (the API is at `${url}/graphql`). */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Open GraphQL WebSocket connections. */
  get webSocketConnections(): number {
    return this.websocket.connections;
  }

  async close(): Promise<void> {
    // WebSockets first (1001 Going away): their subscriptions leave the pollers, then every poller stops.
    await this.websocket.close();
    // Running operations stop where they are (saved after every step) and resume at the next start.
    await this.operations.runner.close();
    this.polling.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.apollo.stop();
    await this.operations.store.close();
  }
}

/** What every request handler shares. */
interface Shared {
  http: WixHttp;
  caches: SharedCaches;
  upstream: UpstreamConfig;
  catalog: ProductCatalog;
  contextFor: (requestedAccountId: string | undefined) => Promise<GatewayContext>;
  /** The GraphiQL page (a browser's GET /graphql) and its files under /graphiql/. */
  graphiql: GraphiQL;
}

async function handle(req: IncomingMessage, res: ServerResponse, apollo: ApolloServer<GatewayContext>, shared: Shared): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (url.pathname === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (shared.graphiql.handle(req, res, url)) return;
  if (url.pathname !== '/graphql') {
    sendJson(res, 404, { errors: [{ message: 'Not found: the API is at /graphql', extensions: { code: ErrorCode.NOT_FOUND } }] });
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  let body: unknown;
  try {
    body = req.method === 'POST' ? await readJsonBody(req) : undefined;
  } catch (error) {
    const message = error instanceof GatewayError ? error.message : 'Request body must be JSON';
    sendJson(res, 400, { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  const request: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: request,
    context: () => shared.contextFor(headers.get('wix-account-id')),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GatewayError(ErrorCode.BAD_USER_INPUT, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
