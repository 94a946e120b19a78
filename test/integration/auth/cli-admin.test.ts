import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayProcess } from '../../helpers/child.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs the real CLI to its exit: exit code, stdout lines, stderr. */
async function cli(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'src/main.ts', ...args],
    { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: 'pipe' },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, lines: stdout.trimEnd().split('\n'), stdout, stderr: stderr.trim() };
}

/**
 * The administration commands against the store a running gateway uses (AUTH_STORE_PATH): a token is printed once
 * and works at once, `token list` never shows a secret, a revocation holds from the gateway's next request, and
 * `audit export` prints the trail as JSON lines. Start-up refuses a real Wix key without authentication.
 */
// Each test spawns the CLI several times (tsx compiles on every start): generous under a loaded machine.
describe('CLI: tokens, audit export, safe start-up', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wag-admin-'));
  const env = { AUTH_STORE_PATH: join(dir, 'auth.sqlite') };
  let gateway: GatewayProcess | undefined;
  afterAll(async () => {
    await gateway?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (token: string | undefined, query: string) =>
    fetch(gateway?.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });

  it('creates a token (printed once, last line), lists it without its secret, and the gateway honours it until revoked', async () => {
    const created = await cli(
      [
        'token',
        'create',
        '--name',
        'agency staff',
        '--accounts',
        'all',
        '--scopes',
        'read,write',
        '--expires-in',
        '30d',
      ],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const token = created.lines.at(-1) as string;
    expect(token).toMatch(/^wag_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const id = token.slice(4, 20);
    expect(created.stdout.split(token)).toHaveLength(2); // printed exactly once

    const listed = await cli(['token', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${id}\tagency staff\tall\tread,write\t`);
    expect(listed.stdout).toMatch(/\tactive$/m);
    expect(listed.stdout).not.toContain(token.slice(21));

    gateway = await GatewayProcess.start({ ...env, AUTH: 'tokens', PORT: '0', OPERATION_STORE_PATH: ':memory:' });
    await gateway.waitFor(/demo main account/, 10_000);
    expect(gateway.log).toMatch(/access: Authorization: Bearer <token> required \(AUTH=tokens\)/);
    expect((await post(undefined, '{ viewer { wixId } }')).status).toBe(401);
    expect((await post(token, '{ viewer { wixId } }')).status).toBe(200);

    // A write through the gateway lands on the trail that `audit export` prints.
    const seedUrl = /embedded Wix sandbox at (http:\/\/\S+) /.exec(gateway.log)?.[1] as string;
    const seed = (await (await fetch(`${seedUrl}/_sandbox/seed`)).json()) as { siteIds: string[]; apiKey: string };
    const connect = await post(
      token,
      `mutation { createConnectedDomain(input: { domain: "mysite.com", connectionType: POINTING, siteId: "${seed.siteIds[0]}" }) { userErrors { code } } }`,
    );
    expect(await connect.json()).toMatchObject({ data: { createConnectedDomain: { userErrors: [] } } });
    const exported = await cli(['audit', 'export', '--since', new Date(Date.now() - 60_000).toISOString()], env);
    expect(exported.code).toBe(0);
    const events = exported.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toEqual([
      expect.objectContaining({
        callerId: `token:${id}`,
        callerName: 'agency staff',
        mutation: 'createConnectedDomain',
        endpoint: 'Create Connected Domain',
        status: 200,
      }),
    ]);

    const revoked = await cli(['token', 'revoke', id], env);
    expect(revoked.code).toBe(0);
    expect((await post(token, '{ viewer { wixId } }')).status).toBe(401);
    expect((await cli(['token', 'list'], env)).stdout).toMatch(/\trevoked$/m);
    // Nothing secret in anything the gateway printed.
    expect(gateway.log).not.toContain(token.slice(21));
    expect(gateway.log).not.toContain(seed.apiKey);
  });

  it('refuses bad command lines with one line', async () => {
    const noName = await cli(['token', 'create', '--accounts', 'all', '--scopes', 'read'], env);
    expect([noName.code, noName.stderr]).toEqual([2, 'token create: --name <name> is required']);
    const badScope = await cli(['token', 'create', '--name', 'x', '--accounts', 'all', '--scopes', 'root'], env);
    expect(badScope.stderr).toBe('token create: --scopes must list read, write, purchase, admin (got "root")');
    const badAccount = await cli(['token', 'create', '--name', 'x', '--accounts', 'me', '--scopes', 'read'], env);
    expect(badAccount.stderr).toMatch(/--accounts must be "all" or Wix account IDs/);
    expect((await cli(['token', 'revoke', 'ffffffffffffffff'], env)).code).toBe(2);
  });

  it('will not start with a Wix key and no authentication, nor unauthenticated off loopback; says what to set', async () => {
    const key = 'IST.a-real-looking-key';
    const base = { ...env, WIX_API_KEY: key, WIX_ACCOUNT_ID: '2250b761-b31c-453b-885b-76e9fc04bdc6', PORT: '0' };
    const noAuth = await cli(['serve'], base);
    expect(noAuth.code).toBe(2);
    expect(noAuth.stderr).toMatch(
      /^Configuration error: AUTH must be set with WIX_API_KEY: AUTH=tokens .*AUTH=jwt .*AUTH=none with HOST=127\.0\.0\.1$/,
    );
    expect(noAuth.stderr.split('\n')).toHaveLength(1);
    const open = await cli(['serve'], { ...base, AUTH: 'none', HOST: '0.0.0.0' });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/^Configuration error: AUTH none allows no remote callers, but HOST is 0\.0\.0\.0/);
    const jwt = await cli(['serve'], { ...base, AUTH: 'jwt' });
    expect(jwt.stderr).toBe('Configuration error: AUTH_JWKS_URL is required with AUTH=jwt');
    for (const r of [noAuth, open, jwt]) expect(r.stderr + r.stdout).not.toContain(key);
    const underFile = join(root, 'README.md', 'auth.sqlite');
    const badStore = await cli(['serve'], { AUTH_STORE_PATH: underFile, PORT: '0', OPERATION_STORE_PATH: ':memory:' });
    expect([badStore.code, badStore.stderr]).toEqual([
      2,
      `Configuration error: AUTH_STORE_PATH cannot be opened for writing: ENOTDIR (${underFile})`,
    ]);
  });
});
