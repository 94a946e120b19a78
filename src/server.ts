import type { ApolloServer } from '@apollo/server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYSTEM_CALLER, type Caller } from './auth/caller.js';
import { GatewayAuth } from './auth/gateway-auth.js';
import type { Ambient } from './ambient.js';
import type { GatewayBudget } from './budget/gateway-budget.js';
import { defaultCatalog } from './catalog.js';
import { createContext, type GatewayContext } from './context.js';
import { OperationServices } from './flows/operation-services.js';
import { GraphiQL } from './graphiql.js';
import { httpHandler } from './http-handler.js';
import { PollerRegistry } from './polling/pollers.js';
import { ResourceWatches } from './polling/watches.js';
import { readinessReport, storeProbe } from './gateway-health.js';
import { buildGatewaySchema } from './schema.js';
import { metricsUrl, NO_METRICS, type GaugeSources, type MetricsSink } from './observability/metrics-sink.js';
import { Observability } from './observability/observability.js';
import type { UpstreamReadiness } from './upstream-readiness.js';
import { upstreamIdentityOf } from './upstream-identity.js';
import { UpstreamServices } from './upstream-services.js';
import type { GatewayShared } from './shared/gateway-shared.js';
import { GraphQLWebSocket } from './websocket.js';
import { listen, startApollo } from './gateway-apollo.js';
import type { GatewayOptions } from './gateway-options.js';
import { buildUpstream } from './gateway-upstream.js';

export type { GatewayOptions, UpstreamConfig } from './gateway-options.js';

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
    // The Wix side: Redis when configured, the rate budget and read cache, the HTTP client, caches, readiness.
    const { shared, budget, http, caches, readiness } = await buildUpstream(options, observability, metrics, auth);
    Object.assign(parts, { shared, budget, readiness });
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
        // Flow steps act as their requester (audit) and spend the budget's flow class (the ambient of each run, see
        // operation-services.ts); the run is traced.
        around: (op, run) => observability.aroundOperation(op, run),
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
    const contextFor = (requestedAccountId: string | undefined, caller: Caller = SYSTEM_CALLER, ambient?: Ambient) =>
      createContext({ upstream, operations, requestedAccountId, caller, audit: auth.store, ambient });
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
