import type { GatewayAuthOptions } from './auth/gateway-auth.js';
import type { GatewayBudgetOptions } from './budget/gateway-budget.js';
import type { ProductCatalog } from './catalog.js';
import type { OperationOptions } from './flows/operation-services.js';
import type { ReadinessProbe } from './gateway-health.js';
import type { TrustedDocuments } from './limits/trusted-documents.js';
import type { ObservabilityOptions } from './observability/observability.js';
import type { PollingOptions } from './polling/pollers.js';
import type { GatewaySharedOptions } from './shared/gateway-shared.js';
import type { WebSocketLimits } from './websocket.js';

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
