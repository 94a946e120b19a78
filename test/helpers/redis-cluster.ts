import { LogCapture } from './logs.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Gateway, type GatewayOptions } from '../../src/server.js';
import type { TestSandbox } from './sandbox.js';

/**
 * Several gateway instances in one test process against one sandbox and one Redis (README "Running several
 * instances"): the machine's Redis on 127.0.0.1:6379, or a private redis-server the test can stop and start again.
 * Every test uses its own key prefix, so tests (and test files) never see each other's keys.
 */

/** The machine's Redis (the CI job starts it; see .ci/run). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export const randomPrefix = (): string => `wag-test:${randomUUID().slice(0, 8)}:`;

/** Deletes every key under `prefix` (after a test). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

/** A redis-server of the test's own on a free port, with no persistence: stopped (SIGKILL) and started at will. */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, on the same port) and waits until it answers PING. */
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 5_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const ok = await probe.connect().then(
        () => probe.ping().then(() => true),
        () => false,
      );
      probe.disconnect();
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server (SIGKILL, as a crash) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child?.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Options of every instance of a test cluster (fast polls and leases; no budget or read cache to speak of). */
export interface ClusterOptions {
  redisUrl: string;
  prefix: string;
  intervalMs: number;
  leaseMs: number;
  gateway?: Partial<GatewayOptions>;
}

/** `n` gateways against one sandbox, one SQLite operation store file and one Redis prefix; `close()` ends them all. */
export class TestCluster {
  readonly gateways: Gateway[] = [];
  /** Each instance's log lines (JSON, as the gateway writes them). */
  readonly logs: LogCapture[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'wag-cluster-'));

  constructor(
    readonly sandbox: TestSandbox,
    private readonly options: ClusterOptions,
  ) {}

  async add(count = 1): Promise<Gateway[]> {
    const added: Gateway[] = [];
    for (let i = 0; i < count; i++) {
      const index = this.gateways.length;
      const o = this.options;
      const gateway = await Gateway.start({
        upstream: {
          baseUrl: this.sandbox.url,
          apiKey: this.sandbox.seed.apiKey,
          mainAccountId: this.sandbox.seed.mainAccountId,
          timeoutMs: 5_000,
        },
        polling: { intervalMs: o.intervalMs, maxIntervalMs: o.intervalMs, jitter: 0 },
        websocket: { maxOperationsPerConnection: 200 },
        operations: { storePath: join(this.dir, 'operations.sqlite'), leaseMs: 1_000, retryDelayMs: 10 },
        budget: { limit: 1_000_000, readCache: false },
        shared: { redisUrl: o.redisUrl, keyPrefix: o.prefix, pollLeaseMs: o.leaseMs, instances: 3 },
        observability: { logger: this.logCapture(index).logger },
        ...o.gateway,
      });
      this.gateways.push(gateway);
      added.push(gateway);
    }
    return added;
  }

  /** The instances polling `resource` under a lease now (by index). */
  /** A log capture for instance `index` (kept in {@link logs}). */
  private logCapture(index: number): LogCapture {
    const capture = new LogCapture();
    this.logs[index] = capture;
    return capture;
  }

  holders(): number[] {
    return this.gateways.flatMap((g, i) => ((g.shared?.pollers.stats().leased ?? 0) > 0 ? [i] : []));
  }

  async close(): Promise<void> {
    for (const g of this.gateways) await g.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
