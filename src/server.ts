import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SharedCaches } from './caches.js';
import { defaultCatalog, type ProductCatalog } from './catalog.js';
import { createContext, type GatewayContext } from './context.js';
import { WixHttp } from './datasources/http.js';
import { formatError } from './errors.js';
import { createOperationServices, type OperationOptions, type OperationServices } from './flows/services.js';
import { GraphiQL } from './graphiql.js';
import { httpHandler } from './http-handler.js';
import { limitRules, parseOptions } from './limits.js';
import { boundedDocumentStore, limitsPlugin } from './limits/apollo.js';
import { subscriptionsOverHttpPlugin } from './transport/http-rules.js';
import { PollerRegistry, type PollingOptions } from './polling/pollers.js';
import { ResourceWatches } from './polling/watches.js';
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

/** How to start a Gateway: its upstream, where it listens, and the settings of its pollers, WebSockets and store. */
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

  /** Builds the schema, starts Apollo, listens, attaches the WebSocket endpoint and resumes unfinished operations. */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const schema = await buildGatewaySchema();
    const apollo = await startApollo(schema);
    const http = new WixHttp({
      baseUrl: options.upstream.baseUrl,
      apiKey: options.upstream.apiKey,
      timeoutMs: options.upstream.timeoutMs,
    });
    const caches = new SharedCaches();
    const catalog = options.upstream.catalog ?? defaultCatalog();
    const polling = new PollerRegistry(options.polling);
    const watches = new ResourceWatches(polling, http, options.upstream.mainAccountId);
    // One context builder for HTTP and WebSocket: the same tenant check and the same data sources.
    // The runner builds contexts as an operation's tenant; the contexts carry the runner: declared first, bound below.
    let operations: OperationServices | undefined;
    const contextFor = (requestedAccountId: string | undefined) =>
      createContext({
        http,
        caches,
        mainAccountId: options.upstream.mainAccountId,
        catalog,
        requestedAccountId,
        watches,
        operations: operations as OperationServices,
      });
    operations = createOperationServices(options.operations ?? { storePath: ':memory:' }, (tenantId) =>
      contextFor(tenantId),
    );
    const server = createServer(httpHandler({ apollo, contextFor, graphiql: new GraphiQL() }));
    try {
      await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
    } catch (error) {
      // E.g. the port is taken: let go of what was opened, so a caller that goes on (a test) holds nothing.
      await apollo.stop();
      await operations.store.close();
      throw error;
    }
    const websocket = new GraphQLWebSocket(server, { schema, contextFor, limits: options.websocket });
    // Operations that were running when a gateway stopped (or died) go on now.
    await operations.runner.resume();
    return new Gateway(server, apollo, polling, websocket, operations);
  }

  /** Base URL, e.g. http://127.0.0.1:4000 (the API is at `${url}/graphql`). */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host =
      address.address === '0.0.0.0' || address.address === '::'
        ? 'localhost'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Open GraphQL WebSocket connections. */
  get webSocketConnections(): number {
    return this.websocket.connections;
  }

  /** Stops accepting work and releases everything, in the order below; the process may exit afterwards. */
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

/** Apollo with the gateway's error masking and operation limits (HTTP; websocket.ts applies the same to WebSockets). */
async function startApollo(schema: GraphQLSchema): Promise<ApolloServer<GatewayContext>> {
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    validationRules: limitRules,
    parseOptions,
    // Request limits (issue 13): a document cache bounded in bytes, source text included; shape, cost, upstream calls.
    documentStore: boundedDocumentStore(),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Apollo would otherwise catch SIGINT/SIGTERM itself, stop, and re-send the signal, killing the process before
    // Gateway.close() has closed the WebSockets and the operation store: main.ts owns the shutdown.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin(schema), subscriptionsOverHttpPlugin()],
    // GET queries as the GraphQL-over-HTTP spec has them (urql's default client sends them with no content type):
    // GET runs queries only (405 for a mutation), POST needs a JSON content type, and the gateway reads no ambient
    // credential (no cookies), so a cross-site page can neither act nor read as someone. Revisit if cookies come.
    csrfPrevention: false,
  });
  await apollo.start();
  return apollo;
}

/** Listens on `port` and `host`; rejects with the listen error (EADDRINUSE…) instead of emitting it. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
