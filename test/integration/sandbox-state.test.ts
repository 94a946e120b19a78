import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `wix-account-graph sandbox` (the real CLI, through tsx, the sandbox package from its sources) with `env`. */
function sandboxCli(env: Record<string, string>): ChildProcess {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'sandbox'], {
    cwd: root,
    env: { ...base, SANDBOX_PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): { text: () => string } {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { text: () => out };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

/** SANDBOX_STATE_FILE on the `sandbox` command: start, write, stop, start again, read. */
describe('CLI: sandbox with SANDBOX_STATE_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wag-sandbox-state-'));
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (file: string) => {
    const child = sandboxCli({ SANDBOX_STATE_FILE: file });
    children.push(child);
    const out = output(child);
    const text = await waitFor(out.text, /world kept in/);
    const url = /listening on (http:\/\/\S+) /.exec(text)?.[1] as string;
    const seed = (await (await fetch(`${url}/_sandbox/seed`)).json()) as { apiKey: string; mainAccountId: string };
    const headers = {
      authorization: seed.apiKey,
      'wix-account-id': seed.mainAccountId,
      'content-type': 'application/json',
    };
    const post = async (path: string, body: unknown) =>
      (await (await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as any;
    return { child, post };
  };

  it('keeps the world across a restart', async () => {
    const file = join(dir, 'world.json');
    const first = await start(file);
    const created = await first.post('/site-folders/v2/folders', { folder: { name: 'Partner folder' } });
    expect(created.folder.id).toBeDefined();
    const exited = once(first.child, 'exit');
    first.child.kill('SIGTERM');
    await exited;

    const second = await start(file);
    const folders = await second.post('/site-folders/v2/folders/query', {});
    expect(folders.folders.map((f: { name: string }) => f.name)).toContain('Partner folder');
  });

  it('a corrupt state file stops start-up with one line naming the variable', async () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, 'not json');
    const child = sandboxCli({ SANDBOX_STATE_FILE: file });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    expect(stderr.trim()).toBe(
      `Start-up failed: SANDBOX_STATE_FILE ${file} cannot be read: it is not JSON. Move it away (or delete it) to start a fresh world.`,
    );
  });
});
