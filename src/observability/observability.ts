import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestListener } from 'node:http';
import type { GatewayContext } from '../context.js';
import type { OperationAndLedgerStore } from '../flows/operation-services.js';
import type { OperationRecord } from '../flows/operation.js';
import { FlowObserver } from './flow-observer.js';
import { observabilityPlugin, observeHttp } from './http-observer.js';
import { silentLogger, type GatewayLogger } from './logger.js';
import type { MetricsSink } from './metrics-sink.js';
import { timedStore, webSocketObserver, type WebSocketObserver } from './runtime-observers.js';
import { Tracing, type TracingOptions } from './tracing.js';
import { upstreamHooks, type UpstreamHooks } from './upstream-observer.js';

/** How a gateway is watched: where its log lines go and where its spans go (both optional). */
export interface ObservabilityOptions {
  /** The pino logger (src/observability/logger.ts); nothing is logged when omitted. */
  logger?: GatewayLogger;
  /** OpenTelemetry export (OTLP/HTTP); tracing is off when omitted. */
  tracing?: TracingOptions;
}

/**
 * Everything one gateway uses to be seen, in one place: the logger, the metrics, tracing, and the hooks that the
 * HTTP listener, Apollo, the Wix client, the WebSocket endpoint and the flow runner are given. server.ts wires them.
 */
export class Observability {
  readonly logger: GatewayLogger;
  readonly tracing: Tracing;
  readonly flows: FlowObserver;
  readonly upstream: UpstreamHooks;
  readonly webSocket: WebSocketObserver;

  private constructor(
    readonly metrics: MetricsSink,
    tracing: Tracing,
    options: ObservabilityOptions,
  ) {
    this.logger = options.logger ?? silentLogger();
    this.tracing = tracing;
    this.flows = new FlowObserver(this.logger, metrics);
    this.upstream = upstreamHooks(this.logger, metrics);
    this.webSocket = webSocketObserver(this.logger, metrics);
  }

  /** Starts tracing when configured (loading the OpenTelemetry SDK only then). */
  static async start(metrics: MetricsSink, options: ObservabilityOptions = {}): Promise<Observability> {
    return new Observability(metrics, await Tracing.start(options.tracing), options);
  }

  /** The request listener with request IDs, server spans and one log line per request. */
  http(handler: RequestListener): RequestListener {
    return observeHttp(handler, this.logger);
  }

  /** The Apollo plugin naming spans and filling the request's log line. */
  apolloPlugin(): ApolloServerPlugin<GatewayContext> {
    return observabilityPlugin();
  }

  /** The store, its calls timed. */
  store(store: OperationAndLedgerStore): OperationAndLedgerStore {
    return timedStore(store, this.metrics);
  }

  /** Makes an operation's run a trace (when tracing is on). */
  aroundOperation<T>(op: OperationRecord, run: () => Promise<T>): Promise<T> {
    return this.flows.aroundOperation(op, run);
  }

  /** An operator line of the readiness check (ready: info; anything else: warn). */
  readinessLine(line: string): void {
    if (line.startsWith('upstream ready')) this.logger.info({ event: 'readiness', ready: true }, line);
    else this.logger.warn({ event: 'readiness', ready: false }, line);
  }

  /** Exports the spans left and stops tracing. */
  async close(): Promise<void> {
    await this.tracing.close();
    this.logger.flush();
  }
}
