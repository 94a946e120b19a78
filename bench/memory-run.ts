/**
 * The memory attack of issue 13, as a function the benchmark (`npm run bench:memory`) and its shorter test share: a
 * gateway child process with a small heap (`--max-old-space-size`, `--expose-gc`) against a sandbox child, sent
 * distinct queries padded with long comments — first far over the query length cap (refused before parsing), then
 * just under it (parsed, validated and cached: the document cache must stay bounded in bytes). After every `every`
 * requests the gateway's heap after GC is sampled; the curve is returned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REQUEST_LIMITS } from '../src/limits/check.js';

/** One sample of the gateway's heap. */
export interface HeapSample {
  phase: string;
  sent: number;
  heapUsedMb: number;
  rssMb: number;
  /** Answers by HTTP status so far in this phase. */
  statuses: Record<number, number>;
}

export interface MemoryRunOptions {
  /** Distinct queries per phase. */
  requests: number;
  /** Heap of the gateway process, MB. */
  heapMb: number;
  /** Sample after this many requests. */
  every: number;
  /** Concurrent requests in flight. */
  concurrency?: number;
}

interface Child {
  child: ChildProcess;
  url: string;
  lines: Interface;
}

async function startChild(file: string, env: Record<string, string>, nodeArgs: string[]): Promise<Child> {
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

function memory(gateway: Child): Promise<{ heapUsed: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the gateway died (exit ${code})`));
    gateway.child.once('exit', onExit);
    gateway.lines.once('line', (line) => {
      gateway.child.off('exit', onExit);
      resolve(JSON.parse(line) as { heapUsed: number; rss: number });
    });
    gateway.child.stdin?.write('mem\n');
  });
}

/** A small valid query made distinct by its number, padded with a comment to `length` characters. */
function paddedQuery(i: number, length: number): string {
  const head = `# ${i}\n`;
  const body = `\nquery Padded${i} { viewer { wixId } }`;
  return `${head}#${'x'.repeat(Math.max(0, length - head.length - body.length - 1))}${body}`;
}

/** Runs both phases; rejects if the gateway dies. Stops both children at the end. */
export async function runMemoryAttack(options: MemoryRunOptions): Promise<HeapSample[]> {
  const sandbox = await startChild('./sandbox-child.ts', {}, []);
  let gateway: Child | undefined;
  try {
    const seed = (await (await fetch(`${sandbox.url}/_sandbox/seed`)).json()) as {
      apiKey: string;
      mainAccountId: string;
    };
    gateway = await startChild(
      './gateway-child.ts',
      { SANDBOX_URL: sandbox.url, SANDBOX_API_KEY: seed.apiKey, SANDBOX_ACCOUNT_ID: seed.mainAccountId },
      [`--max-old-space-size=${options.heapMb}`, '--expose-gc'],
    );
    const samples: HeapSample[] = [];
    const sample = async (phase: string, sent: number, statuses: Record<number, number>) => {
      const mem = await memory(gateway as Child);
      samples.push({
        phase,
        sent,
        heapUsedMb: Math.round(mem.heapUsed / 1e5) / 10,
        rssMb: Math.round(mem.rss / 1e5) / 10,
        statuses: { ...statuses },
      });
    };
    await sample('start', 0, {});
    const phases: Array<[string, number]> = [
      ['400 KB comments', 400 * 1024],
      ['just under the length cap', REQUEST_LIMITS.maxQueryLength - 16],
    ];
    for (const [index, [phase, length]] of phases.entries()) {
      const statuses: Record<number, number> = {};
      let next = 0;
      const url = `${gateway.url}/graphql`;
      const worker = async () => {
        while (next < options.requests) {
          const i = next++;
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: paddedQuery(index * 1_000_000 + i, length) }),
          });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if ((i + 1) % options.every === 0) await sample(phase, i + 1, statuses);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    }
    return samples;
  } finally {
    gateway?.child.kill('SIGTERM');
    sandbox.child.kill('SIGTERM');
  }
}
