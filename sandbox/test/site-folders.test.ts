import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';
import { code, expectError, foreign, mainSites, siteOf } from './domain-fixtures.js';

const BASE = '/site-folders/v2/folders';
const UNKNOWN_GUID = '00000000-0000-4000-8000-000000000000';

describe('sandbox: Site Folders and Publish / Unpublish Site (CONTRACT §13, §14)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  const create = (folder: Record<string, unknown>) => sb.call('POST', BASE, { body: { folder } });
  const folderOf = async (siteId: string) => (await sb.call('GET', `${BASE}/sites/${siteId}`)).body.folder;
  const moveSites = (siteIds: string[], targetFolderId?: string) =>
    sb.call('POST', `${BASE}/bulk/sites/move`, { body: { sites: { siteIds }, targetFolderId } });

  it('creates nested folders with their path, moves sites in, and Query Sites filters by folderId', async () => {
    const clients = await create({ name: 'Clients' });
    expect(clients.status).toBe(200);
    expect(clients.body.folder).toMatchObject({ name: 'Clients', path: [], siteCount: 0 });
    expect(clients.body.folder).not.toHaveProperty('parentId');
    expect(clients.body.folder).not.toHaveProperty('accountId');
    const acme = (await create({ name: 'Acme', parentId: clients.body.folder.id })).body.folder;
    expect(acme.path).toEqual([{ id: clients.body.folder.id, name: 'Clients' }]);
    const [m6, m7, m8] = mainSites(sb).slice(6, 9) as [string, string, string];
    expect((await moveSites([m6, m7], acme.id)).status).toBe(200);
    expect(await folderOf(m6)).toMatchObject({ id: acme.id, name: 'Acme', siteCount: 2 });
    // Documented: a root-level site answers an empty folder.
    expect(await folderOf(m8)).toEqual({});
    const listed = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { folderId: acme.id } } },
    });
    expect(listed.body.sites.map((s: { id: string }) => s.id).sort()).toEqual([m6, m7].sort());
    expect((await moveSites([m6])).status).toBe(200);
    expect(await folderOf(m6)).toEqual({});
  });

  it('renames, moves and deletes folders; sites and sub-folders of a deleted folder go to its parent', async () => {
    const top = (await create({ name: 'Top' })).body.folder;
    const child = (await create({ name: 'Child', parentId: top.id })).body.folder;
    const grandchild = (await create({ name: 'Grandchild', parentId: child.id })).body.folder;
    const renamed = await sb.call('PATCH', `${BASE}/${child.id}`, { body: { folder: { name: 'Renamed' } } });
    expect(renamed.body.folder).toMatchObject({ id: child.id, name: 'Renamed', parentId: top.id });
    const m6 = mainSites(sb)[6] as string;
    await moveSites([m6], child.id);
    expect((await sb.call('DELETE', `${BASE}/${child.id}`)).status).toBe(200);
    expect(await folderOf(m6)).toMatchObject({ id: top.id });
    const query = await sb.call('POST', `${BASE}/query`, { body: { query: { filter: { parentId: top.id } } } });
    expect(query.body.folders.map((f: { id: string }) => f.id)).toEqual([grandchild.id]);
    expect((await sb.call('PATCH', `${BASE}/bulk/move`, { body: { folderIds: [grandchild.id] } })).status).toBe(200);
    const all = await sb.call('POST', `${BASE}/query`, { body: {} });
    expect(all.body.folders.find((f: { id: string }) => f.id === grandchild.id)).not.toHaveProperty('parentId');
    expect(all.body.pagingMetadata).toMatchObject({ count: all.body.folders.length, hasNext: false });
  });

  it('lists the seeded folders that the seeded sites point at, and pages Query Folders by cursor', async () => {
    const seeded = (await sb.call('POST', `${BASE}/query`, { body: {} })).body.folders;
    expect(seeded.length).toBeGreaterThan(0);
    for (const name of ['A', 'B', 'C']) await create({ name });
    const first = await sb.call('POST', `${BASE}/query`, { body: { query: { cursorPaging: { limit: 2 } } } });
    expect(first.body.folders).toHaveLength(2);
    expect(first.body.pagingMetadata.hasNext).toBe(true);
    const next = await sb.call('POST', `${BASE}/query`, {
      body: { query: { cursorPaging: { limit: 2, cursor: first.body.pagingMetadata.cursors.next } } },
    });
    expect(next.body.folders[0].id).not.toBe(first.body.folders[0].id);
  });

  it('answers the folder errors', async () => {
    const top = (await create({ name: 'Clients' })).body.folder;
    expectError(await create({ name: 'clients' }), 409, 'FOLDER_ALREADY_EXISTS');
    expectError(
      await sb.call('PATCH', `${BASE}/${UNKNOWN_GUID}`, { body: { folder: { name: 'x' } } }),
      404,
      'FOLDER_NOT_FOUND',
    );
    expectError(await sb.call('DELETE', `${BASE}/${UNKNOWN_GUID}`), 404, 'FOLDER_NOT_FOUND');
    expectError(await create({ name: 'Sub', parentId: UNKNOWN_GUID }), 404, 'FOLDER_NOT_FOUND');
    const child = (await create({ name: 'Child', parentId: top.id })).body.folder;
    expectError(
      await sb.call('PATCH', `${BASE}/bulk/move`, { body: { folderIds: [top.id], targetFolderId: child.id } }),
      400,
      'INVALID_FOLDER_MOVE',
    );
    expectError(
      await sb.call('PATCH', `${BASE}/bulk/move`, { body: { folderIds: [UNKNOWN_GUID] } }),
      404,
      'FOLDER_NOT_FOUND',
    );
    const other = foreign(sb);
    expectError(await moveSites([siteOf(sb, other.accountId)], top.id), 404, 'SITE_NOT_FOUND');
    expectError(await sb.call('GET', `${BASE}/sites/${siteOf(sb, other.accountId)}`), 404, 'SITE_NOT_FOUND');
    // Another account does not see the folder.
    expectError(
      await sb.call('DELETE', `${BASE}/${top.id}`, { accountId: other.accountId, apiKey: other.apiKey }),
      404,
      'FOLDER_NOT_FOUND',
    );
    for (const bad of [
      await create({}),
      await create({ name: 'x'.repeat(101) }),
      await moveSites([]),
      await moveSites(Array(501).fill(UNKNOWN_GUID)),
      await sb.call('PATCH', `${BASE}/bulk/move`, { body: { folderIds: ['not-a-guid'] } }),
    ]) {
      expect(bad.status).toBe(400);
      expect(code(bad)).toBe('VALIDATION');
    }
  });

  it('publishes and unpublishes the wix-site-id site; unpublishing an offline site fails (documented)', async () => {
    const m2 = mainSites(sb)[2] as string;
    const site = () => sb.sandbox.world.sites.get(m2)!;
    expect(site().published).toBe(false);
    expect((await sb.call('POST', '/site-actions/v1/sites/publish', { siteId: m2 })).status).toBe(200);
    expect(site().published).toBe(true);
    expect((await sb.call('POST', '/site-actions/v1/sites/publish', { siteId: m2 })).status).toBe(200);
    expect((await sb.call('PUT', '/site-actions/v1/sites/unpublish', { siteId: m2 })).status).toBe(200);
    expect(site().published).toBe(false);
    expectError(await sb.call('PUT', '/site-actions/v1/sites/unpublish', { siteId: m2 }), 428, 'SITE_NOT_PUBLISHED');
    expectError(
      await sb.call('POST', '/site-actions/v1/sites/publish', { siteId: siteOf(sb, foreign(sb).accountId) }),
      404,
      'SITE_NOT_FOUND',
    );
    const missing = await sb.call('POST', '/site-actions/v1/sites/publish');
    expect(missing.status).toBe(400);
    expect(code(missing)).toBe('VALIDATION');
  });
});
