/**
 * `npm run bench:subscriptions`: what open subscriptions cost the gateway, and what they cost Wix.
 *
 * Three processes: the sandbox (manual clock: the domains stay PENDING_REGISTRATION, so every poller keeps polling),
 * the gateway (run with --expose-gc, measured), and this one, which opens the graphql-ws subscriptions. It prints
 * - memory per open subscription: the gateway's heap and RSS after GC with 1,000 subscriptions open, minus the same
 *   with the connections open and no subscription, divided by 1,000;
 * - upstream calls per minute (Get Registered Domain, from the sandbox call log over a window) for several mixes of
 *   subscribers and resources: the rate follows the number of resources, not the number of subscribers.
 * Env: BENCH_SUBSCRIPTIONS (default 1000), BENCH_RESOURCES (10), BENCH_CONNECTIONS (20), BENCH_POLL_MS (1000),
 * BENCH_WINDOW_S (10 s per measured phase).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { domainProductId } from '@wix-account-graph/sandbox';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1_000);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);
const QUERY =
  'subscription Bench($domain: String!) { registeredDomainUpdated(domain: $domain) { domain status dnsPropagationStatus } }';

interface Seed {
  apiKey: string;
  mainAccountId: string;
}
interface Mem {
  heapUsed: number;
  rss: number;
  gc: boolean;
  polling: { pollers: number; listeners: number };
  connections: number;
}

/** Spawns a bench child under tsx and waits for the JSON line with its URL. */
async function startChild(
  file: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string; lines: Interface }> {
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=source', '--import', 'tsx', entry], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited early (code ${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url, lines };
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates `count` domains in PENDING_REGISTRATION through the sandbox's own endpoints, as a partner would. */
async function pendingDomains(url: string, seed: Seed, count: number): Promise<string[]> {
  const headers = {
    'content-type': 'application/json',
    authorization: seed.apiKey,
    'wix-account-id': seed.mainAccountId,
  };
  const product = {
    catalogProductId: domainProductId('com'),
    billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
    countryCode: 'US',
  };
  const created = await json<{ package: { productInstances: Array<{ instanceId: string }> } }>(
    `${url}/resellers/v2/packages`,
    { method: 'POST', headers, body: JSON.stringify({ products: Array.from({ length: count }, () => product) }) },
  );
  const settings = await json<{ settings: { instanceActivationMs: number } }>(`${url}/_sandbox/settings`);
  await json(`${url}/_sandbox/clock/advance`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ms: settings.settings.instanceActivationMs }),
  });
  const registrant = {
    firstName: 'Bench',
    lastName: 'Marker',
    phone: '+15551234567',
    city: 'Springfield',
    postalCode: '12345',
    countryCode: 'US',
    subdivisionCode: 'US-IL',
    address: '1 Main street',
    email: 'bench@example.com',
  };
  const domains: string[] = [];
  for (let i = 0, n = 0; domains.length < count && n < count * 20; n++) {
    const domain = `bench-poll-${n}.com`;
    const res = await fetch(`${url}/domains/v1/registered-domains`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        registeredDomain: {
          domain,
          productInstanceId: created.package.productInstances[i]?.instanceId,
          contacts: { registrant },
        },
      }),
    });
    if (res.ok) {
      domains.push(domain);
      i++;
    }
  }
  if (domains.length < count) throw new Error(`could only register ${domains.length} of ${count} domains`);
  return domains;
}

/** Opens `n` subscriptions spread over `clients` and `domains`; resolves once each has its first event. */
async function subscribeMany(clients: Client[], domains: string[], n: number): Promise<() => void> {
  const unsubscribes: Array<() => void> = [];
  const firsts: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const client = clients[i % clients.length] as Client;
    const domain = domains[i % domains.length] as string;
    firsts.push(
      new Promise<void>((resolve, reject) => {
        let first = true;
        unsubscribes.push(
          client.subscribe(
            { query: QUERY, variables: { domain } },
            {
              next: (result) => {
                if (result.errors) reject(new Error(JSON.stringify(result.errors)));
                else if (first) {
                  first = false;
                  resolve();
                }
              },
              error: reject,
              complete: () => undefined,
            },
          ),
        );
      }),
    );
  }
  await Promise.all(firsts);
  return () => unsubscribes.forEach((u) => u());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the phases of the benchmark share: the children, the WebSocket clients and the domains being registered. */
interface Bench {
  clients: Client[];
  domains: string[];
  /** The gateway's memory and pollers, after GC. */
  mem: () => Promise<Mem>;
  /** Get Registered Domain calls in the sandbox's log after `since`. */
  calls: (since: number) => Promise<Array<{ seq: number }>>;
  /** Sequence number of the last call logged. */
  lastSeq: () => Promise<number>;
}

/** Memory per open subscription: with SUBSCRIPTIONS open minus the same connections idle (after a warm-up). */
async function measureMemory(bench: Bench): Promise<void> {
  // Warm up every code path once (schema, graphql-ws, pollers), then measure with the connections open, idle.
  (await subscribeMany(bench.clients, bench.domains, CONNECTIONS))();
  await sleep(POLL_MS * 2);
  const idle = await bench.mem();
  if (!idle.gc) console.log('  (no --expose-gc in the gateway child: memory figures are noisy)');
  const stop = await subscribeMany(bench.clients, bench.domains, SUBSCRIPTIONS);
  const loaded = await bench.mem();
  const perSub = {
    heap: (loaded.heapUsed - idle.heapUsed) / SUBSCRIPTIONS,
    rss: (loaded.rss - idle.rss) / SUBSCRIPTIONS,
  };
  console.log(
    `\nMemory (gateway process, after GC): idle with ${idle.connections} connections heap ${mb(idle.heapUsed)} / RSS ${mb(idle.rss)}; with ${loaded.polling.listeners} subscriptions on ${loaded.polling.pollers} pollers heap ${mb(loaded.heapUsed)} / RSS ${mb(loaded.rss)}`,
  );
  console.log(`  per open subscription: heap ${kb(perSub.heap)}, RSS ${kb(perSub.rss)}`);
  stop();
  await sleep(POLL_MS * 2);
}

/** Upstream calls per minute for several mixes of subscribers and resources; each mix polls for one window. */
async function measureCallRates(bench: Bench): Promise<void> {
  const mixes: Array<[number, number]> = [
    [RESOURCES, RESOURCES],
    [SUBSCRIPTIONS, RESOURCES],
    [SUBSCRIPTIONS, Math.max(1, Math.floor(RESOURCES / 2))],
    [SUBSCRIPTIONS, 1],
  ];
  console.log(
    '\n| subscribers | resources | pollers | Get Registered Domain calls/min | per resource | per subscriber |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const [subs, resources] of mixes) {
    const unsubscribe = await subscribeMany(bench.clients, bench.domains.slice(0, resources), subs);
    await sleep(POLL_MS);
    const since = await bench.lastSeq();
    const started = Date.now();
    await sleep(WINDOW_S * 1000);
    const count = (await bench.calls(since)).length;
    const perMinute = (count * 60_000) / (Date.now() - started);
    const { polling } = await bench.mem();
    console.log(
      `| ${subs} | ${resources} | ${polling.pollers} | ${perMinute.toFixed(0)} | ${(perMinute / resources).toFixed(1)} | ${(perMinute / subs).toFixed(2)} |`,
    );
    unsubscribe();
    await sleep(POLL_MS * 2);
  }
}

/** After the last unsubscribe: no poller left, and no upstream call. */
async function measureAfterUnsubscribe(bench: Bench): Promise<void> {
  const after = await bench.mem();
  console.log(`\nAfter every unsubscribe: ${after.polling.pollers} pollers, ${after.polling.listeners} listeners.`);
  const tail = await bench.lastSeq();
  await sleep(POLL_MS * 3);
  console.log(
    `Calls in the ${(POLL_MS * 3) / 1000} s after: ${(await bench.calls(tail)).length} (polling stops with the last subscriber).`,
  );
  console.log(
    `Expected: ~${(60_000 / POLL_MS).toFixed(0)} calls/min per resource (one poll per ${POLL_MS} ms, no backoff in this bench), whatever the number of subscribers.`,
  );
}

async function main(): Promise<void> {
  const sandbox = await startChild('./sandbox-child.ts');
  const seed = await json<Seed>(`${sandbox.url}/_sandbox/seed`);
  const domains = await pendingDomains(sandbox.url, seed, RESOURCES);
  const gateway = await startChild(
    './gateway-child.ts',
    {
      SANDBOX_URL: sandbox.url,
      SANDBOX_API_KEY: seed.apiKey,
      SANDBOX_ACCOUNT_ID: seed.mainAccountId,
      BENCH_POLL_MS: String(POLL_MS),
    },
    ['--expose-gc'],
  );
  const calls = async (since: number) =>
    (
      await json<{ calls: Array<{ seq: number }> }>(
        `${sandbox.url}/_sandbox/calls?operation=getRegisteredDomain&since=${since}`,
      )
    ).calls;
  const bench: Bench = {
    clients: Array.from({ length: CONNECTIONS }, () =>
      createClient({
        url: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        keepAlive: 0,
      }),
    ),
    domains,
    mem: () => {
      const answer = new Promise<Mem>((resolve) =>
        gateway.lines.once('line', (line) => resolve(JSON.parse(line) as Mem)),
      );
      gateway.child.stdin?.write('mem\n');
      return answer;
    },
    calls,
    lastSeq: async () => (await calls(0)).at(-1)?.seq ?? 0,
  };
  try {
    console.log(
      `Subscriptions benchmark: ${SUBSCRIPTIONS} subscriptions over ${RESOURCES} resources on ${CONNECTIONS} connections; poll interval ${POLL_MS} ms; ${WINDOW_S} s windows`,
    );
    await measureMemory(bench);
    await measureCallRates(bench);
    await measureAfterUnsubscribe(bench);
  } finally {
    await Promise.all(bench.clients.map(async (c) => c.dispose()));
    gateway.child.kill('SIGTERM');
    sandbox.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
