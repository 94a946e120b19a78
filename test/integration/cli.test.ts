import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real CLI (src/main.ts through tsx's loader, the sandbox package from its sources) with a clean environment plus `env`. */
function cli(args: string[], env: Record<string, string>): ChildProcess {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function readUntil(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      if (!pattern.test(out)) reject(new Error(`exited before ${pattern}; output:\n${out}`));
    });
  });
}

/** Runs the CLI to its exit and returns the exit code and everything it wrote to stderr. */
async function failure(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = cli(args, env);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr: stderr.trim() };
}

describe('CLI', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wag-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('stops on bad configuration with one line naming the variable', async () => {
    const { code, stderr } = await failure(['serve'], { PORT: 'abc' });
    expect(code).toBe(2);
    expect(stderr).toBe('Configuration error: PORT must be an integer from 0 to 65535 (got "abc")');
  });

  it('stops with one line naming CATALOG_FILE when the catalog is missing or not a catalog', async () => {
    const missing = await failure(['serve'], { CATALOG_FILE: join(dir, 'none.json') });
    expect(missing).toEqual({
      code: 2,
      stderr: `Configuration error: CATALOG_FILE is not a readable file (ENOENT: ${join(dir, 'none.json')})`,
    });
    const notJson = await failure(['serve'], { CATALOG_FILE: join(root, 'README.md') });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^Configuration error: CATALOG_FILE is not valid JSON \(.*README\.md\)$/);
  });

  it('stops with one line naming OPERATION_STORE_PATH when the store cannot live there', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a database, and not a folder');
    const underFile = await failure(['serve'], { OPERATION_STORE_PATH: join(file, 'ops.sqlite') });
    expect(underFile).toEqual({
      code: 2,
      stderr: `Configuration error: OPERATION_STORE_PATH cannot be opened for writing: ENOTDIR (${join(file, 'ops.sqlite')})`,
    });
    const notSqlite = await failure(['serve'], { OPERATION_STORE_PATH: file });
    expect(notSqlite).toEqual({
      code: 2,
      stderr: `Configuration error: OPERATION_STORE_PATH is not a SQLite database (${file})`,
    });
  });

  describe('with a port taken', () => {
    let taken: Server;
    let port = 0;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      port = (taken.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

    it('stops with one line naming PORT, or SANDBOX_PORT, when it is in use', async () => {
      const env = { HOST: '127.0.0.1', OPERATION_STORE_PATH: ':memory:' };
      const gateway = await failure(['serve'], { ...env, PORT: String(port) });
      expect(gateway).toEqual({
        code: 1,
        stderr: `Start-up failed: PORT ${port} is already in use on 127.0.0.1 (another gateway or sandbox running?)`,
      });
      const sandbox = await failure(['serve'], { ...env, PORT: '0', SANDBOX_PORT: String(port) });
      expect(sandbox).toEqual({
        code: 1,
        stderr: `Start-up failed: SANDBOX_PORT ${port} is already in use on 127.0.0.1 (another gateway or sandbox running?)`,
      });
    });
  });

  it('serve without a Wix key starts the embedded sandbox, prints the URLs, and answers a sites query', async () => {
    const secret = 'IST.should-never-be-printed';
    const child = cli(['serve'], {
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX_PORT: '0',
      WIX_API_BASE_URL: 'https://www.wixapis.com',
      OPERATION_STORE_PATH: ':memory:',
      UNUSED_SECRET: secret,
    });
    children.push(child);
    const out = await readUntil(child, /demo main account: [0-9a-f-]{36}/);
    const gatewayUrl = /gateway ready at (http:\/\/\S+\/graphql)/.exec(out)?.[1];
    const sandboxUrl = /embedded Wix sandbox at (http:\/\/\S+) /.exec(out)?.[1];
    expect(gatewayUrl).toBeDefined();
    expect(sandboxUrl).toBeDefined();
    const seed = (await (await fetch(`${sandboxUrl}/_sandbox/seed`)).json()) as { apiKey: string; siteIds: string[] };
    expect(out).not.toContain(seed.apiKey);
    const res = await fetch(gatewayUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sites(first: 3) { nodes { wixId name } } }' }),
    });
    const body = (await res.json()) as { data: { sites: { nodes: Array<{ wixId: string }> } } };
    expect(body.data.sites.nodes).toHaveLength(3);
    for (const site of body.data.sites.nodes) expect(seed.siteIds).toContain(site.wixId);
  });

  it('sandbox runs the sandbox alone', async () => {
    const child = cli(['sandbox'], { SANDBOX_PORT: '0', HOST: '127.0.0.1', SANDBOX_SEED: '7' });
    children.push(child);
    const out = await readUntil(child, /OpenAPI document/);
    const url = /listening on (http:\/\/\S+) /.exec(out)?.[1];
    const seed = (await (await fetch(`${url}/_sandbox/seed`)).json()) as { seed: number };
    expect(seed.seed).toBe(7);
  });

  it('SIGTERM and SIGINT close the WebSockets (1001) and the operation store, then exit 0', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const store = join(dir, `operations-${signal}.sqlite`);
      const child = cli(['serve'], { PORT: '0', HOST: '127.0.0.1', OPERATION_STORE_PATH: store });
      children.push(child);
      const out = await readUntil(child, /demo main account/);
      const url = /gateway ready at http(:\/\/\S+\/graphql)/.exec(out)?.[1] as string;
      const ws = new WebSocket(`ws${url}`, 'graphql-transport-ws');
      const closed = once(ws, 'close') as Promise<[number, Buffer]>;
      await once(ws, 'open');
      ws.send(JSON.stringify({ type: 'connection_init' }));
      await once(ws, 'message');
      expect(existsSync(`${store}-wal`)).toBe(true);
      const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
      child.kill(signal);
      // Ctrl-C under `npm start` delivers SIGINT twice (the terminal's, and npm's forwarded copy): still one clean stop.
      if (signal === 'SIGINT') child.kill(signal);
      expect(await exited).toEqual([0, null]);
      expect((await closed)[0]).toBe(1001);
      // A SQLite database closed cleanly checkpoints and removes its write-ahead log.
      expect(existsSync(`${store}-wal`)).toBe(false);
    }
  });
});
