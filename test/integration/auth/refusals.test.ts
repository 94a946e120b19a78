import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ViewerIdDocument } from '../../gql/graphql.js';
import { TestIdentityProvider } from '../../helpers/jwks.js';
import { TestStack } from '../../helpers/stack.js';
import { wsClient } from '../../helpers/ws.js';

/**
 * Every way a credential is refused, over HTTP (401 + `WWW-Authenticate: Bearer`, code UNAUTHENTICATED) and over
 * WebSocket (close 4401): none, unknown, revoked, expired gateway tokens; JWTs expired, from another issuer or for
 * another audience, badly signed, or `alg: none` — against a JWKS this test serves on loopback. No credential and no
 * API key appears in any answer or log line of the file.
 */
describe('access control: refusals', () => {
  let idp: TestIdentityProvider;
  let stack: TestStack;
  const seen: string[] = [];
  const secrets: string[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'error', 'warn', 'info'] as const) {
      const original = console[method].bind(console);
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        original(...args);
      });
    }
    idp = await TestIdentityProvider.start();
    stack = await TestStack.start({
      auth: {
        methods: ['tokens', 'jwt'],
        jwt: {
          jwksUrl: idp.jwksUrl,
          issuer: TestIdentityProvider.issuer,
          audience: TestIdentityProvider.audience,
          accountsClaim: 'wix_accounts',
          scopesClaim: 'scope',
        },
      },
    });
    secrets.push(stack.adminToken, stack.sandbox.seed.apiKey);
  });
  afterAll(async () => {
    await stack.close();
    await idp.close();
    // Nothing secret in any answer or log line of this file.
    for (const secret of secrets) {
      for (const text of [...seen, ...logged]) expect(text.includes(secret), 'a secret leaked').toBe(false);
      // The secret of a gateway token is everything after `wag_<id>_` (it may hold `_` itself); a key is all secret.
      const secretPart = secret.startsWith('wag_') ? secret.split('_').slice(2).join('_') : secret;
      for (const text of [...seen, ...logged]) expect(text.includes(secretPart)).toBe(false);
    }
    vi.restoreAllMocks();
  });

  /** POSTs `{ viewer { id } }` with `authorization` (none when undefined); keeps the whole answer for the leak check. */
  async function ask(authorization?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(stack.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: print(ViewerIdDocument) }),
    });
    const text = await res.text();
    seen.push(text, JSON.stringify([...res.headers]));
    const body = JSON.parse(text) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body };
  }

  const track = (token: string) => {
    secrets.push(token);
    return token;
  };

  async function expect401(authorization: string | undefined, message: RegExp, invalidToken = true) {
    const res = await ask(authorization);
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(
      invalidToken ? 'Bearer realm="wix-account-graph", error="invalid_token"' : 'Bearer realm="wix-account-graph"',
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expect(res.body.data).toBeUndefined();
  }

  it('a valid token and a valid JWT are served', async () => {
    expect((await ask(`Bearer ${stack.adminToken}`)).status).toBe(200);
    const jwt = track(await idp.sign({ sub: 'dashboard-1', wix_accounts: 'all', scope: 'read' }));
    const res = await ask(`Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ viewer: { wixId: stack.sandbox.seed.mainAccountId } });
  });

  it('no credential, a malformed header, an unknown token: 401 with a Bearer challenge, before any upstream call', async () => {
    await stack.sandbox.clearCalls();
    await expect401(undefined, /Send a credential/, false);
    await expect401('Basic dXNlcjpwYXNz', /must be "Bearer <token>"/);
    const unknown = track(`wag_0123456789abcdef_${'A'.repeat(43)}`);
    await expect401(`Bearer ${unknown}`, /Unknown token/);
    // The right id with a wrong secret is unknown too.
    const real = track(await stack.token());
    await expect401(`Bearer ${real.slice(0, -4)}AAAA`, /Unknown token/);
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('a revoked token is refused from the next request; an expired one too', async () => {
    const token = track(await stack.token({ name: 'to revoke' }));
    expect((await ask(`Bearer ${token}`)).status).toBe(200);
    const id = /^wag_([0-9a-f]{16})_/.exec(token)?.[1] as string;
    expect(await stack.gateway.auth.store.revoke(id)).toBe(true);
    await expect401(`Bearer ${token}`, /revoked/);
    const expired = track(await stack.token({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    await expect401(`Bearer ${expired}`, /expired/);
  });

  it('JWTs: expired, wrong issuer, wrong audience, bad signature and alg none are 401', async () => {
    const claims = { sub: 'partner-user', wix_accounts: 'all', scope: 'read write' };
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expect401(`Bearer ${track(await idp.sign({ ...claims, exp: past }))}`, /expired/);
    await expect401(`Bearer ${track(await idp.sign(claims, { issuer: 'https://evil.test/' }))}`, /"iss" claim/);
    await expect401(`Bearer ${track(await idp.sign(claims, { audience: 'someone-else' }))}`, /"aud" claim/);
    await expect401(`Bearer ${track(await idp.sign(claims, { wrongKey: true }))}`, /signature does not verify/);
    await expect401(`Bearer ${track(idp.unsigned(claims))}`, /algorithm|not valid/);
  });

  it('WebSocket: no or bad credential closes with 4401, a foreign account with 4403, before any operation', async () => {
    const closeOf = async (options: Parameters<typeof wsClient>[1]) => {
      const client = wsClient(stack.gateway.url, options);
      try {
        return await new Promise<{ code: number; reason: string }>((resolve, reject) => {
          client.on('closed', (event) => resolve(event as { code: number; reason: string }));
          client.subscribe(
            { query: '{ __typename }' },
            { next: () => reject(new Error('served')), error: () => undefined, complete: () => undefined },
          );
        });
      } finally {
        await client.dispose();
      }
    };
    expect(await closeOf({ token: null })).toMatchObject({ code: 4401 });
    const bad = track(`wag_0123456789abcdef_${'B'.repeat(43)}`);
    expect(await closeOf({ token: null, params: { Authorization: `Bearer ${bad}` } })).toMatchObject({ code: 4401 });
    const foreign = '0a0b0c0d-1111-4222-8333-444455556666';
    expect(await closeOf({ params: { 'wix-account-id': foreign } })).toMatchObject({ code: 4403 });
    const sub = stack.sandbox.seed.subAccountIds[0] as string;
    const limited = track(await stack.token({ accounts: [sub] }));
    const other = stack.sandbox.seed.subAccountIds[1] as string;
    expect(await closeOf({ token: limited, params: { 'wix-account-id': other } })).toMatchObject({ code: 4403 });
  });
});
