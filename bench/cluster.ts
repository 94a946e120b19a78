/**
 * `npm run bench:cluster`: one gateway instance against three sharing Redis (README "Running several instances").
 *
 * Processes: the sandbox, 1 then 3 gateway instances (each its own process, all on the machine's Redis under a fresh
 * key prefix), and this one driving them. For each count it prints
 * - dashboard throughput: examples/01-dashboard.graphql POSTed by autocannon, BENCH_CONNECTIONS connections spread
 *   over the instances for BENCH_WINDOW_S; requests/s in all, and the p99 of the slowest instance;
 * - upstream calls per minute during that load (every call in the sandbox's log);
 * - status polls per minute with BENCH_SUBSCRIPTIONS subscribers on BENCH_RESOURCES registering domains spread over
 *   the instances: with Redis, one instance polls each resource for all.
 * Env: REDIS_URL (redis://127.0.0.1:6379), BENCH_CONNECTIONS (12), BENCH_WINDOW_S (10), BENCH_SUBSCRIPTIONS (300),
 * BENCH_RESOURCES (10), BENCH_POLL_MS (1000), BENCH_RATE_LIMIT (the budget per instance; default: no limit).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startChild, stopChild } from './gateway-measure.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 12);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 300);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const DASHBOARD = readFileSync(new URL('../examples/01-dashboard.graphql', import.meta.url), 'utf8');
const SUBSCRIPTION =
  'subscription Bench($domain: String!) { registeredDomainUpdated(domain: $domain) { domain status dnsPropagationStatus } }';

interface Seed {
  apiKey: string;
  mainAccountId: string;
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}`);
  return (await res.json()) as T;
}

/** Registers `count` domains (PENDING_REGISTRATION on the manual clock) through the sandbox's own endpoints. */
async function pendingDomains(url: string, seed: Seed, count: number): Promise<string[]> {
  const headers = {
    'content-type': 'application/json',
    authorization: seed.apiKey,
    'wix-account-id': seed.mainAccountId,
  };
  const { domainProductId } = await import('@wix-account-graph/sandbox');
  const product = {
    catalogProductId: domainProductId('com'),
    billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
    countryCode: 'US',
  };
  const created = await json<{ package: { productInstances: Array<{ instanceId: string }> } }>(
    `${url}/resellers/v2/packages`,
    { method: 'POST', headers, body: JSON.stringify({ products: Array.from({ length: count }, () => product) }) },
  );
  const { settings } = await json<{ settings: { instanceActivationMs: number } }>(`${url}/_sandbox/settings`);
  await json(`${url}/_sandbox/clock/advance`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ms: settings.instanceActivationMs }),
  });
  const registrant = {
    ...{ firstName: 'Bench', lastName: 'Marker', phone: '+15551234567', city: 'Springfield', postalCode: '12345' },
    ...{ countryCode: 'US', subdivisionCode: 'US-IL', address: '1 Main street', email: 'bench@example.com' },
  };
  const domains: string[] = [];
  for (let i = 0, n = 0; domains.length < count && n < count * 20; n++) {
    const domain = `bench-cluster-${randomUUID().slice(0, 6)}-${n}.com`;
    const productInstanceId = created.package.productInstances[i]?.instanceId;
    const res = await fetch(`${url}/domains/v1/registered-domains`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ registeredDomain: { domain, productInstanceId, contacts: { registrant } } }),
    });
    if (res.ok) {
      domains.push(domain);
      i++;
    }
  }
  return domains;
}

/** Opens `n` subscriptions spread over the clients and domains; resolves once each has its first state. */
async function subscribeMany(clients: Client[], domains: string[], n: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          let first = true;
          (clients[i % clients.length] as Client).subscribe(
            { query: SUBSCRIPTION, variables: { domain: domains[i % domains.length] } },
            {
              next: (r) =>
                r.errors ? reject(new Error(JSON.stringify(r.errors))) : first && ((first = false), resolve()),
              error: reject,
              complete: () => undefined,
            },
          );
        }),
    ),
  );
}

async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  for (let cursor = '0'; ;) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  redis.disconnect();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(sandboxUrl: string, seed: Seed, instances: number): Promise<string> {
  const prefix = `wag-bench:${randomUUID().slice(0, 8)}:`;
  const env = {
    SANDBOX_URL: sandboxUrl,
    SANDBOX_API_KEY: seed.apiKey,
    SANDBOX_ACCOUNT_ID: seed.mainAccountId,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    BENCH_POLL_MS: String(POLL_MS),
    // Each instance's read cache on, as in production (shared through Redis).
    BENCH_READ_CACHE: 'on',
  };
  const children = await Promise.all(
    Array.from({ length: instances }, () => startChild('./gateway-child.ts', undefined, env)),
  );
  const calls = async () => (await json<{ calls: unknown[] }>(`${sandboxUrl}/_sandbox/calls`)).calls.length;
  try {
    await json(`${sandboxUrl}/_sandbox/calls`, { method: 'DELETE' });
    const runs = await Promise.all(
      children.map(({ url }) =>
        autocannon({
          url: `${url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: DASHBOARD, variables: { first: 100 } }),
          connections: Math.max(1, Math.round(CONNECTIONS / instances)),
          duration: WINDOW_S,
        }),
      ),
    );
    const upstreamPerMin = ((await calls()) / WINDOW_S) * 60;
    const rps = runs.reduce((sum, r) => sum + r.requests.average, 0);
    const p99 = Math.max(...runs.map((r) => r.latency.p99));
    const failed = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);

    const domains = await pendingDomains(sandboxUrl, seed, RESOURCES);
    const clients = children.map(({ url }) =>
      createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    await subscribeMany(clients, domains, SUBSCRIPTIONS);
    const polls = async () =>
      (await json<{ calls: unknown[] }>(`${sandboxUrl}/_sandbox/calls?operation=getRegisteredDomain`)).calls.length;
    const before = await polls();
    await sleep(WINDOW_S * 1_000);
    const pollsPerMin = (((await polls()) - before) / WINDOW_S) * 60;
    await Promise.all(clients.map(async (c) => c.dispose()));
    return (
      `| ${instances} | ${Math.round(rps).toLocaleString('en-US')} | ${p99} | ${failed} | ${Math.round(upstreamPerMin)} | ` +
      `${SUBSCRIPTIONS} on ${domains.length} | ${Math.round(pollsPerMin)} (${(pollsPerMin / domains.length).toFixed(1)} per resource; ` +
      `one poller per resource: ${60_000 / POLL_MS}, one per instance: ${(instances * 60_000) / POLL_MS}) |`
    );
  } finally {
    await Promise.all(children.map(({ child }) => stopChild(child)));
    await dropPrefix(prefix);
  }
}

async function main(): Promise<void> {
  const { child, url } = await startChild('./sandbox-child.ts', undefined);
  try {
    const seed = await json<Seed>(`${url}/_sandbox/seed`);
    console.log(
      `bench:cluster — dashboard (examples/01-dashboard.graphql) ${CONNECTIONS} connections for ${WINDOW_S} s; ` +
        `${SUBSCRIPTIONS} subscribers, poll every ${POLL_MS} ms; Redis ${REDIS_URL.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(
      '\n| instances | dashboard req/s | p99 ms (slowest instance) | failed | upstream calls/min (dashboard) | subscribers | status polls/min |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const instances of [1, 3]) console.log(await measure(url, seed, instances));
  } finally {
    await stopChild(child);
  }
}

await main();
