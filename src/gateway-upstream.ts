import type { GatewayAuth } from './auth/gateway-auth.js';
import { GatewayBudget } from './budget/gateway-budget.js';
import { SharedCaches } from './caches.js';
import { AccountsDataSource } from './datasources/accounts.datasource.js';
import { WixHttp } from './datasources/http.js';
import type { GatewayOptions } from './gateway-options.js';
import type { MetricsSink } from './observability/metrics-sink.js';
import type { Observability } from './observability/observability.js';
import type { GatewayShared } from './shared/gateway-shared.js';
import { UpstreamReadiness } from './upstream-readiness.js';

/** The gateway's Wix side, built by {@link buildUpstream}. */
export interface UpstreamStack {
  /** What this instance shares through Redis (REDIS_URL), if configured. */
  shared: GatewayShared | undefined;
  budget: GatewayBudget;
  http: WixHttp;
  caches: SharedCaches;
  /** Not started yet: the caller starts it (a refused key stops the start there). */
  readiness: UpstreamReadiness;
}

/**
 * Builds the Wix side of a gateway, in this order: Redis (before everything that shares through it, the budget too;
 * degraded when it does not answer), the rate budget and its read cache, the one HTTP client every call goes through,
 * the shared caches, and the upstream readiness check.
 */
export async function buildUpstream(
  options: GatewayOptions,
  observability: Observability,
  metrics: MetricsSink,
  auth: GatewayAuth,
): Promise<UpstreamStack> {
  const log = (line: string) => observability.logger.info({ event: 'redis' }, line);
  // Redis (REDIS_URL), before everything that shares through it (the budget too); degraded when it does not answer.
  // (ioredis is loaded only then: some 15 MB of memory an instance without Redis does not carry.)
  const shared = options.shared
    ? await (await import('./shared/gateway-shared.js')).GatewayShared.start(options.shared, log)
    : undefined;
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
      if (/^[1-4]\d\d$/.test(sample.status)) readiness.noteAnswer();
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
  return { shared, budget, http, caches, readiness };
}
