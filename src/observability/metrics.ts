import { createServer, type Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BudgetGaugeSource, GaugeSources, MetricsSink, UpstreamCallSample } from './metrics-sink.js';

/** Distinct GraphQL operation names kept as label values; more are counted as `other` (label sets stay bounded). */
const MAX_OPERATION_NAMES = 100;

/**
 * The gateway's Prometheus metrics (prom-client), on their own registry: GraphQL requests by operation and outcome,
 * upstream calls by Wix endpoint and status, WebSocket connections, pollers and their listeners, running operations,
 * and the default process metrics. Labels never hold IDs; operation names are capped.
 */
export class GatewayMetrics implements MetricsSink {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly requests = new Counter({
    name: 'wag_graphql_requests_total',
    help: 'GraphQL requests over HTTP by operation name, type and outcome (ok | error).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'wag_graphql_request_duration_seconds',
    help: 'Duration of GraphQL requests over HTTP by operation type.',
    labelNames: ['type'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly upstreamCalls = new Counter({
    name: 'wag_upstream_calls_total',
    help: 'Calls to Wix by endpoint and HTTP status (timeout / network when no answer came); retries count apart.',
    labelNames: ['endpoint', 'status'],
    registers: [this.registry],
  });
  private readonly upstreamSeconds = new Histogram({
    name: 'wag_upstream_call_duration_seconds',
    help: 'Duration of calls to Wix by endpoint (with their retries).',
    labelNames: ['endpoint'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly upstreamRetries = new Counter({
    name: 'wag_upstream_retries_total',
    help: 'Retries of calls to Wix by endpoint and the status of the attempt that failed (timeout / network).',
    labelNames: ['endpoint', 'status'],
    registers: [this.registry],
  });
  private readonly webSocketOperations = new Counter({
    name: 'wag_websocket_operations_total',
    help: 'GraphQL operations started over WebSocket by type (subscription, query, mutation).',
    labelNames: ['type'],
    registers: [this.registry],
  });
  private readonly webSocketCloses = new Counter({
    name: 'wag_websocket_closes_total',
    help: 'GraphQL WebSocket connections closed, by close code (codes outside 1000–4999 count as other).',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly operationTransitions = new Counter({
    name: 'wag_operations_total',
    help: 'Flow operations reaching a status (RUNNING, WAITING, SUCCEEDED, FAILED, CANCELED…) by kind.',
    labelNames: ['kind', 'status'],
    registers: [this.registry],
  });
  private readonly storeSeconds = new Histogram({
    name: 'wag_operation_store_duration_seconds',
    help: 'Duration of operation store calls by method and outcome (ok | error).',
    labelNames: ['method', 'outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  private readonly budgetWaitSeconds = new Histogram({
    name: 'wag_budget_wait_seconds',
    help: 'Time upstream calls waited for the rate budget, by class.',
    labelNames: ['class'],
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(sources: GaugeSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'wag_' });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('wag_websocket_connections', 'Open GraphQL WebSocket connections.', sources.webSocketConnections);
    gauge('wag_pollers', 'Status pollers running (one per watched resource).', () => sources.pollers().pollers);
    gauge(
      'wag_poller_listeners',
      'Subscribers and waiting flow steps on the pollers.',
      () => sources.pollers().listeners,
    );
    gauge(
      'wag_pollers_leased',
      'Resources this instance polls for all instances (it holds their poll lease in Redis; 0 without REDIS_URL).',
      () => sources.leasedPollers?.() ?? 0,
    );
    gauge('wag_operations_running', 'Flow operations this gateway runs now.', sources.runningOperations);
    const budget = () => sources.budget?.();
    gauge(
      'wag_budget_limit',
      'Upstream calls per minute allowed now (lower after a 429).',
      () => budget()?.effectiveLimit ?? 0,
    );
    gauge('wag_budget_tokens', 'Upstream calls that could go now without waiting.', () => budget()?.tokens ?? 0);
    gauge('wag_budget_throttled', "Wix's 429 answers since start.", () => budget()?.throttled ?? 0);
    gauge(
      'wag_budget_rejected',
      'Calls refused for budget (UPSTREAM_RATE_LIMITED) since start.',
      () => budget()?.rejected ?? 0,
    );
    const perClass = (name: string, help: string, read: (b: BudgetGaugeSource) => Record<string, number>) =>
      new Gauge({
        name,
        help,
        labelNames: ['class'],
        registers: [this.registry],
        collect() {
          const b = budget();
          if (b) for (const [cls, value] of Object.entries(read(b))) this.set({ class: cls }, value);
        },
      });
    perClass('wag_budget_queued', 'Upstream calls waiting for the rate budget, by class.', (b) => b.queued);
    perClass(
      'wag_budget_calls_in_window',
      'Upstream calls given budget in the last minute, by class.',
      (b) => b.byClass,
    );
  }

  /** Records how long one upstream call of `budgetClass` waited for the rate budget. */
  budgetWait(budgetClass: string, seconds: number): void {
    this.budgetWaitSeconds.observe({ class: budgetClass }, seconds);
  }

  /** Counts one upstream call. */
  upstreamCall(sample: UpstreamCallSample): void {
    this.upstreamCalls.inc({ endpoint: sample.endpoint, status: sample.status });
    this.upstreamSeconds.observe({ endpoint: sample.endpoint }, sample.seconds);
  }

  /** Counts one retry of an upstream call. */
  upstreamRetry(endpoint: string, status: string): void {
    this.upstreamRetries.inc({ endpoint, status });
  }

  /** Counts one operation started over WebSocket. */
  webSocketOperation(type: string): void {
    this.webSocketOperations.inc({ type });
  }

  /** Counts one closed WebSocket connection. */
  webSocketClosed(code: number): void {
    this.webSocketCloses.inc({ code: code >= 1000 && code <= 4999 ? String(code) : 'other' });
  }

  /** Counts a flow operation reaching `status` (kinds and statuses are the gateway's own enums). */
  operationStatus(kind: string, status: string): void {
    this.operationTransitions.inc({ kind, status });
  }

  /** Times one operation store call (`method` is the store interface's method name). */
  storeCall(method: string, seconds: number, ok: boolean): void {
    this.storeSeconds.observe({ method, outcome: ok ? 'ok' : 'error' }, seconds);
  }

  /** The Apollo plugin that counts and times every GraphQL request over HTTP. */
  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async (ctx) => {
            const type = ctx.operation?.operation ?? 'unknown';
            const failed =
              ctx.response.body.kind === 'single' && (ctx.response.body.singleResult.errors?.length ?? 0) > 0;
            this.requests.inc({
              operation: this.operationLabel(ctx.operationName ?? undefined),
              type,
              outcome: failed || ctx.errors?.length ? 'error' : 'ok',
            });
            this.requestSeconds.observe({ type }, (performance.now() - started) / 1000);
          },
        };
      },
    };
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return 'other';
    this.names.add(name);
    return name;
  }
}

/** Serves `GET /metrics` (Prometheus text format) on its own port; nothing else. */
export async function serveMetrics(metrics: GatewayMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
