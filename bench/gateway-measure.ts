/**
 * Measuring tools of `bench/gateway.ts`: child processes pinned to a core, a process's CPU time and RSS from /proc,
 * an autocannon run, and a one-connection latency loop with microsecond timing (autocannon's histogram counts whole
 * milliseconds, too coarse for a sub-millisecond floor).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** Whether `taskset` exists here (Linux, util-linux); without it nothing is pinned and the output says so. */
export const HAS_TASKSET = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Pins this process (every thread) to `core`; no-op without taskset. */
export function pinSelf(core: number): void {
  if (HAS_TASKSET) execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
}

export interface Child {
  child: ChildProcess;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the child's ready line (process start, module loading, start-up, listening). */
  startMs: number;
}

/**
 * Spawns a bench child under tsx, pinned to `core` (not pinned when undefined), and waits for its JSON line with
 * `url` and `pid`.
 */
export async function startChild(
  file: string,
  core: number | undefined,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Child> {
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const node = [process.execPath, ...nodeArgs, '--conditions=source', '--import', 'tsx', entry];
  const [cmd, ...args] = HAS_TASKSET && core !== undefined ? ['taskset', '-c', String(core), ...node] : node;
  const started = performance.now();
  const child = spawn(cmd as string, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited early (code ${code})`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; pid: number }));
  });
  return { child, ...ready, startMs: performance.now() - started };
}

const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Stops a child with SIGTERM and waits for it to exit. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

/** Resident set size of a process, in MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** One HTTP request to measure: the same request for every connection. */
export interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Bodies sent in turn instead of `body` (e.g. the same query for a different site each time). */
  bodies?: string[];
}

/** The body of the `n`th request to `target`. */
export function bodyOf(target: Target, n: number): string | undefined {
  return target.bodies ? target.bodies[n % target.bodies.length] : target.body;
}

export interface LoadFigures {
  rps: number;
  total: number;
  failed: number;
  p50: number;
  p99: number;
}

/** autocannon at `connections` for `seconds`. */
export async function load(target: Target, connections: number, seconds: number): Promise<LoadFigures> {
  let sent = 0;
  const result = await autocannon({
    url: target.url,
    method: target.method,
    headers: target.headers,
    ...(target.body ? { body: target.body } : {}),
    ...(target.bodies
      ? { requests: [{ setupRequest: (req: object) => ({ ...req, body: bodyOf(target, sent++) }) }] }
      : {}),
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

export interface LatencyFigures {
  count: number;
  p50: number;
  p99: number;
}

/** Requests one after another on one keep-alive connection for `seconds`; latency percentiles in ms (µs precision). */
export async function latency(target: Target, seconds: number): Promise<LatencyFigures> {
  let sent = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.url);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(url, { method: target.method, headers: target.headers, agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
            : reject(new Error(`${target.url} answered ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(bodyOf(target, sent++));
    });
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  try {
    while (performance.now() < until) samples.push(await once());
  } finally {
    agent.destroy();
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { count: samples.length, p50: at(0.5), p99: at(0.99) };
}

/**
 * The gateway as production runs it: the build (`node dist/gateway/main.js serve`, built first by the caller with `npm run
 * build`), pinned to `core`, on the upstream given in `env` (WIX_API_BASE_URL, WIX_API_KEY, WIX_ACCOUNT_ID and the
 * rest of its configuration). Resolves once it printed its ready line; `startMs` is spawn → that line.
 */
export async function startBuiltGateway(
  core: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  checkout?: string,
): Promise<Child> {
  // `checkout`: another checkout's build (e.g. an older commit, built there) to measure in the same run.
  const dir = checkout ?? fileURLToPath(new URL('..', import.meta.url));
  // The bundle `npm start` runs (dist/gateway/), or tsc's output for a checkout from before the bundle existed.
  const entry = existsSync(`${dir}/dist/gateway/main.js`) ? `${dir}/dist/gateway/main.js` : `${dir}/dist/src/main.js`;
  const node = [process.execPath, ...nodeArgs, entry, 'serve'];
  const [cmd, ...args] = HAS_TASKSET ? ['taskset', '-c', String(core), ...node] : node;
  const started = performance.now();
  const child = spawn(cmd as string, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the gateway exited early (code ${code})`)));
    lines.on('line', (line) => {
      const ready = /gateway ready at (http:\/\/\S+)\/graphql/.exec(line);
      if (ready) resolve(ready[1] as string);
    });
  });
  // Its log lines (LOG_LEVEL) keep flowing to the pipe; read and dropped so the gateway never blocks on it.
  lines.on('line', () => undefined);
  return { child, url, pid: child.pid as number, startMs: performance.now() - started };
}
