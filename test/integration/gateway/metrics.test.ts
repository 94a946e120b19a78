import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { useStack } from '../../helpers/stack.js';
import { eventually, wsClient } from '../../helpers/ws.js';

interface Family {
  name: string;
  type: string;
  metrics: Array<{ value?: string; count?: string; labels?: Record<string, string> }>;
}

const dashboard = readFileSync(
  fileURLToPath(new URL('../../../examples/01-dashboard.graphql', import.meta.url)),
  'utf8',
);

/** Issue 15 (part): the Prometheus endpoint counts what happened, as a Prometheus text-format parser reads it. */
describe('gateway: Prometheus metrics on METRICS_PORT', () => {
  const stack = useStack({ gateway: { metrics: { port: 0 } } });
  const scrape = async () => {
    const res = await fetch(stack.gateway.metricsUrl as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusTextFormat(await res.text()) as Family[];
  };
  const family = (families: Family[], name: string) => families.find((f) => f.name === name);
  const sum = (f: Family | undefined, labels: Record<string, string>) =>
    (f?.metrics ?? [])
      .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
      .reduce((n, m) => n + Number(m.value ?? m.count ?? 0), 0);

  it('the dashboard query once: its request counter +1, upstream counters + the calls in the sandbox log', async () => {
    const before = await scrape();
    await stack.sandbox.clearCalls();
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
      body: JSON.stringify({ query: dashboard, operationName: 'Dashboard' }),
    });
    expect(res.status).toBe(200);
    const calls = await stack.sandbox.calls();
    expect(calls.length).toBeGreaterThan(0);
    const after = await scrape();

    const requests = (f: Family[]) =>
      sum(family(f, 'wag_graphql_requests_total'), { operation: 'Dashboard', type: 'query', outcome: 'ok' });
    expect(requests(after) - requests(before)).toBe(1);
    const byEndpoint = new Map<string, number>();
    for (const c of calls) byEndpoint.set(c.operation, (byEndpoint.get(c.operation) ?? 0) + 1);
    const upstream = (f: Family[]) => sum(family(f, 'wag_upstream_calls_total'), { status: '200' });
    expect(upstream(after) - upstream(before)).toBe(calls.length);
    expect(family(after, 'wag_upstream_call_duration_seconds')?.type).toBe('HISTOGRAM');
    // The rate budget: every one of those calls was given budget as interactive work, none waits now.
    const budgeted = (f: Family[]) => sum(family(f, 'wag_budget_calls_in_window'), { class: 'interactive' });
    expect(budgeted(after) - budgeted(before)).toBe(calls.length);
    expect(sum(family(after, 'wag_budget_queued'), {})).toBe(0);
    expect(Number(family(after, 'wag_budget_limit')?.metrics[0]?.value)).toBeGreaterThan(0);
    expect(family(after, 'wag_budget_wait_seconds')?.type).toBe('HISTOGRAM');
    expect(family(after, 'wag_websocket_connections')?.metrics[0]?.value).toBe('0');
    expect(family(after, 'wag_process_resident_memory_bytes')).toBeDefined();
    // No label holds an ID: every label value is a name, a status or a type.
    for (const f of after)
      for (const m of f.metrics)
        for (const value of Object.values(m.labels ?? {}))
          expect(value, `${f.name} label`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('retries by endpoint, WebSocket operations and closes, and operation store latency', async () => {
    const raw = async () => (await fetch(stack.gateway.metricsUrl as string)).text();
    // The text-format parser drops a labelled histogram's labels and count: the store's ping count is read raw.
    const pings = (text: string) =>
      Number(/^wag_operation_store_duration_seconds_count\{method="ping",outcome="ok"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    const pingsBefore = pings(await raw());
    const before = await scrape();
    await stack.sandbox.admin('POST', 'faults', { target: 'querySites', errorShare: 1 });
    try {
      const res = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
        body: JSON.stringify({ query: '{ sites(first: 2) { nodes { id } } }' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await stack.sandbox.admin('DELETE', 'faults');
    }
    const faults = (await stack.sandbox.calls('querySites')).filter((c) => c.outcome === 'fault-5xx');
    const client = wsClient(stack.gateway.url);
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: '{ viewer { wixId } }' }, { next: () => undefined, error: reject, complete: resolve }),
    );
    await client.dispose();
    expect((await fetch(`${stack.gateway.url}/readyz`)).status).toBe(200);
    let after: Family[] = [];
    await eventually(async () => {
      after = await scrape();
      expect(sum(family(after, 'wag_websocket_closes_total'), { code: '1000' })).toBeGreaterThan(
        sum(family(before, 'wag_websocket_closes_total'), { code: '1000' }),
      );
    });
    const delta = (name: string, labels: Record<string, string>) =>
      sum(family(after, name), labels) - sum(family(before, name), labels);
    // Three attempts reached the sandbox: the first and two retries.
    expect(faults).toHaveLength(3);
    expect(delta('wag_upstream_retries_total', { endpoint: 'Query Sites' })).toBe(faults.length - 1);
    expect(delta('wag_websocket_operations_total', { type: 'query' })).toBe(1);
    // /readyz wrote to the store once (its `ping`), timed in the store histogram.
    expect(pings(await raw()) - pingsBefore).toBe(1);
  });
});
