import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/observability/metrics.js';

/** docs/grafana-dashboard.json must only chart metrics the gateway exports (a renamed metric would leave a blank panel). */
describe('the Grafana dashboard', () => {
  it('names only metrics the gateway registers', async () => {
    const dashboard = JSON.parse(
      readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
    ) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    const metrics = new GatewayMetrics({
      webSocketConnections: () => 0,
      pollers: () => ({ pollers: 0, listeners: 0 }),
      runningOperations: () => 0,
      budget: () => ({ effectiveLimit: 200, tokens: 10, throttled: 0, rejected: 0, queued: {}, byClass: {} }),
    });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/wag_[a-z0-9_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name.replace(/_(bucket|count|sum)$/, ''));
  });
});
