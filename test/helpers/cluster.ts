import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayProcess } from './child.js';
import { createTestDatabase, type TestDatabase } from './pg.js';
import { TestSandbox } from './sandbox.js';

/** How to start a cluster: how many gateways, with which settings, on which shared pieces. */
export interface ClusterOptions {
  /** Gateway processes (default 3). */
  instances?: number;
  /** Environment of every instance, over the harness's defaults (see `Cluster.env`). */
  env?: Record<string, string>;
  /** Environment of instance `index` only, over `env` (e.g. its own DATABASE_URL through a proxy). */
  instanceEnv?: (index: number, cluster: Cluster) => Record<string, string>;
  /** A PostgreSQL database of the cluster's own (default true): DATABASE_URL of every instance; dropped at stop. */
  postgres?: boolean;
  /** An already running sandbox to share (not closed at stop); default: a new one (manual clock). */
  sandbox?: TestSandbox;
  /** A built entry point every instance runs with plain node (default: `src/main.ts` through tsx). */
  entry?: string;
}

/** One gateway process of a cluster and a GraphQL client to it. */
export class ClusterInstance {
  constructor(
    readonly index: number,
    public process: GatewayProcess,
  ) {}

  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  get url(): string {
    return this.process.url;
  }

  /** The same endpoint over WebSocket (graphql-transport-ws). */
  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  /** `http://127.0.0.1:<port>` (for /readyz, /healthz). */
  get baseUrl(): string {
    return this.url.replace(/\/graphql$/, '');
  }

  /** Everything the process printed (logs of this process only). */
  get log(): string {
    return this.process.log;
  }

  /** The value of an unlabelled gauge or counter of its metrics (0 when it is not there). */
  async metric(name: string): Promise<number> {
    // Started with METRICS_PORT=0: the port is the one its start lines print.
    const [, url] = await this.process.waitFor(/metrics \(Prometheus\): (\S+)/, 10_000);
    const text = await (await fetch(url as string)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }

  /** `/readyz`: its HTTP status and its JSON answer. */
  async readyz(): Promise<{ status: number; body: { status: string; checks: Array<{ name: string }> } }> {
    const res = await fetch(`${this.baseUrl}/readyz`);
    return { status: res.status, body: (await res.json()) as never };
  }

  /** Runs an operation; fails (printing the answer) unless there is data and no error. */
  data<TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables: TVars): Promise<TData> {
    return this.process.data(document, variables);
  }

  /** Runs an operation and returns the HTTP status and the whole answer, errors included. */
  async request<TData = unknown, TVars = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | string,
    variables?: TVars,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: { data?: TData | null; errors?: Array<{ message: string; extensions?: any }> } }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
    });
    return { status: res.status, body: (await res.json()) as never };
  }
}

/**
 * Several real gateway processes (`src/main.ts serve` through tsx) on one sandbox and, by default, one PostgreSQL
 * database of their own: what "Running several instances" describes, for tests that kill, stop and restart
 * instances. Each instance listens on a free port (PORT=0, read from its start line), runs with AUTH=none on loopback
 * and the sandbox's key and main account, and gets `env` and `instanceEnv(i)` on top (REDIS_URL, OPERATION_LEASE_MS…).
 */
export class Cluster {
  readonly instances: ClusterInstance[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'wag-cluster-'));

  private constructor(
    readonly sandbox: TestSandbox,
    private readonly ownSandbox: boolean,
    readonly database: TestDatabase | undefined,
    private readonly options: ClusterOptions,
  ) {}

  /** Starts the sandbox (unless given), the database (unless `postgres: false`) and the instances, in parallel. */
  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const sandbox = options.sandbox ?? (await TestSandbox.start());
    const database = options.postgres === false ? undefined : await createTestDatabase('wag_cluster');
    const cluster = new Cluster(sandbox, !options.sandbox, database, options);
    try {
      const count = options.instances ?? 3;
      const started = await Promise.all(Array.from({ length: count }, (_, i) => cluster.spawn(i)));
      cluster.instances.push(...started.map((p, i) => new ClusterInstance(i, p)));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Instance `index` (throws when there is none). */
  at(index: number): ClusterInstance {
    const instance = this.instances[index];
    if (!instance) throw new Error(`no instance ${index} in a cluster of ${this.instances.length}`);
    return instance;
  }

  /** The environment instance `index` starts with: defaults, then `env`, then `instanceEnv(index)`, then `extra`. */
  env(index: number, extra: Record<string, string> = {}): Record<string, string> {
    return {
      WIX_API_KEY: this.sandbox.seed.apiKey,
      WIX_ACCOUNT_ID: this.sandbox.seed.mainAccountId,
      WIX_API_BASE_URL: this.sandbox.url,
      PORT: '0',
      HOST: '127.0.0.1',
      // A Wix key needs an authentication mode: none is allowed on loopback, and chosen explicitly.
      AUTH: 'none',
      // Used only without DATABASE_URL: each instance then has its own files (nothing shared).
      OPERATION_STORE_PATH: join(this.dir, `operations-${index}.sqlite`),
      AUTH_STORE_PATH: join(this.dir, `auth-${index}.sqlite`),
      POLL_INTERVAL_MS: '50',
      POLL_MAX_INTERVAL_MS: '200',
      ...(this.database ? { DATABASE_URL: this.database.url } : {}),
      ...this.options.env,
      ...this.options.instanceEnv?.(index, this),
      ...extra,
    };
  }

  /** SIGKILLs instance `index` (no shutdown hook runs: the crash case). */
  kill(index: number): Promise<void> {
    return this.at(index).process.kill();
  }

  /** Sends `signal` to instance `index` and waits for it to exit (SIGTERM: a clean shutdown). */
  signal(index: number, signal: NodeJS.Signals): Promise<void> {
    return this.at(index).process.stop(signal);
  }

  /** Starts instance `index` again (after a kill or stop), with its environment plus `extra`; a new port. */
  async restart(index: number, extra: Record<string, string> = {}): Promise<ClusterInstance> {
    const instance = this.at(index);
    await instance.process.kill();
    instance.process = await this.spawn(index, extra);
    return instance;
  }

  /** The instances still running. */
  get alive(): ClusterInstance[] {
    return this.instances.filter((i) => !i.process.exited);
  }

  /** Kills every instance, then drops the database, closes the sandbox (when the cluster made it), removes files. */
  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.process.kill()));
    await this.database?.drop();
    if (this.ownSandbox) await this.sandbox.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(index: number, extra: Record<string, string> = {}): Promise<GatewayProcess> {
    return GatewayProcess.start(this.env(index, extra), 60_000, this.options.entry);
  }
}
