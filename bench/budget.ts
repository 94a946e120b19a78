/**
 * `npm run bench:budget`: the rate budget at work. For 1, 10, 100 and 1,000 watched resources (connected domains
 * whose DNS never settles, one subscriber each), with a dashboard query every second and a domain-availability check
 * (never cached: a new name each time) every two seconds, it prints the upstream calls per minute the sandbox saw, the
 * interactive p50/p99 of both queries, and the poll interval the budget allowed.
 *
 * Time-scaled like the scenario test: the budget counts over a window of BENCH_WINDOW_MS (default 6 s = a "minute"
 * at 1/10 scale); calls per window are reported as calls per minute, intervals at full scale. Env: BENCH_LIMIT
 * (WIX_RATE_LIMIT_PER_MINUTE, default 200), BENCH_WINDOW_MS, BENCH_MINUTES (measured scaled minutes, default 2),
 * BENCH_RESOURCES (comma list, default 1,10,100,1000).
 */
import 'reflect-metadata';
import { print } from 'graphql';
import { readFileSync } from 'node:fs';
import type { Client } from 'graphql-ws';
import { Gateway } from '../src/server.js';
import { TestSandbox } from '../test/helpers/sandbox.js';
import { wsClient } from '../test/helpers/ws.js';
import { UpstreamBudgetDocument } from '../test/gql/graphql.js';

const LIMIT = Number(process.env.BENCH_LIMIT ?? 200);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 6_000);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 2);
const SIZES = (process.env.BENCH_RESOURCES ?? '1,10,100,1000').split(',').map(Number);
const SCALE = WINDOW_MS / 60_000;
const DASHBOARD = readFileSync(new URL('../examples/01-dashboard.graphql', import.meta.url), 'utf8');
const AVAILABILITY = 'query A($d: String!) { domainAvailability(domain: $d) { available } }';
const SUBSCRIPTION =
  'subscription S($domain: String!) { connectedDomainUpdated(domain: $domain) { domain dnsPropagationStatus } }';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }>; data?: unknown };
  return { ms: performance.now() - started, error: body.errors?.[0]?.extensions?.code };
}

/** Names the sandbox sees as taken (a connected domain needs one), `count` of them. */
async function takenNames(sb: TestSandbox, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let batch = 0; names.length < count; batch++) {
    const candidates = Array.from({ length: 500 }, (_, i) => `bench-${batch}-${i}.com`);
    for (const d of await sb.checkDomains(candidates)) if (!d.available) names.push(d.domain);
  }
  return names.slice(0, count);
}

async function run(resources: number) {
  const sb = await TestSandbox.start();
  const gateway = await Gateway.start({
    upstream: { baseUrl: sb.url, apiKey: sb.seed.apiKey, mainAccountId: sb.seed.mainAccountId, timeoutMs: 10_000 },
    auth: { methods: [], storePath: ':memory:' },
    budget: { limit: LIMIT, windowMs: WINDOW_MS, readCache: { timeScale: SCALE } },
    polling: { intervalMs: 5_000 * SCALE, maxIntervalMs: 60_000 * SCALE, maxPollersPerTenant: 5_000 },
    websocket: { maxConnections: 1_000, maxOperationsPerConnection: 1_000 },
  });
  const names = await takenNames(sb, resources);
  for (const domain of names)
    await sb.call('POST', '/domains/v1/connected-domains', {
      body: { connectedDomain: { domain, connectionType: 'NAMESERVERS' } },
    });
  const clients: Client[] = [];
  for (let i = 0; i < names.length; i += 500) {
    const client = wsClient(gateway.url, { token: null });
    clients.push(client);
    for (const domain of names.slice(i, i + 500))
      client.subscribe(
        { query: SUBSCRIPTION, variables: { domain } },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
  }
  // Let the subscriptions' first reads go through, then measure.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  await sb.clearCalls();
  const dashboards: number[] = [];
  const checks: number[] = [];
  const errors: Record<string, number> = {};
  const until = Date.now() + MINUTES * WINDOW_MS;
  let n = 0;
  const loop = async (every: number, query: string, sink: number[], vars: () => Record<string, unknown>) => {
    while (Date.now() < until) {
      const { ms, error } = await post(gateway.url, query, vars());
      sink.push(ms);
      if (error) errors[error] = (errors[error] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, every - ms)));
    }
  };
  await Promise.all([
    loop(1_000 * SCALE, DASHBOARD, dashboards, () => ({})),
    loop(2_000 * SCALE, AVAILABILITY, checks, () => ({ d: `bench-check-${n++}.com` })),
  ]);
  const calls = (await sb.calls()).length;
  const budget = (await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(UpstreamBudgetDocument) }),
  }).then((r) => r.json())) as { data: { upstreamBudget: { pollPace: { subscriptionIntervalMs: number } } } };
  await Promise.all(clients.map(async (c) => c.dispose()));
  await gateway.close();
  await sb.close();
  return {
    resources,
    callsPerMinute: Math.round(calls / MINUTES),
    dashboardP50: percentile(dashboards, 50).toFixed(1),
    dashboardP99: percentile(dashboards, 99).toFixed(1),
    checkP50: percentile(checks, 50).toFixed(1),
    checkP99: percentile(checks, 99).toFixed(1),
    pollIntervalS: (budget.data.upstreamBudget.pollPace.subscriptionIntervalMs / SCALE / 1000).toFixed(0),
    errors: JSON.stringify(errors),
  };
}

console.log(
  `rate budget: limit ${LIMIT}/min, time scale 1/${Math.round(1 / SCALE)} (a minute is ${WINDOW_MS} ms), ${MINUTES} min each`,
);
console.log(
  '| watched | upstream calls/min | dashboard p50 / p99 ms | availability p50 / p99 ms | poll interval (full scale) | errors |',
);
console.log('|---|---|---|---|---|---|');
for (const size of SIZES) {
  const r = await run(size);
  console.log(
    `| ${r.resources} | ${r.callsPerMinute} | ${r.dashboardP50} / ${r.dashboardP99} | ${r.checkP50} / ${r.checkP99} | ${r.pollIntervalS} s | ${r.errors} |`,
  );
}
