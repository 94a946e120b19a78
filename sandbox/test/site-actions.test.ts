import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';

describe('sandbox: site actions (duplicate, bulk delete, create project)', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const mainSites = () => [...world().sites.values()].filter((s) => s.ownerAccountId === sb.seed.mainAccountId);
  const querySites = (filter: unknown = {}) =>
    sb.call('POST', '/site-list/v2/sites/query', { body: { query: { filter, cursorPaging: { limit: 100 } } } });

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('TV12: bulk delete trashes free sites and refuses Premium ones per item', async () => {
    const free = mainSites().find((s) => !s.premium && world().instancesOfSite(s.id).length === 0)!;
    const premium = mainSites().find((s) => s.premium)!;
    const res = await sb.call('POST', '/site-actions/v1/bulk/sites/delete', { body: { ids: [free.id, premium.id] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      results: [
        { itemMetadata: { id: free.id, originalIndex: '0', success: true, error: null } },
        {
          itemMetadata: {
            id: premium.id,
            originalIndex: '1',
            success: false,
            error: { code: 'PREMIUM_NOT_PERMITTED', description: 'unassign premium request: NOT_PERMITTED' },
          },
        },
      ],
      bulkActionMetadata: { totalSuccesses: 1, totalFailures: 1 },
    });
    expect(world().sites.get(free.id)).toMatchObject({ state: 'TRASHED', trashedDate: world().now() });
    expect(world().sites.get(premium.id)?.state).toBe('ACTIVE');
  });

  it('hides trashed sites from Query and Count Sites unless the filter names state', async () => {
    const free = mainSites()
      .filter((s) => !s.premium && world().instancesOfSite(s.id).length === 0)
      .slice(0, 2);
    const before = (await sb.call('POST', '/site-list/v2/sites/count', { body: {} })).body.count;
    await sb.call('POST', '/site-actions/v1/bulk/sites/delete', { body: { ids: free.map((s) => s.id) } });
    expect((await sb.call('POST', '/site-list/v2/sites/count', { body: {} })).body.count).toBe(before - 2);
    const visible = await querySites();
    expect(visible.body.sites.some((s: { id: string }) => free.some((f) => f.id === s.id))).toBe(false);
    const trashed = await querySites({ state: 'TRASHED' });
    expect(trashed.body.sites.map((s: { id: string }) => s.id).sort()).toEqual(free.map((s) => s.id).sort());
    expect(trashed.body.sites[0].trashedDate).toBe(world().now());
  });

  it('answers per-item SITE_NOT_FOUND for sites of other accounts, a repeat trash succeeds, and checks the id list', async () => {
    const subSite = [...world().sites.values()].find((s) => s.ownerAccountId === sb.seed.subAccountIds[0])!;
    const free = mainSites().find((s) => !s.premium && world().instancesOfSite(s.id).length === 0)!;
    await sb.call('POST', '/site-actions/v1/bulk/sites/delete', { body: { ids: [free.id] } });
    const res = await sb.call('POST', '/site-actions/v1/bulk/sites/delete', { body: { ids: [subSite.id, free.id] } });
    expect(
      res.body.results.map(
        (r: { itemMetadata: { success: boolean; error: { code: string } | null } }) =>
          r.itemMetadata.error?.code ?? 'ok',
      ),
    ).toEqual(['SITE_NOT_FOUND', 'ok']);
    expect(world().sites.get(subSite.id)?.state).toBe('ACTIVE');
    // A site with a PENDING plan (no `premium` yet) is refused too.
    const pendingPlanSite = mainSites().find((s) =>
      world()
        .instancesOfSite(s.id)
        .some(({ instance }) => instance.status === 'PENDING'),
    )!;
    const pending = await sb.call('POST', '/site-actions/v1/bulk/sites/delete', {
      body: { ids: [pendingPlanSite.id] },
    });
    expect(pending.body.results[0].itemMetadata.error.code).toBe('PREMIUM_NOT_PERMITTED');
    expect((await sb.call('POST', '/site-actions/v1/bulk/sites/delete', { body: { ids: [] } })).status).toBe(400);
    expect(
      (
        await sb.call('POST', '/site-actions/v1/bulk/sites/delete', {
          body: { ids: Array.from({ length: 21 }, () => free.id) },
        })
      ).status,
    ).toBe(400);
  });

  it('TV12: duplicates a site into the same account, without Premium or domain', async () => {
    const source = mainSites().find((s) => s.premium && s.domainConnected)!;
    const res = await sb.call('POST', '/site-actions/v1/sites/duplicate', {
      body: { sourceSiteId: source.id, siteDisplayName: 'Sunset Boutique Hotel' },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['newSiteId']);
    const copy = await querySites({ id: res.body.newSiteId });
    expect(copy.body.sites[0]).toMatchObject({
      displayName: 'Sunset Boutique Hotel',
      name: 'sunset-boutique-hotel',
      premium: false,
      domainConnected: false,
      published: false,
      editorType: source.editorType,
      ownerAccountId: sb.seed.mainAccountId,
    });
    const again = await sb.call('POST', '/site-actions/v1/sites/duplicate', {
      body: { sourceSiteId: source.id, siteDisplayName: 'Sunset Boutique Hotel' },
    });
    expect(world().sites.get(again.body.newSiteId)?.name).toBe('sunset-boutique-hotel-2');
    const subSite = [...world().sites.values()].find((s) => s.ownerAccountId === sb.seed.subAccountIds[0])!;
    const refused = await sb.call('POST', '/site-actions/v1/sites/duplicate', {
      body: { sourceSiteId: subSite.id, siteDisplayName: 'Copy' },
    });
    expect(refused.status).toBe(404);
    expect(refused.body.details.applicationError.code).toBe('SITE_NOT_FOUND');
    const invalid = await sb.call('POST', '/site-actions/v1/sites/duplicate', { body: {} });
    expect(invalid.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field)).toEqual([
      'sourceSiteId',
      'siteDisplayName',
    ]);
  });

  it('creates a project (a new site) of the requested type', async () => {
    const res = await sb.call('POST', '/funnel/projects/v1/create', {
      body: {
        type: 'HEADLESS',
        templateId: 'tpl-1',
        displayName: 'Shop API',
        apps: ['1380b703-ce81-ff05-f115-39571d94dfcd'],
      },
    });
    expect(res.status).toBe(200);
    const project = res.body.project;
    expect(project).toMatchObject({ templateId: 'tpl-1', apps: ['1380b703-ce81-ff05-f115-39571d94dfcd'] });
    const site = world().sites.get(project.metaSiteId)!;
    expect(site).toMatchObject({
      ownerAccountId: sb.seed.mainAccountId,
      namespace: 'HEADLESS',
      displayName: 'Shop API',
      htmlAppId: project.siteId,
    });
    // Query Sites lists the WIX namespace only, unless the filter asks for another one (documented).
    const byApp = { appIds: { $hasSome: ['1380b703-ce81-ff05-f115-39571d94dfcd'] }, id: project.metaSiteId };
    expect((await querySites(byApp)).body.sites).toHaveLength(0);
    const listed = await querySites({ ...byApp, namespace: 'HEADLESS' });
    expect(listed.body.sites).toHaveLength(1);
    expect((await sb.call('POST', '/funnel/projects/v1/create', { body: {} })).status).toBe(400);
    expect((await sb.call('POST', '/funnel/projects/v1/create', { body: { type: 'GAME' } })).status).toBe(400);
    const plain = await sb.call('POST', '/funnel/projects/v1/create', { body: { type: 'WIX' } });
    expect(world().sites.get(plain.body.project.metaSiteId)).toMatchObject({
      namespace: 'WIX',
      editorType: 'EDITOR',
      displayName: 'My Project',
    });
  });
});
