import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runAsOperation } from './auth/call-context.js';
import { SYSTEM_CALLER, type Caller } from './auth/caller.js';
import { GatewayAuth, type GatewayAuthOptions } from './auth/gateway-auth.js';
import { BudgetClass, runWithBudget } from './budget/call-budget.js';
import { GatewayBudget, type GatewayBudgetOptions } from './budget/gateway-budget.js';
import { upstreamUsagePlugin } from './budget/usage-plugin.js';
import { SharedCaches } from './caches.js';
import { defaultCatalog, type ProductCatalog } from './catalog.js';
import { createContext, type GatewayContext } from './context.js';
import { AccountsDataSource } from './datasources/accounts.datasource.js';
import { WixHttp } from './datasources/http.js';
import { formatError } from './errors.js';
import { OperationServices, type OperationOptions } from './flows/operation-services.js';
import { GraphiQL } from './graphiql.js';
import { httpHandler } from './http-handler.js';
import { limitRules, parseOptions } from './limits.js';
import { boundedDocumentStore, limitsPlugin } from './limits/apollo.js';
import type { TrustedDocuments } from './limits/trusted-documents.js';
import { subscriptionsOverHttpPlugin } from './transport/http-rules.js';
import { PollerRegistry, type PollingOptions } from './polling/pollers.js';
import { ResourceWatches } from './polling/watches.js';
import { readinessReport, storeProbe, type ReadinessProbe } from './gateway-health.js';
import { buildGatewaySchema } from './schema.js';
import { metricsUrl, NO_METRICS, type GaugeSources, type MetricsSink } from './observability/metrics-sink.js';
import { Observability, type ObservabilityOptions } from './observability/observability.js';
import { UpstreamReadiness } from './upstream-readiness.js';
import { upstreamIdentityOf } from './upstream-identity.js';
import { UpstreamServices } from './upstream-services.js';
import { GraphQLWebSocket, type WebSocketLimits } from './websocket.js';
import type { GatewayShared, GatewaySharedOptions } from './shared/gateway-shared.js';

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
  /** Trusted documents (TRUSTED_DOCUMENTS): when set, only the operations listed there run, over HTTP and WebSocket. */
  trustedDocuments?: TrustedDocuments;
  /** Prometheus metrics on `GET /metrics` of their own port (on `host`); not served when omitted. */
  metrics?: { port: number };
  /** How often a not-ready upstream is checked again (default 5 s). */
  readyRetryMs?: number;
  /**
   * Logs (a pino logger: requests, upstream failures and retries, flow steps, WebSockets, readiness) and tracing
   * (OTLP/HTTP); see src/observability. Nothing is logged and nothing traced when omitted.
   */
  observability?: ObservabilityOptions;
  /** More `/readyz` checks beside the upstream and the store (e.g. Redis when configured). */
  readinessChecks?: ReadinessProbe[];
  /** Access control (src/auth); omitted: AUTH=none with an in-memory audit trail, allowed on loopback only. */
  auth?: GatewayAuthOptions;
  /** The rate budget and read cache (src/budget); Wix's 200 calls a minute with the read cache when omitted. */
  budget?: GatewayBudgetOptions;
  /** Several instances sharing updates, pollers and caches through Redis (REDIS_URL); this instance alone when omitted. */
  shared?: GatewaySharedOptions;
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
    /** Whether the upstream answers (checked at start, then again until it does). */
    readonly readiness: UpstreamReadiness,
    /** Access control: token store, audit trail, authenticator, origins. */
    readonly auth: GatewayAuth,
    /** The rate budget (scheduler) and read cache in front of every upstream call. */
    readonly budget: GatewayBudget,
    /** Logger, metrics and tracing of this gateway. */
    readonly observability: Observability,
    /** The Prometheus endpoint's own server (METRICS_PORT), when configured. */
    private readonly metricsServer?: Server,
  ) {}

  /** What this instance shares through Redis (its link's `client` and `healthy` serve the budget too), if configured. */
  shared: GatewayShared | undefined;

  /** `http://host:port/metrics` when metrics are served (see GatewayOptions.metrics). */
  get metricsUrl(): string | undefined {
    return this.metricsServer ? metricsUrl(this.metricsServer) : undefined;
  }

  /** Builds the schema, starts Apollo, listens, attaches the WebSocket endpoint and resumes unfinished operations. */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const schema = await buildGatewaySchema();
    // Access control (src/auth): built first, it refuses AUTH=none off loopback before anything listens.
    const auth = new GatewayAuth(options.auth ?? { methods: [], storePath: ':memory:' }, options.host ?? '127.0.0.1');
    // Metrics read the parts built below only when scraped (after start).
    const parts: {
      websocket?: GraphQLWebSocket;
      polling?: PollerRegistry;
      operations?: OperationServices;
      readiness?: UpstreamReadiness;
      budget?: GatewayBudget;
      shared?: GatewayShared;
    } = {};
    // Prometheus metrics (prom-client) only when served (METRICS_PORT); otherwise nothing is measured.
    const prometheus = options.metrics ? await import('./observability/metrics.js') : undefined;
    const gauges: GaugeSources = {
      webSocketConnections: () => parts.websocket?.connections ?? 0,
      pollers: () => parts.polling?.stats() ?? { pollers: 0, listeners: 0 },
      runningOperations: () => parts.operations?.runner.runningCount ?? 0,
      leasedPollers: () => parts.shared?.pollers.stats().leased ?? 0,
      budget: () => parts.budget?.scheduler.snapshot(),
    };
    const promMetrics = prometheus && new prometheus.GatewayMetrics(gauges);
    const metrics: MetricsSink = promMetrics ?? NO_METRICS;
    const observability = await Observability.start(metrics, options.observability);
    const apollo = await startApollo(schema, auth, [
      ...(promMetrics ? [promMetrics.apolloPlugin()] : []),
      observability.apolloPlugin(),
    ]);
    const log = (line: string) => observability.logger.info({ event: 'redis' }, line);
    // Redis (REDIS_URL), before everything that shares through it (the budget too); degraded when it does not answer.
    // (ioredis is loaded only then: some 15 MB of memory an instance without Redis does not carry.)
    const shared = options.shared
      ? await (await import('./shared/gateway-shared.js')).GatewayShared.start(options.shared, log)
      : undefined;
    parts.shared = shared;
    // With Redis the budget is one bucket for every instance; while Redis is away, 1/GATEWAY_INSTANCES of it each.
    const budget = new GatewayBudget({
      observeWait: (budgetClass, ms) => metrics.budgetWait(budgetClass, ms / 1000),
      ...(shared && !options.budget?.sharedLink
        ? { ...options.budget, sharedLink: shared.link, instances: options.budget?.instances ?? shared.instances }
        : options.budget),
      // The read cache's answers are shared too (each instance's LRU in front of Redis).
      ...(shared && options.budget?.readCache !== false
        ? { readCache: { ...options.budget?.readCache, shared: shared.readTier } }
        : {}),
    });
    parts.budget = budget;
    const http = new WixHttp({
      scheduler: budget.scheduler,
      readCache: budget.readCache,
      baseUrl: options.upstream.baseUrl,
      apiKey: options.upstream.apiKey,
      timeoutMs: options.upstream.timeoutMs,
      ...observability.upstream,
      onCall: (sample) => {
        observability.upstream.onCall(sample);
        // Any answer below 500 shows the upstream reachable: /readyz need not call it to know.
        if (/^[1-4]\d\d$/.test(sample.status)) parts.readiness?.noteAnswer();
      },
      onWrite: auth.recordWrite,
    });
    const caches = new SharedCaches(shared?.cacheTier);
    // The truthful start: a refused key or account stops here; an unreachable upstream starts not ready. It also tells
    // a sandbox's world before the store is first used.
    const readiness = new UpstreamReadiness(new AccountsDataSource(http, caches), options.upstream.mainAccountId, {
      retryMs: options.readyRetryMs,
      log: (line) => observability.readinessLine(line),
      worldOf: () => http.world,
    });
    parts.readiness = readiness;
    await readiness.start().catch(async (error: unknown) => {
      budget.close();
      await shared?.close();
      await apollo.stop();
      await auth.close();
      await observability.close();
      throw error;
    });
    const catalog = options.upstream.catalog ?? defaultCatalog();
    const polling = new PollerRegistry({
      ...options.polling,
      pollRatePerMs: () => budget.scheduler.pollRatePerMs(),
      coordinator: shared?.pollers,
    });
    const watches = new ResourceWatches(polling, http, options.upstream.mainAccountId);
    const upstream = new UpstreamServices({
      http,
      caches,
      mainAccountId: options.upstream.mainAccountId,
      catalog,
      watches,
      budget: () => budget.report(polling.pollPace()),
    });
    const operations = new OperationServices(
      {
        storePath: ':memory:',
        ...options.operations,
        // Flow steps act as their requester (audit), spend the budget's flow class, and are traced and logged.
        around: observability.aroundOperation((op, step) =>
          runAsOperation(op, () => runWithBudget({ class: BudgetClass.FLOW, tenantId: op.tenantId }, step)),
        ),
        observer: observability.flows,
        wrapStore: (store) => observability.store(store),
        upstreamId: upstreamIdentityOf(options.upstream.baseUrl, options.upstream.mainAccountId, () => readiness.world),
        // Several instances: every saved state is published, so subscribers on any instance see every step.
        onSaved: shared && ((op) => shared.operations.publish(op)),
      },
      upstream,
    );
    shared?.operations.deliverTo(operations.runner);
    const ready = () =>
      readinessReport([
        () => readiness.current(),
        storeProbe(operations.store),
        ...(shared ? [() => shared.check()] : []),
        ...(options.readinessChecks ?? []),
      ]);
    // One context builder for HTTP and WebSocket: the same tenant check and the same data sources.
    const contextFor = (requestedAccountId: string | undefined, caller: Caller = SYSTEM_CALLER) =>
      createContext({ upstream, operations, requestedAccountId, caller, audit: auth.store });
    const server = createServer(
      observability.http(
        httpHandler({
          apollo,
          contextFor,
          graphiql: new GraphiQL(),
          ready,
          auth,
          trusted: options.trustedDocuments,
          logger: observability.logger,
        }),
      ),
    );
    let metricsServer: Server | undefined;
    try {
      await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
      if (options.metrics && prometheus && promMetrics)
        metricsServer = await prometheus.serveMetrics(promMetrics, options.metrics.port, options.host ?? '127.0.0.1');
    } catch (error) {
      // E.g. the port is taken: let go of what was opened, so a caller that goes on (a test) holds nothing.
      server.close();
      await apollo.stop();
      await operations.close();
      readiness.close();
      budget.close();
      polling.close();
      await shared?.close();
      await auth.close();
      await observability.close();
      throw error;
    }
    const websocket = new GraphQLWebSocket(server, {
      schema,
      contextFor,
      limits: options.websocket,
      auth,
      trusted: options.trustedDocuments,
      observer: observability.webSocket,
    });
    // Operations that were running when a gateway stopped (or died) go on now.
    await operations.resume();
    Object.assign(parts, { websocket, polling, operations });
    const gateway = new Gateway(
      server,
      apollo,
      polling,
      websocket,
      operations,
      readiness,
      auth,
      budget,
      observability,
      metricsServer,
    );
    gateway.shared = shared;
    return gateway;
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
    await this.operations.stop();
    this.readiness.close();
    this.polling.close();
    // The pollers stopped: their leases are let go (another instance polls at once), then the Redis connections close.
    await this.shared?.close();
    this.budget.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.apollo.stop();
    await this.operations.store.close();
    await this.auth.close();
    const metricsServer = this.metricsServer;
    if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    await this.observability.close();
  }
}

/** Apollo with the gateway's error masking and operation limits (HTTP; websocket.ts applies the same to WebSockets). */
async function startApollo(
  schema: GraphQLSchema,
  auth: GatewayAuth,
  observers: ApolloServerPlugin<GatewayContext>[],
): Promise<ApolloServer<GatewayContext>> {
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
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No field has a cache hint and no answer a Cache-Control header; Apollo's default cache-control plugin would
      // still wrap every field resolver of the schema to compute one (issue 18's profile).
      ApolloServerPluginCacheControlDisabled(),
      auth.apolloPlugin(schema),
      ...observers,
      limitsPlugin(schema),
      upstreamUsagePlugin(),
      subscriptionsOverHttpPlugin(),
    ],
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
