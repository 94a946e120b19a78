import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@wix-account-graph/sandbox';
import { Gateway } from '../../../src/server.js';
import { UpstreamRefusedError } from '../../../src/upstream-readiness.js';
import { LogCapture } from '../../helpers/logs.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { eventually } from '../../helpers/ws.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A port nothing listens on (taken, then let go). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function readyz(gateway: Gateway): Promise<{ status: number; body: { status: string; checks: unknown[] } }> {
  const res = await fetch(`${gateway.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: unknown[] } };
}

/** Runs the CLI to its exit; returns the exit code and everything it printed. */
function runCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Start-up tells the truth about the upstream: a refused key or account stops it; a dead upstream is "not ready". */
describe('gateway start-up checks the upstream', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await TestSandbox.start();
  });
  afterAll(async () => sandbox.close());
  const upstream = (over: Partial<{ baseUrl: string; apiKey: string; mainAccountId: string }> = {}) => ({
    baseUrl: sandbox.url,
    apiKey: sandbox.seed.apiKey,
    mainAccountId: sandbox.seed.mainAccountId,
    timeoutMs: 2_000,
    ...over,
  });

  it('a refused key or account stops start-up with one line naming the variable', async () => {
    await expect(Gateway.start({ upstream: upstream({ apiKey: 'IST.not-a-key' }) })).rejects.toThrow(
      new UpstreamRefusedError('Start-up failed: Wix refused WIX_API_KEY (HTTP 401)'),
    );
    const stranger = '0f0f0f0f-0000-4000-8000-000000000001';
    await expect(Gateway.start({ upstream: upstream({ mainAccountId: stranger }) })).rejects.toThrow(
      /^Start-up failed: WIX_ACCOUNT_ID 0f0f0f0f-0000-4000-8000-000000000001 is not an account WIX_API_KEY can reach/,
    );
    // The same through the CLI: exit code 1, one line, no key printed.
    const env = { WIX_API_BASE_URL: sandbox.url, WIX_ACCOUNT_ID: sandbox.seed.mainAccountId, AUTH: 'none' };
    const badKey = await runCli({ ...env, WIX_API_KEY: 'IST.wrong-key-value' });
    expect(badKey.code).toBe(1);
    expect(badKey.output).toContain('Start-up failed: Wix refused WIX_API_KEY (HTTP 401)');
    expect(badKey.output).not.toContain('wrong-key-value');
    expect(badKey.output).toContain('warning: WIX_API_KEY is set without CATALOG_FILE');
    const badAccount = await runCli({ ...env, WIX_API_KEY: sandbox.seed.apiKey, WIX_ACCOUNT_ID: stranger });
    expect(badAccount.code).toBe(1);
    expect(badAccount.output).toMatch(/Start-up failed: WIX_ACCOUNT_ID \S+ is not an account WIX_API_KEY can reach/);
    expect(badAccount.output).not.toContain(sandbox.seed.apiKey);
  }, 60_000);

  it('an unreachable upstream starts not ready, and becomes ready when it answers', async () => {
    const port = await freePort();
    const logs = new LogCapture();
    const gateway = await Gateway.start({
      upstream: upstream({ baseUrl: `http://127.0.0.1:${port}` }),
      readyRetryMs: 100,
      observability: { logger: logs.logger },
    });
    const lines = () => logs.records().map((r) => String(r.msg));
    let late: RunningSandbox | undefined;
    try {
      expect(gateway.readiness.check.ok).toBe(false);
      const down = await readyz(gateway);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'not ready',
        checks: [
          { name: 'upstream', ok: false, detail: expect.stringContaining('could not be reached') },
          { name: 'store', ok: true },
        ],
      });
      expect(lines().some((l) => l.startsWith('upstream failure: Get Account: network'))).toBe(true);
      expect(lines().some((l) => l.startsWith('upstream not ready'))).toBe(true);
      expect(logs.events('upstream_failure')[0]).toMatchObject({
        level: 'warn',
        endpoint: 'Get Account',
        kind: 'network',
      });
      // The same seed on that port: the same key and main account answer now.
      late = await startSandbox({ port, seed: 1, clock: 'manual' });
      await eventually(async () => expect((await readyz(gateway)).status).toBe(200), 5_000);
      expect((await readyz(gateway)).body).toMatchObject({ status: 'ready' });
      expect(lines().some((l) => l.startsWith('upstream ready'))).toBe(true);
      expect(logs.events('readiness').at(-1)).toMatchObject({ level: 'info', ready: true });
    } finally {
      await gateway.close();
      await late?.close();
    }
  });

  it('/readyz turns not ready when the upstream stops, and ready again when it returns; /healthz stays live', async () => {
    const port = await freePort();
    let upstreamSandbox: RunningSandbox | undefined = await startSandbox({ port, seed: 1, clock: 'manual' });
    const logs = new LogCapture();
    const gateway = await Gateway.start({
      upstream: upstream({ baseUrl: `http://127.0.0.1:${port}` }),
      readyRetryMs: 100,
      observability: { logger: logs.logger },
    });
    try {
      expect(await readyz(gateway)).toMatchObject({ status: 200, body: { status: 'ready' } });
      await upstreamSandbox.close();
      upstreamSandbox = undefined;
      await new Promise((resolve) => setTimeout(resolve, 150));
      const down = await readyz(gateway);
      expect(down.status).toBe(503);
      expect(down.body.checks).toEqual([
        { name: 'upstream', ok: false, detail: expect.stringContaining('could not be reached') },
        { name: 'store', ok: true, detail: expect.any(String) },
      ]);
      const health = await fetch(`${gateway.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        checks: [
          { name: 'process', ok: true },
          { name: 'event-loop', ok: true },
        ],
      });
      upstreamSandbox = await startSandbox({ port, seed: 1, clock: 'manual' });
      await eventually(async () => expect((await readyz(gateway)).status).toBe(200), 5_000);
      const said = logs.events('readiness').map((r) => r.ready);
      expect([said[0], said.at(-1)]).toEqual([false, true]);
    } finally {
      await gateway.close();
      await upstreamSandbox?.close();
    }
  });
});
