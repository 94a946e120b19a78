/**
 * `npm run bench:gateway` (issue 18): the gateway against its floor, the direct REST call to the sandbox.
 *
 * Three processes: the sandbox (bench/sandbox-child.ts, manual clock) and this one (the load generator) on core 1, the
 * gateway alone on core 0 — as production runs it, from the build (`npm run build` first, then `node
 * dist/gateway/main.js serve` on the sandbox, AUTH=none, READ_CACHE=off, no rate budget to speak of, LOG_LEVEL=warn) —
 * pinned with taskset where it exists. For each query (`site(id:)`; `site(id:)` for 100 sites in turn, so that no two
 * requests in flight share an upstream call; a 20-site list with product instances and packages;
 * examples/01-dashboard.graphql) and for the first upstream call it makes, sent straight to the sandbox, it
 * prints: req/s and p50/p99 at 10 connections (autocannon), the gateway's CPU ms and upstream calls per request there
 * (identical concurrent reads share one call, so fewer than one per request), p50/p99 at one connection (µs timing)
 * with CPU ms and upstream calls per request at one connection (nothing shared between requests), and the ratios to
 * the direct call (the sandbox's CPU ms per direct request too); and per round the gateway's cold start (spawn → ready
 * line), its RSS idle and after the load, and the dashboard's upstream calls cold. Each round starts a fresh gateway.
 * Env: BENCH_ROUNDS (default 2), BENCH_DURATION (s at 10 connections, default 10), BENCH_LATENCY_S (s at one
 * connection, default 5), BENCH_CONNECTIONS (default 10), BENCH_ONLY (scenarios whose name contains it),
 * BENCH_PROFILE (a directory: the gateway runs with --cpu-prof and writes its profile there), BENCH_LOG_LEVEL (the
 * gateway's LOG_LEVEL, default warn; info logs a line per request), BENCH_READ_CACHE=on, BENCH_GATEWAY_DIR (measure the
 * build of another checkout instead, e.g. an older commit built there), BENCH_BEFORE (another checkout's build measured
 * in every round before this one's, alternating, with the medians of both per query at the end), BENCH_STARTS (that
 * many more cold starts of each build, alternating, without load: start time and idle RSS).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  cpuMs,
  HAS_TASKSET,
  latency,
  load,
  bodyOf,
  pinSelf,
  rssMb,
  startBuiltGateway,
  startChild,
  stopChild,
  type Child,
  type Target,
} from './gateway-measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const LATENCY_S = Number(process.env.BENCH_LATENCY_S ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Only the scenarios whose name contains this (e.g. `site(`, `20 sites`, `dashboard`). */
const ONLY = process.env.BENCH_ONLY;
/** Another checkout, built there: each round measures its build, then this one's (before and after in one run). */
const BEFORE = process.env.BENCH_BEFORE;
/** Extra cold starts per build, without load (start time and idle RSS), after the rounds. */
const STARTS = Number(process.env.BENCH_STARTS ?? 0);
/** A directory: the gateway runs with --cpu-prof and writes its profile there when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
const WARMUP_S = 2;
/**
 * Seconds of load per scenario on a fresh gateway before a round measures anything: V8 is still compiling the hot
 * paths for the first 10–15 s of load, and without this the first scenario of a round measured that.
 */
const START_WARMUP_S = Number(process.env.BENCH_START_WARMUP_S ?? 5);
/** Requests (at 10 connections) whose upstream calls are counted. */
const COUNTED = 200;

const DASHBOARD = readFileSync(new URL('../examples/01-dashboard.graphql', import.meta.url), 'utf8');
const SITE = 'query Site($id: ID!) { site(id: $id) { id wixId displayName published premium } }';
const SITE_LIST = `query SiteList { viewer { sites(first: 20) { totalCount nodes { id wixId displayName premium
  productInstances { id wixId status product { name type } package { id wixId externalId } } } } } }`;

interface Seed {
  apiKey: string;
  mainAccountId: string;
}
interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Variables sent in turn instead of `variables` (each request reads something else: nothing shared in flight). */
  variableSets?: Array<Record<string, unknown>>;
  /** The first upstream call the query makes, as a direct REST call. */
  direct: { path: string; body: unknown };
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}`);
  return (await res.json()) as T;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const int = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  // The gateway runs as production does: from the build.
  if (!process.env.BENCH_GATEWAY_DIR) {
    console.log('building (npm run build)…');
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  pinSelf(1);
  const sandbox = await startChild('./sandbox-child.ts', 1);
  const seed = await json<Seed>(`${sandbox.url}/_sandbox/seed`);
  const wix = { authorization: seed.apiKey, 'wix-account-id': seed.mainAccountId, 'content-type': 'application/json' };
  const querySites = `${sandbox.url}/site-list/v2/sites/query`;
  const first = await json<{ sites: Array<{ id: string }> }>(querySites, {
    method: 'POST',
    headers: wix,
    body: JSON.stringify({ query: { cursorPaging: { limit: 1 } } }),
  });
  const siteId = first.sites[0]?.id as string;
  const many = await json<{ sites: Array<{ id: string }> }>(querySites, {
    method: 'POST',
    headers: wix,
    body: JSON.stringify({ query: { cursorPaging: { limit: 100 } } }),
  });
  const sorted = (limit: number) => ({
    query: { filter: {}, sort: [{ fieldName: 'createdDate', order: 'DESC' }], cursorPaging: { limit } },
  });
  const scenarios: Scenario[] = [
    {
      name: 'site(id:)',
      query: SITE,
      variables: { id: siteId },
      direct: {
        path: '/site-list/v2/sites/query',
        body: { query: { filter: { id: { $in: [siteId] } }, cursorPaging: { limit: 100 } } },
      },
    },
    {
      name: 'site(id:), 100 sites in turn',
      query: SITE,
      variableSets: many.sites.map((site) => ({ id: site.id })),
      direct: {
        path: '/site-list/v2/sites/query',
        body: { query: { filter: { id: { $in: [siteId] } }, cursorPaging: { limit: 100 } } },
      },
    },
    {
      name: '20 sites + instances + packages',
      query: SITE_LIST,
      direct: { path: '/site-list/v2/sites/query', body: sorted(20) },
    },
    {
      name: 'examples/01-dashboard',
      query: DASHBOARD,
      direct: { path: '/site-list/v2/sites/query', body: sorted(100) },
    },
  ];
  const directTarget = (s: Scenario): Target => ({
    url: `${sandbox.url}${s.direct.path}`,
    method: 'POST',
    headers: wix,
    body: JSON.stringify(s.direct.body),
  });
  console.log(
    `gateway bench: ${CONNECTIONS} connections × ${DURATION_S} s, 1 connection × ${LATENCY_S} s, ${ROUNDS} round(s); ` +
      (HAS_TASKSET ? 'gateway on core 0, sandbox + load generator on core 1' : 'no taskset: nothing pinned'),
  );
  const gatewayEnv = (): Record<string, string> => ({
    WIX_API_BASE_URL: sandbox.url,
    WIX_API_KEY: seed.apiKey,
    WIX_ACCOUNT_ID: seed.mainAccountId,
    // The sandbox's own catalog, named: with a key and no CATALOG_FILE the gateway warns it may be on real Wix.
    CATALOG_FILE: fileURLToPath(new URL('../catalog/sandbox.json', import.meta.url)),
    HOST: '127.0.0.1',
    PORT: '0',
    AUTH: 'none',
    OPERATION_STORE_PATH: ':memory:',
    AUTH_STORE_PATH: ':memory:',
    // The gateway's own work and what each query asks of Wix: no rate budget to speak of, no read cache (else
    // repeated reads are answered from memory), log lines at BENCH_LOG_LEVEL (default warn: none per request).
    WIX_RATE_LIMIT_PER_MINUTE: '1000000',
    READ_CACHE: process.env.BENCH_READ_CACHE === 'on' ? 'on' : 'off',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  const rows: string[] = [];
  const rounds: string[] = [];
  const figures: Figure[] = [];
  const starts: Array<{ build: string; ms: number; rss: number }> = [];
  // BENCH_BEFORE: each round runs that checkout's build first, then this one (the same sandbox, alternating).
  const builds: Array<{ label: string; dir?: string }> = BEFORE
    ? [
        { label: 'before', dir: BEFORE },
        { label: 'after', dir: process.env.BENCH_GATEWAY_DIR },
      ]
    : [{ label: '', dir: process.env.BENCH_GATEWAY_DIR }];
  try {
    for (let r = 1; r <= ROUNDS; r++)
      for (const build of builds) {
        const round = `${build.label ? `${build.label} ` : ''}${r}`;
        const gateway = await startBuiltGateway(
          0,
          gatewayEnv(),
          PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
          build.dir,
        );
        try {
          await measureRound(gateway, round, build.label, { sandbox, scenarios, directTarget, rows, rounds, figures });
        } finally {
          await stopChild(gateway.child);
        }
      }
    // BENCH_STARTS: cold starts and idle RSS alone, alternating the builds (no load: a start is what is measured).
    for (let i = 0; i < STARTS; i++)
      for (const build of builds) {
        const gateway = await startBuiltGateway(0, gatewayEnv(), [], build.dir);
        await new Promise((r) => setTimeout(r, 1_000));
        starts.push({ build: build.label, ms: gateway.startMs, rss: rssMb(gateway.pid) });
        await stopChild(gateway.child);
      }
  } finally {
    sandbox.child.kill('SIGTERM');
  }
  console.log(
    '\n| round | query | series | req/s (10 conn) | p50 / p99 ms (10 conn) | p50 / p99 ms (1 conn) | gateway CPU ms/req (10 conn) | upstream calls/req (10 conn) | CPU ms/req (1 conn) | upstream calls/req (1 conn) | failed |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(
    '\n| round | cold start (spawn → ready, node dist/gateway/main.js) | RSS idle | RSS after load | dashboard upstream calls, cold |',
  );
  console.log('|---|---|---|---|---|');
  for (const row of rounds) console.log(row);
  const labels = builds.map((b) => b.label);
  if (ROUNDS > 1 || BEFORE) printMedians(figures, labels);
  if (starts.length > 0) printStarts(starts, labels);
}

/** What a round measures against and adds to: the tables and the figures the medians are taken from. */
interface RoundContext {
  sandbox: Child;
  scenarios: Scenario[];
  directTarget: (s: Scenario) => Target;
  rows: string[];
  rounds: string[];
  figures: Figure[];
}

/** Every scenario against one running gateway (one build in one round), then its start and memory figures. */
async function measureRound(
  gateway: Child,
  round: string,
  build: string,
  { sandbox, scenarios, directTarget, rows, rounds, figures }: RoundContext,
): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_000));
  const idleRss = rssMb(gateway.pid);
  const gql = (s: Scenario): Target => ({
    url: `${gateway.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: s.query, variables: s.variables ?? s.variableSets?.[0] ?? {} }),
    ...(s.variableSets
      ? { bodies: s.variableSets.map((variables) => JSON.stringify({ query: s.query, variables })) }
      : {}),
  });
  const dashboard = scenarios.find((x) => x.name === 'examples/01-dashboard') as Scenario;
  const coldCalls = await callsPer(sandbox.url, gql(dashboard), 1);
  const measured = scenarios.filter((x) => !ONLY || x.name.includes(ONLY));
  for (const s of measured) await load(gql(s), CONNECTIONS, START_WARMUP_S);
  for (const s of measured) {
    const g = gql(s);
    const d = directTarget(s);
    const probe = await fetch(g.url, { method: 'POST', headers: g.headers, body: g.body });
    const answer = (await probe.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(`${s.name} answered errors: ${JSON.stringify(answer.errors)}`);
    await load(g, CONNECTIONS, WARMUP_S);
    await load(d, CONNECTIONS, WARMUP_S);
    const calls = await callsPer(sandbox.url, g, COUNTED);
    const cpuBefore = cpuMs(gateway.pid);
    const gl = await load(g, CONNECTIONS, DURATION_S);
    const cpu = (cpuMs(gateway.pid) - cpuBefore) / gl.total;
    const sandboxBefore = cpuMs(sandbox.pid);
    const dl = await load(d, CONNECTIONS, DURATION_S);
    const floorCpu = (cpuMs(sandbox.pid) - sandboxBefore) / dl.total;
    // One connection: latency, and CPU and upstream calls per request with nothing shared between requests.
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
    const cpu1Before = cpuMs(gateway.pid);
    const g1 = await latency(g, LATENCY_S);
    const cpu1 = (cpuMs(gateway.pid) - cpu1Before) / g1.count;
    const calls1 = (await json<{ calls: unknown[] }>(`${sandbox.url}/_sandbox/calls`)).calls.length / g1.count;
    const d1 = await latency(d, LATENCY_S);
    figures.push({
      build,
      scenario: s.name,
      cpu,
      cpu1,
      p50Above: g1.p50 - d1.p50,
      calls1,
    });
    rows.push(
      `| ${round} | ${s.name} | gateway | ${int(gl.rps)} | ${gl.p50} / ${gl.p99} | ${fmt(g1.p50)} / ${fmt(g1.p99)} | ${fmt(cpu)} | ${fmt(calls)} | ${fmt(cpu1)} | ${fmt(calls1)} | ${gl.failed} |`,
      `| ${round} | ${s.name} | direct | ${int(dl.rps)} | ${dl.p50} / ${dl.p99} | ${fmt(d1.p50)} / ${fmt(d1.p99)} | (sandbox) ${fmt(floorCpu, 3)} | 1 | | 1 | ${dl.failed} |`,
      `| ${round} | ${s.name} | ratio | ${fmt(gl.rps / dl.rps, 3)}× | | +${fmt(g1.p50 - d1.p50)} ms p50 | ${fmt(cpu / floorCpu, 1)}× | | | | |`,
    );
  }
  rounds.push(
    `| ${round} | ${fmt(gateway.startMs / 1000)} s | ${idleRss} MB | ${rssMb(gateway.pid)} MB | ${fmt(coldCalls, 0)} |`,
  );
}

/** One scenario's figures in one round. */
interface Figure {
  build: string;
  scenario: string;
  cpu: number;
  cpu1: number;
  p50Above: number;
  calls1: number;
}

/** Per scenario (and build), the median over the rounds (what the noise of one round hides), and the best round. */
function printMedians(figures: Figure[], builds: string[]): void {
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  console.log(
    '\n| query | build | rounds | gateway CPU ms/req (10 conn), median (best) | CPU ms/req (1 conn), median (best) | p50 above direct (1 conn), median (best) | upstream calls/req (1 conn) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const scenario of [...new Set(figures.map((f) => f.scenario))])
    for (const build of builds) {
      const of = figures.filter((f) => f.scenario === scenario && f.build === build);
      if (of.length === 0) continue;
      // The best round beside the median: other load on the machine only ever adds to a round's figures.
      const both = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))})`;
      console.log(
        `| ${scenario} | ${build || 'gateway'} | ${of.length} | ${both(of.map((f) => f.cpu))} | ${both(of.map((f) => f.cpu1))} | +${both(of.map((f) => f.p50Above))} ms | ${fmt(median(of.map((f) => f.calls1)))} |`,
      );
    }
}

/** Upstream calls per request over `requests` requests (10 connections), from the sandbox call log. */
async function callsPer(sandboxUrl: string, target: Target, requests: number): Promise<number> {
  await fetch(`${sandboxUrl}/_sandbox/calls`, { method: 'DELETE' });
  for (let sent = 0; sent < requests;) {
    const batch = Math.min(CONNECTIONS, requests - sent);
    await Promise.all(
      Array.from({ length: batch }, (_, i) =>
        fetch(target.url, { method: target.method, headers: target.headers, body: bodyOf(target, sent + i) }).then(
          (r) => r.arrayBuffer(),
        ),
      ),
    );
    sent += batch;
  }
  const { calls } = await json<{ calls: unknown[] }>(`${sandboxUrl}/_sandbox/calls`);
  return calls.length / requests;
}

await main();

/** Cold starts and idle RSS per build (BENCH_STARTS). */
function printStarts(starts: Array<{ build: string; ms: number; rss: number }>, builds: string[]): void {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    '\n| build | cold starts (alternating, no load) | start, mean | start, median | RSS idle, mean | RSS idle, min–max |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const build of builds) {
    const of = starts.filter((x) => x.build === build);
    const ms = of.map((x) => x.ms).sort((a, b) => a - b);
    const rss = of.map((x) => x.rss).sort((a, b) => a - b);
    console.log(
      `| ${build || 'gateway'} | ${of.length} | ${int(mean(ms))} ms | ${int(ms[ms.length >> 1] as number)} ms | ${fmt(mean(rss), 1)} MB | ${rss[0]}–${rss[rss.length - 1]} MB |`,
    );
  }
}
