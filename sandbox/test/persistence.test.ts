import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/server.js';

/** SANDBOX_STATE_FILE: the standalone sandbox keeps its world across restarts (start, write, restart, read). */
describe('sandbox: state file', () => {
  let dir: string;
  let file: string;
  const running: Sandbox[] = [];

  const start = async () => {
    const sandbox = await startSandbox({ clock: 'manual', seed: 7, stateFile: file });
    running.push(sandbox);
    const seed = (await (await fetch(`${sandbox.url}/_sandbox/seed`)).json()) as {
      apiKey: string;
      mainAccountId: string;
    };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: {
          authorization: seed.apiKey,
          'wix-account-id': seed.mainAccountId,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, world: res.headers.get('x-sandbox-world-id'), body: (await res.json()) as any };
    };
    return { sandbox, seed, call };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    file = join(dir, 'world.json');
  });
  afterEach(async () => {
    for (const sandbox of running.splice(0)) await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps folders, sites and keys across a restart', async () => {
    const first = await start();
    expect(existsSync(file)).toBe(true);
    const created = await first.call('POST', '/site-folders/v2/folders', { folder: { name: 'Kept across restarts' } });
    expect(created.status).toBe(200);
    const sites = await first.call('POST', '/site-list/v2/sites/query', {});
    await first.sandbox.close();

    const second = await start();
    expect(second.seed.apiKey).toBe(first.seed.apiKey);
    expect(second.seed.mainAccountId).toBe(first.seed.mainAccountId);
    const folders = await second.call('POST', '/site-folders/v2/folders/query', {});
    expect(folders.status).toBe(200);
    expect(folders.body.folders.map((f: { id: string }) => f.id)).toContain(created.body.folder.id);
    const again = await second.call('POST', '/site-list/v2/sites/query', {});
    expect(again.body.sites).toEqual(sites.body.sites);
    // A new world identity at every start, as without a state file.
    expect(again.world).not.toBe(sites.world);
  });

  it('saves a change without a restart, within the save interval, atomically', async () => {
    const { call, sandbox } = await start();
    const before = readFileSync(file, 'utf8');
    for (let i = 0; i < 5; i++)
      expect((await call('POST', '/site-folders/v2/folders', { folder: { name: `F${i}` } })).status).toBe(200);
    const deadline = Date.now() + 3000;
    while (readFileSync(file, 'utf8') === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { maps: { folders: unknown[] } };
    expect(saved.maps.folders.length).toBe(sandbox.world.folders.size);
    expect(saved.maps.folders.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a corrupt file with one clear line, and leaves it as it was', async () => {
    writeFileSync(file, '{"format": "wix-sandbox-world", "version": 1, "maps": ');
    const error = await startSandbox({ clock: 'manual', stateFile: file }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^SANDBOX_STATE_FILE .*world\.json cannot be read: it is not JSON\./);
    expect((error as Error).message).not.toContain('\n');
    expect(readFileSync(file, 'utf8')).toContain('"maps": ');
    writeFileSync(file, '{"something": "else"}');
    await expect(startSandbox({ clock: 'manual', stateFile: file })).rejects.toThrow(/it is not a sandbox world/);
  });
});
