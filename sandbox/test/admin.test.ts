import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox, type SeedInfo } from './helpers/test-sandbox.js';
import { rawCall, violatedFields } from './helpers/sandbox-admin.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUERY = '/site-list/v2/sites/query';

describe('sandbox: admin surface (/_sandbox/…)', () => {
  let sb: TestSandbox;
  let seed1: SeedInfo & { seed: number; clock: string };

  beforeAll(async () => {
    sb = await TestSandbox.start();
    seed1 = await sb.admin('GET', 'seed');
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset(1));

  it('GET /_sandbox/seed: the key and IDs a partner needs', async () => {
    expect(seed1.apiKey).toMatch(/^IST\./);
    expect(seed1.mainAccountId).toMatch(GUID);
    expect(seed1.subAccountIds).toHaveLength(3);
    expect(seed1.siteIds).toHaveLength(16 + 3 * 8);
    expect(seed1).toMatchObject({ seed: 1, clock: 'manual' });
    const sites = await sb.call('POST', QUERY, { body: { query: { cursorPaging: { limit: 100 } } } });
    expect(sites.status).toBe(200);
    expect(sites.body.sites.every((s: { ownerAccountId: string }) => s.ownerAccountId === seed1.mainAccountId)).toBe(
      true,
    );
  });

  it('POST /_sandbox/reset re-seeds: another seed gives another world, the same seed the same world', async () => {
    const other = await sb.admin<SeedInfo & { seed: number }>('POST', 'reset', { seed: 2 });
    expect(other.seed).toBe(2);
    expect(other.apiKey).not.toBe(seed1.apiKey);
    expect(other.mainAccountId).not.toBe(seed1.mainAccountId);
    // The old key no longer opens anything.
    const stale = await sb.call('POST', QUERY, { body: {}, apiKey: seed1.apiKey, accountId: other.mainAccountId });
    expect(stale.status).toBe(401);
    const again = await sb.admin<SeedInfo & { seed: number }>('POST', 'reset', { seed: 1 });
    const { worldId, ...sameSeed } = again as typeof again & { worldId: string };
    expect(sameSeed).toEqual({
      apiKey: seed1.apiKey,
      mainAccountId: seed1.mainAccountId,
      subAccountIds: seed1.subAccountIds,
      siteIds: seed1.siteIds,
      seed: 1,
    });
    // The same seed is the same data, but not the same world: what a client did in the old one is gone.
    expect(worldId).toMatch(GUID);
    expect(worldId).not.toBe((seed1 as typeof seed1 & { worldId: string }).worldId);
    const answer = await sb.call('POST', QUERY, { body: {} });
    expect(answer.headers.get('x-sandbox-world-id')).toBe(worldId);
    const kept = await sb.admin<SeedInfo & { seed: number }>('POST', 'reset', {});
    expect(kept.seed).toBe(1);
    for (const seed of [-1, 1.5, '2', null]) {
      const res = await rawCall(sb, 'POST', '/_sandbox/reset', { seed });
      expect(res.status, String(seed)).toBe(400);
      expect(violatedFields(res.body)).toEqual(['seed']);
    }
  });

  it('reset restores the world and clears the call log and faults', async () => {
    const { siteIds } = await sb.admin<{ siteIds: string[] }>('POST', 'sites', { count: 2 });
    await sb.admin('POST', 'faults', { target: 'countSites', errorShare: 1 });
    await sb.call('POST', QUERY, { body: {} });
    await sb.reset(1);
    expect(await sb.calls()).toEqual([]);
    expect((await sb.admin<{ faults: unknown[] }>('GET', 'faults')).faults).toEqual([]);
    const res = await sb.call('POST', QUERY, { body: { query: { filter: { id: { $in: siteIds } } } } });
    expect(res.body.sites).toEqual([]);
    expect((await sb.call('POST', '/site-list/v2/sites/count', { body: {} })).status).toBe(200);
  });

  it('POST /_sandbox/sites adds free sites that Query Sites then serves', async () => {
    const before = await sb.call('POST', '/site-list/v2/sites/count', { body: {} });
    const { siteIds } = await sb.admin<{ siteIds: string[] }>('POST', 'sites', { count: 3 });
    expect(siteIds).toHaveLength(3);
    expect(new Set(siteIds).size).toBe(3);
    const after = await sb.call('POST', '/site-list/v2/sites/count', { body: {} });
    expect(after.body.count).toBe(before.body.count + 3);
    const found = await sb.call('POST', QUERY, { body: { query: { filter: { id: { $in: siteIds } } } } });
    expect(found.body.sites).toHaveLength(3);
    expect(
      found.body.sites.every(
        (s: { premium: boolean; ownerAccountId: string }) => !s.premium && s.ownerAccountId === seed1.mainAccountId,
      ),
    ).toBe(true);

    const sub = seed1.subAccountIds[1] as string;
    const one = await sb.admin<{ siteIds: string[] }>('POST', 'sites', { accountId: sub });
    expect(one.siteIds).toHaveLength(1);
    const subSites = await sb.call('POST', QUERY, {
      body: { query: { filter: { id: one.siteIds[0] } } },
      accountId: sub,
    });
    expect(subSites.body.sites).toHaveLength(1);

    const bad: Array<[Record<string, unknown>, string]> = [
      [{ count: 0 }, 'count'],
      [{ count: 1001 }, 'count'],
      [{ count: '2' }, 'count'],
      [{ accountId: '00000000-0000-4000-8000-000000000000' }, 'accountId'],
      [{ accountId: 42 }, 'accountId'],
    ];
    for (const [body, field] of bad) {
      const res = await rawCall(sb, 'POST', '/_sandbox/sites', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(violatedFields(res.body)).toEqual([field]);
    }
  });

  it('GET /_sandbox/calls filters by operation, outcome and since; DELETE clears; admin calls are not logged', async () => {
    await sb.clearCalls();
    await sb.call('POST', QUERY, { body: {} });
    await sb.call('POST', '/site-list/v2/sites/count', { body: {} });
    await sb.call('POST', '/site-list/v2/sites/count', { body: { filter: { premium: true } } }); // premium is not a Count filter
    await rawCall(sb, 'GET', '/_sandbox/seed');
    const all = await sb.calls();
    expect(all.map((c) => c.operation)).toEqual(['querySites', 'countSites', 'countSites']);
    expect((await sb.calls('countSites')).map((c) => c.outcome)).toEqual(['ok', 'error']);
    const errors = await sb.admin<{ calls: Array<{ operation: string; status: number }> }>(
      'GET',
      'calls?outcome=error',
    );
    expect(errors.calls.map((c) => [c.operation, c.status])).toEqual([['countSites', 400]]);
    const since = await sb.admin<{ calls: unknown[] }>('GET', `calls?since=${all[0]!.seq}`);
    expect(since.calls).toHaveLength(2);
    expect((await rawCall(sb, 'GET', '/_sandbox/calls?outcome=maybe')).status).toBe(400);
    expect((await rawCall(sb, 'GET', '/_sandbox/calls?since=-3')).status).toBe(400);
    await sb.clearCalls();
    expect(await sb.calls()).toEqual([]);
  });

  it('logs calls to paths the sandbox does not serve, and bodies that are not JSON', async () => {
    await sb.clearCalls();
    const missing = await sb.call('GET', '/resellers/v9/nothing-here');
    expect(missing.status).toBe(404);
    const wrongMethod = await sb.call('DELETE', QUERY);
    expect(wrongMethod.status).toBe(405);
    const notJson = await fetch(`${sb.url}${QUERY}`, {
      method: 'POST',
      headers: {
        authorization: sb.seed.apiKey,
        'wix-account-id': sb.seed.mainAccountId,
        'content-type': 'application/json',
      },
      body: '{"query":',
    });
    expect(notJson.status).toBe(400);
    expect(violatedFields(await notJson.json())).toEqual(['body']);
    const calls = await sb.calls();
    expect(calls.map((c) => [c.operation, c.status, c.outcome])).toEqual([
      ['unmatched', 404, 'error'],
      ['unmatched', 405, 'error'],
      ['querySites', 400, 'error'],
    ]);
    expect(JSON.stringify(calls)).not.toContain(sb.seed.apiKey);
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    const missing = await rawCall(sb, 'GET', '/_sandbox/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.details.applicationError.code).toBe('NOT_FOUND');
    const wrong = await rawCall(sb, 'PATCH', '/_sandbox/clock');
    expect(wrong.status).toBe(405);
    const openapi = await rawCall(sb, 'POST', '/openapi.json', {});
    expect(openapi.status).toBe(405);
  });
});
