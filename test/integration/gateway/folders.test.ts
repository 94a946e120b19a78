import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  AccountFoldersDocument,
  CreateFolderDocument,
  DeleteFolderDocument,
  MoveSitesToFolderDocument,
  PublishSiteDocument,
  SitesWithFoldersDocument,
  UnpublishSiteDocument,
  UpdateFolderDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { key, worldOf, writesIn } from './write-fixtures.js';

describe('gateway: site folders and publishing over the sandbox', () => {
  const stack = useStack();
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const ops = async () =>
    (await stack.sandbox.calls()).map((c) => c.operation).filter((o) => o !== 'listChildAccounts');

  it('Site.folder of every listed site comes from one Query Folders call (id $in), with path and parent', async () => {
    const sites = (await stack.data(SitesWithFoldersDocument, { first: 50 })).sites!;
    const inFolders = sites.nodes.filter((s) => s.folder);
    expect(inFolders.length).toBeGreaterThan(0);
    for (const site of inFolders) expect(site.folder).toMatchObject({ id: toGlobalId('Folder', site.folder!.wixId) });
    expect(sites.nodes.filter((s) => !s.folder).length).toBeGreaterThan(0);
    expect(await ops()).toEqual(['querySites', 'queryFolders']);
    const [query] = await stack.sandbox.calls('queryFolders');
    expect((query?.body as { query: { filter: unknown } }).query.filter).toEqual({
      id: { $in: [...new Set(inFolders.map((s) => s.folder!.wixId))] },
    });
  });

  it('createFolder / updateFolder / moveSitesToFolder / deleteFolder, each one write, replayed by key', async () => {
    const created = await stack.data(CreateFolderDocument, { input: { idempotencyKey: key(), name: 'Clients' } });
    const clients = created.createFolder.folder!;
    expect(created.createFolder).toEqual({
      folder: {
        id: toGlobalId('Folder', clients.wixId),
        wixId: clients.wixId,
        name: 'Clients',
        parentWixId: null,
        path: [],
      },
      userErrors: [],
    });
    const childInput = { idempotencyKey: key(), name: 'Acme', parentId: toGlobalId('Folder', clients.wixId) };
    const child = (await stack.data(CreateFolderDocument, { input: childInput })).createFolder.folder!;
    expect(child.path).toEqual([{ wixId: clients.wixId, name: 'Clients' }]);
    // The same key and input replays the answer without a second Create Folder.
    expect((await stack.data(CreateFolderDocument, { input: childInput })).createFolder.folder).toEqual(child);
    expect(await stack.sandbox.calls('createFolder')).toHaveLength(2);

    const taken = await stack.data(CreateFolderDocument, { input: { idempotencyKey: key(), name: 'clients' } });
    expect(taken.createFolder).toEqual({
      folder: null,
      userErrors: [{ code: 'FOLDER_ALREADY_EXISTS', field: 'input.name', message: expect.any(String) }],
    });

    const renamed = await stack.data(UpdateFolderDocument, {
      input: { idempotencyKey: key(), folderId: child.wixId, name: 'Acme Inc' },
    });
    expect(renamed.updateFolder.folder).toEqual({ wixId: child.wixId, name: 'Acme Inc' });

    const free = (await w.freeSites(main())).slice(0, 2);
    await stack.sandbox.clearCalls();
    const moved = await stack.data(MoveSitesToFolderDocument, {
      input: { idempotencyKey: key(), siteIds: free.map((id) => toGlobalId('Site', id)), folderId: child.wixId },
    });
    expect(moved.moveSitesToFolder.userErrors).toEqual([]);
    expect(moved.moveSitesToFolder.sites?.map((s) => [s.wixId, s.folder?.name])).toEqual(
      free.map((id) => [id, 'Acme Inc']),
    );
    // One write, one Query Sites for both sites, one Query Folders for their (shared) folder.
    expect(await ops()).toEqual(['moveSitesToFolder', 'querySites', 'queryFolders']);

    const deleted = await stack.data(DeleteFolderDocument, { input: { idempotencyKey: key(), folderId: child.wixId } });
    expect(deleted.deleteFolder).toEqual({ deletedFolderId: toGlobalId('Folder', child.wixId), userErrors: [] });
    const gone = await stack.data(DeleteFolderDocument, { input: { idempotencyKey: key(), folderId: child.wixId } });
    expect(gone.deleteFolder.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['FOLDER_NOT_FOUND', 'input.folderId'],
    ]);
  });

  it('Account.folders is a Relay connection over Query Folders pages', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma'])
      await stack.data(CreateFolderDocument, { input: { idempotencyKey: key(), name } });
    await stack.sandbox.clearCalls();
    const first = (await stack.data(AccountFoldersDocument, { id: main(), first: 2 })).account!.folders!;
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.nodes.every((f) => f.ownerAccountId === main())).toBe(true);
    const next = (await stack.data(AccountFoldersDocument, { id: main(), first: 2, after: first.pageInfo.endCursor }))
      .account!.folders!;
    expect(next.nodes[0]?.wixId).not.toBe(first.nodes[1]?.wixId);
    expect(await stack.sandbox.calls('queryFolders')).toHaveLength(2);
    // Query Folders is a read although it is a POST: the audit trail of writes does not hold it.
    const audit = await stack.data<{ auditEvents: { nodes: Array<{ endpoint: string }> } }, object>(
      parse('query { auditEvents(first: 50) { nodes { endpoint } } }'),
      {},
    );
    const endpoints = audit.auditEvents.nodes.map((n) => n.endpoint);
    expect(endpoints).toContain('Create Folder');
    expect(endpoints).not.toContain('Query Folders');
  });

  it('publishSite / unpublishSite send wix-site-id, re-read the site, and report SITE_NOT_PUBLISHED', async () => {
    const world = await w.world();
    const offline = [...world.sites.values()].find(
      (s) => s.ownerAccountId === main() && !s.published && s.state !== 'TRASHED',
    )!.id;
    const published = await stack.data(PublishSiteDocument, { input: { idempotencyKey: key(), siteId: offline } });
    expect(published.publishSite).toEqual({ site: { wixId: offline, published: true }, userErrors: [] });
    const [call] = await stack.sandbox.calls('publishSite');
    expect(call).toMatchObject({
      method: 'POST',
      path: '/site-actions/v1/sites/publish',
      accountId: main(),
      siteId: offline,
    });
    const down = await stack.data(UnpublishSiteDocument, { input: { idempotencyKey: key(), siteId: offline } });
    expect(down.unpublishSite).toEqual({ site: { wixId: offline, published: false }, userErrors: [] });
    await stack.sandbox.clearCalls();
    const again = await stack.data(UnpublishSiteDocument, { input: { idempotencyKey: key(), siteId: offline } });
    expect(again.unpublishSite).toEqual({
      site: null,
      userErrors: [{ code: 'SITE_NOT_PUBLISHED', field: 'input.siteId', message: expect.any(String) }],
    });
    expect(writesIn(await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['unpublishSite']);
  });
});
