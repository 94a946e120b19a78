import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real CLI (src/main.ts through tsx's loader) with a clean environment plus `env`. */
function cli(args: string[], env: Record<string, string>): ChildProcess {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function readUntil(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${out}`)), timeoutMs);
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

describe('CLI', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('stops on bad configuration with one line naming the variable', async () => {
    const child = cli(['serve'], { PORT: 'abc' });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('Configuration error: PORT must be an integer from 0 to 65535 (got "abc")');
  });

  it('serve without a Wix key starts the embedded sandbox, prints the URLs, and answers a sites query', async () => {
    const secret = 'IST.should-never-be-printed';
    const child = cli(['serve'], { PORT: '0', HOST: '127.0.0.1', SANDBOX_PORT: '0', WIX_API_BASE_URL: 'https://www.wixapis.com', UNUSED_SECRET: secret });
    children.push(child);
    const out = await readUntil(child, /demo main account: [0-9a-f-]{36}/);
    const gatewayUrl = /gateway ready at (http:\/\/\S+\/graphql)/.exec(out)?.[1];
    const sandboxUrl = /embedded Wix sandbox at (http:\/\/\S+) /.exec(out)?.[1];
    expect(gatewayUrl).toBeDefined();
    expect(sandboxUrl).toBeDefined();
    const seed = (await (await fetch(`${sandboxUrl}/_sandbox/seed`)).json()) as { apiKey: string; siteIds: string[] };
    expect(out).not.toContain(seed.apiKey);
    const res = await fetch(gatewayUrl as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sites(first: 3) { nodes { wixId name } } }' }) });
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
});
