import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';

describe('sandbox: Query Sites (POST /site-list/v2/sites/query)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('answers the contract shape with cursor paging over every site of the account', async () => {
    const first = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { cursorPaging: { limit: 10 } } },
    });
    expect(first.status).toBe(200);
    expect(first.body.sites).toHaveLength(10);
    expect(first.body.metadata).toMatchObject({ count: 10, hasNext: true });
    expect(typeof first.body.metadata.cursors.next).toBe('string');
    const site = first.body.sites[0];
    for (const field of [
      'id',
      'htmlAppId',
      'name',
      'displayName',
      'createdDate',
      'updatedDate',
      'published',
      'premium',
      'viewUrl',
      'editUrl',
      'thumbnail',
      'ownerAccountId',
      'contributorAccountIds',
      'editorType',
      'blocked',
      'namespace',
      'domainConnected',
    ])
      expect(site).toHaveProperty(field);
    expect(site).not.toHaveProperty('state');
    const ids = new Set<string>(first.body.sites.map((s: { id: string }) => s.id));
    let cursor: string | undefined = first.body.metadata.cursors.next;
    while (cursor) {
      const page = await sb.call('POST', '/site-list/v2/sites/query', {
        body: { query: { cursorPaging: { limit: 10, cursor } } },
      });
      for (const s of page.body.sites) ids.add(s.id);
      cursor = page.body.metadata.hasNext ? page.body.metadata.cursors.next : undefined;
    }
    const mainSites = sb.seed.siteIds.length - 3 * 8;
    expect(ids.size).toBe(mainSites);
  });

  it('filters by id $in, premium, published and name', async () => {
    const wanted = sb.seed.siteIds.slice(0, 3);
    const byId = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { id: { $in: wanted } } } },
    });
    expect(byId.body.sites.map((s: { id: string }) => s.id).sort()).toEqual([...wanted].sort());
    const premium = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { premium: true } } },
    });
    expect(premium.body.sites.length).toBeGreaterThan(0);
    expect(premium.body.sites.every((s: { premium: boolean }) => s.premium)).toBe(true);
    const unpublished = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { published: false } } },
    });
    expect(unpublished.body.sites.every((s: { published: boolean }) => !s.published)).toBe(true);
    const named = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { name: 'bakery' } } },
    });
    expect(named.body.sites.length).toBeGreaterThan(0);
    expect(named.body.sites.every((s: { name: string }) => s.name.includes('bakery'))).toBe(true);
  });

  it('sorts by displayName ASC', async () => {
    const res = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { sort: [{ fieldName: 'displayName', order: 'ASC' }], cursorPaging: { limit: 100 } } },
    });
    const names = res.body.sites.map((s: { displayName: string }) => s.displayName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('refuses an unsupported filter with a validation error instead of ignoring it', async () => {
    const res = await sb.call('POST', '/site-list/v2/sites/query', { body: { query: { filter: { color: 'red' } } } });
    expect(res.status).toBe(400);
    expect(res.body.details.validationError.fieldViolations[0].field).toBe('query.filter.color');
    const op = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { premium: { $gt: 1 } } } },
    });
    expect(op.status).toBe(400);
  });

  it('accepts each field’s operators and refuses the others, on Query and Count (no premium/appIds on Count)', async () => {
    const [id] = sb.seed.siteIds;
    const query = (filter: unknown) => sb.call('POST', '/site-list/v2/sites/query', { body: { query: { filter } } });
    const count = (filter: unknown) => sb.call('POST', '/site-list/v2/sites/count', { body: { filter } });
    const supported = [
      { id },
      { id: { $ne: id } },
      { id: { $in: [id] } },
      { id: { $nin: [id] } },
      { folderId: { $exists: false } },
      { editorType: 'EDITOR' },
      { editorType: { $in: ['EDITOR', 'STUDIO'] } },
      { published: true },
      { namespace: { $in: ['WIX'] } },
      { name: 'bakery' },
      { searchPhrase: 'bakery' },
      { state: 'ACTIVE' },
      { domainConnected: false },
      { $and: [{ published: true }, { $not: { editorType: 'ADI' } }] },
    ];
    for (const filter of supported) {
      expect((await query(filter)).status, JSON.stringify(filter)).toBe(200);
      expect((await count(filter)).status, `count ${JSON.stringify(filter)}`).toBe(200);
    }
    for (const filter of [{ premium: true }, { appIds: { $hasSome: ['1380b703-ce81-ff05-f115-39571d94dfcd'] } }]) {
      expect((await query(filter)).status, JSON.stringify(filter)).toBe(200);
      const refused = await count(filter);
      expect(refused.status, `count ${JSON.stringify(filter)}`).toBe(400);
      expect(refused.body.details.validationError.fieldViolations[0].field).toMatch(/^filter\./);
    }
    const unsupported = [
      { id: { $startsWith: 'a' } },
      { folderId: { $in: ['x'] } },
      { editorType: { $gt: 'A' } },
      { published: { $in: [true] } },
      { name: { $startsWith: 'b' } },
      { domainConnected: { $exists: true } },
      { premium: { $ne: true } },
      { appIds: 'x' },
      { createdDate: { $gt: '2025-01-01' } },
      { $or: [{ published: true }, { colour: 'red' }] },
    ];
    for (const filter of unsupported) {
      const res = await query(filter);
      expect(res.status, JSON.stringify(filter)).toBe(400);
      expect(res.body.details.validationError.fieldViolations.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
  });

  it('checks the API key and the wix-account-id tree', async () => {
    const noKey = await sb.call('POST', '/site-list/v2/sites/query', { body: {}, apiKey: null });
    expect(noKey.status).toBe(401);
    expect(noKey.body.details.applicationError.code).toBe('UNAUTHENTICATED');
    const badKey = await sb.call('POST', '/site-list/v2/sites/query', { body: {}, apiKey: 'IST.not-a-key' });
    expect(badKey.status).toBe(401);
    const noAccount = await sb.call('POST', '/site-list/v2/sites/query', { body: {}, accountId: null });
    expect(noAccount.status).toBe(400);
    const unknown = await sb.call('POST', '/site-list/v2/sites/query', {
      body: {},
      accountId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    const sub = sb.seed.subAccountIds[0] as string;
    const subSites = await sb.call('POST', '/site-list/v2/sites/query', { body: {}, accountId: sub });
    expect(subSites.status).toBe(200);
    expect(subSites.body.sites).toHaveLength(8);
    expect(subSites.body.sites.every((s: { ownerAccountId: string }) => s.ownerAccountId === sub)).toBe(true);
  });

  it('logs every call without the API key', async () => {
    await sb.clearCalls();
    await sb.call('POST', '/site-list/v2/sites/query', { body: {} });
    const calls = await sb.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/site-list/v2/sites/query',
      status: 200,
      operation: 'querySites',
      accountId: sb.seed.mainAccountId,
      auth: 'valid',
    });
    expect(JSON.stringify(calls)).not.toContain(sb.seed.apiKey);
  });

  it('is deterministic: the same seed gives the same world', async () => {
    const a = await sb.call('POST', '/site-list/v2/sites/query', { body: { query: { cursorPaging: { limit: 100 } } } });
    await sb.reset(1);
    const b = await sb.call('POST', '/site-list/v2/sites/query', { body: { query: { cursorPaging: { limit: 100 } } } });
    expect(b.body.sites).toEqual(a.body.sites);
    await sb.reset(2);
    expect(sb.seed.mainAccountId).not.toBe(a.body.sites[0].ownerAccountId);
  });
});
