import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The real gateway as a child process (`node --conditions=source --import tsx src/main.ts serve`) with a clean environment plus `env`,
 * for tests that kill it. `url` is its GraphQL endpoint once it printed that it is ready.
 */
export class GatewayProcess {
  private output = '';

  private constructor(
    readonly child: ChildProcess,
    public url = '',
  ) {
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
  }

  /** `entry`: a built entry point to run with plain node (e.g. the bundle `npm start` runs) instead of the sources. */
  static async start(env: Record<string, string>, timeoutMs = 30_000, entry?: string): Promise<GatewayProcess> {
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const argv = entry ? [entry, 'serve'] : ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'serve'];
    const child = spawn(process.execPath, argv, {
      cwd: root,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const gateway = new GatewayProcess(child);
    gateway.url = (
      await gateway.waitFor(/gateway (?:ready|listening) at (http:\/\/\S+\/graphql)/, timeoutMs)
    )[1] as string;
    return gateway;
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  /** Resolves with the match once the output matches `pattern`; fails on exit or timeout, printing the output. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`timed out waiting for ${pattern}; output:\n${this.output}`)),
        timeoutMs,
      );
      const check = () => {
        const match = pattern.exec(this.output);
        if (match) done(undefined, match);
      };
      const onExit = () => done(new Error(`exited before ${pattern}; output:\n${this.output}`));
      const done = (error?: Error, match?: RegExpExecArray) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
        if (match) resolve(match);
        else reject(error ?? new Error(`no match for ${pattern}`));
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** Runs an operation over HTTP; fails (printing the answer) unless there is data and no error. */
  async data<TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables: TVars): Promise<TData> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await res.json()) as { data?: TData; errors?: unknown[] };
    if (body.errors?.length || !body.data)
      throw new Error(`GraphQL operation failed (${res.status}): ${JSON.stringify(body)}`);
    return body.data;
  }

  /** SIGKILL: no shutdown hook runs (the crash case). */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** Sends `signal` (SIGTERM: a clean shutdown) and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }

  /** Whether the process has ended. */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }
}
