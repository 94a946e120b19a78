import type { ApolloServerPlugin } from '@apollo/server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One finished upstream call, as the HTTP module reports it (no IDs, no key, no body). */
export interface UpstreamCallSample {
  /** Wix endpoint name, e.g. "Query Sites". */
  endpoint: string;
  /** HTTP status, or `timeout` / `network` when no answer came. */
  status: string;
  seconds: number;
}

/** The rate budget as the gauges read it (src/budget). */
export interface BudgetGaugeSource {
  effectiveLimit: number;
  tokens: number;
  throttled: number;
  rejected: number;
  queued: Record<string, number>;
  byClass: Record<string, number>;
}

/** What the gauges read when Prometheus scrapes. */
export interface GaugeSources {
  webSocketConnections: () => number;
  pollers: () => { pollers: number; listeners: number };
  runningOperations: () => number;
  /** Resources this instance polls for every instance (it holds their lease in Redis); 0 without REDIS_URL. */
  leasedPollers?: () => number;
  /** The rate budget; no budget gauges when absent. */
  budget?: () => BudgetGaugeSource | undefined;
}

/**
 * What the gateway tells its metrics: the Prometheus metrics of metrics.ts when METRICS_PORT is set, else
 * {@link NO_METRICS} (prom-client is then never loaded: start-up time and memory an instance without a scraper does
 * not spend, and no work per request).
 */
export interface MetricsSink {
  /** Records how long one upstream call of `budgetClass` waited for the rate budget. */
  budgetWait(budgetClass: string, seconds: number): void;
  /** Counts one upstream call. */
  upstreamCall(sample: UpstreamCallSample): void;
  /** Counts one retry of an upstream call. */
  upstreamRetry(endpoint: string, status: string): void;
  /** Counts one operation started over WebSocket. */
  webSocketOperation(type: string): void;
  /** Counts one closed WebSocket connection. */
  webSocketClosed(code: number): void;
  /** Counts a flow operation reaching `status`. */
  operationStatus(kind: string, status: string): void;
  /** Times one operation store call. */
  storeCall(method: string, seconds: number, ok: boolean): void;
  /** The Apollo plugin that counts and times every GraphQL request over HTTP (none when nothing is measured). */
  apolloPlugin(): ApolloServerPlugin | undefined;
}

const nothing = (): void => undefined;

/** Metrics off (no METRICS_PORT): every call does nothing. */
export const NO_METRICS: MetricsSink = {
  budgetWait: nothing,
  upstreamCall: nothing,
  upstreamRetry: nothing,
  webSocketOperation: nothing,
  webSocketClosed: nothing,
  operationStatus: nothing,
  storeCall: nothing,
  apolloPlugin: () => undefined,
};

/** `http://host:port/metrics` of a listening metrics server. */
export function metricsUrl(server: Server): string {
  const a = server.address() as AddressInfo;
  return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/metrics`;
}
