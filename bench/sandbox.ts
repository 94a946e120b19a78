/**
 * `npm run bench:sandbox`: requests per second of the sandbox for a Get and a Query endpoint.
 *
 * The sandbox runs in a child process (its own core); autocannon drives it from this process over loopback. The
 * target is at least 5,000 simple GETs per second, so the sandbox is never the bottleneck of the gateway's own
 * benchmarks. Env: BENCH_DURATION (seconds per run, default 10), BENCH_CONNECTIONS (default 10),
 * BENCH_ENFORCE=1 (exit 1 when the Get run misses the target).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const GET_TARGET_RPS = 5_000;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_S = 2;

interface Seed {
  apiKey: string;
  mainAccountId: string;
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  note?: string;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  total: number;
}

/** Starts `bench/sandbox-child.ts` under tsx (the sandbox package from its sources) and waits for the URL it prints. */
async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const entry = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox child exited early (code ${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url };
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Picks the Get endpoint: Get Package when the sandbox serves it, else another Get (said in the output). */
async function chooseGet(url: string, headers: Record<string, string>, seed: Seed): Promise<Scenario> {
  const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(`${url}/openapi.json`);
  const serves = (path: string, method: string) => Boolean(doc.paths[path]?.[method]);
  if (serves('/resellers/v1/packages/{id}', 'get') && serves('/resellers/v1/packages/query', 'post')) {
    const page = await json<{ packages: Array<{ id: string }> }>(`${url}/resellers/v1/packages/query`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: { cursorPaging: { limit: 1 } } }),
    });
    const id = page.packages[0]?.id;
    if (id) return { name: 'Get Package', method: 'GET', path: `/resellers/v1/packages/${id}` };
  }
  if (
    serves('/domains/v1/connected-domains/{connectedDomainId}', 'get') &&
    serves('/domains/v1/connected-domains', 'get')
  ) {
    const list = await json<{ connectedDomains: Array<{ id: string }> }>(
      `${url}/domains/v1/connected-domains?paging.limit=1`,
      { headers },
    );
    const id = list.connectedDomains[0]?.id;
    if (id)
      return {
        name: 'Get Connected Domain',
        method: 'GET',
        path: `/domains/v1/connected-domains/${id}`,
        note: 'Get Package is not served yet: fell back to Get Connected Domain',
      };
  }
  if (serves('/accounts/v1/accounts/{accountId}', 'get'))
    return {
      name: 'Get Account',
      method: 'GET',
      path: `/accounts/v1/accounts/${seed.mainAccountId}`,
      note: 'Get Package is not served yet: fell back to Get Account',
    };
  throw new Error('the sandbox serves no Get endpoint to benchmark');
}

async function run(
  url: string,
  headers: Record<string, string>,
  scenario: Scenario,
  seconds: number,
): Promise<Figures> {
  const result = await autocannon({
    url: `${url}${scenario.path}`,
    method: scenario.method,
    headers: scenario.body ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(scenario.body ? { body: scenario.body } : {}),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  };
}

function report(scenario: Scenario, f: Figures, target?: number): string {
  const verdict =
    target === undefined ? '' : `  target ≥ ${target.toLocaleString('en-US')}/s: ${f.rps >= target ? 'MET' : 'MISSED'}`;
  return (
    `${scenario.name.padEnd(22)} ${scenario.method} ${scenario.path}\n` +
    `  ${Math.round(f.rps).toLocaleString('en-US').padStart(8)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  ` +
    `requests ${f.total}  non-2xx ${f.non2xx}  errors ${f.errors}  timeouts ${f.timeouts}${verdict}`
  );
}

async function main(): Promise<void> {
  const { child, url } = await startChild();
  try {
    const seed = await json<Seed>(`${url}/_sandbox/seed`);
    const headers = { authorization: seed.apiKey, 'wix-account-id': seed.mainAccountId, accept: 'application/json' };
    const get = await chooseGet(url, headers, seed);
    const query: Scenario = {
      name: 'Query Sites',
      method: 'POST',
      path: '/site-list/v2/sites/query',
      body: JSON.stringify({ query: { cursorPaging: { limit: 10 } } }),
    };
    console.log(
      `sandbox bench: ${url} (child pid ${child.pid}), ${CONNECTIONS} connections, ${DURATION_S}s per run after a ${WARMUP_S}s warm-up`,
    );
    if (get.note) console.log(`note: ${get.note}`);
    const figures: Array<[Scenario, Figures, number | undefined]> = [];
    for (const [scenario, target] of [
      [get, GET_TARGET_RPS],
      [query, undefined],
    ] as const) {
      await run(url, headers, scenario, WARMUP_S);
      figures.push([scenario, await run(url, headers, scenario, DURATION_S), target]);
    }
    for (const [scenario, f, target] of figures) console.log(report(scenario, f, target));
    const getFigures = figures[0]?.[1];
    const failed = figures.some(([, f]) => f.non2xx + f.errors + f.timeouts > 0);
    if (failed) console.log('some requests failed: see non-2xx / errors / timeouts above');
    if (process.env.BENCH_ENFORCE === '1' && (failed || !getFigures || getFigures.rps < GET_TARGET_RPS))
      process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
