import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT } from '../src/catalog.js';
import { TestSandbox } from './helpers/test-sandbox.js';

const YEAR1 = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } };

describe('sandbox: product-instance clock transitions', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const freeSites = () =>
    [...world().sites.values()]
      .filter((s) => s.ownerAccountId === sb.seed.mainAccountId && world().instancesOfSite(s.id).length === 0)
      .map((s) => s.id);
  const createPlans = async (count: number) => {
    const sites = freeSites().slice(0, count);
    const res = await sb.call('POST', '/resellers/v2/packages', {
      body: {
        products: sites.map((siteId) => ({
          catalogProductId: PRODUCT.premiumBusiness,
          siteId,
          billingInfo: YEAR1,
          countryCode: 'US',
        })),
      },
    });
    expect(res.status).toBe(200);
    return {
      pkgId: res.body.package.id as string,
      sites,
      ids: res.body.package.productInstances.map((i: { instanceId: string }) => i.instanceId) as string[],
    };
  };
  const statuses = async (pkgId: string) =>
    (await sb.call('GET', `/resellers/v1/packages/${pkgId}`)).body.package.productInstances.map(
      (i: { status: string }) => i.status,
    ) as string[];

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('moves PENDING → ENABLED after instanceActivationMs, records enabledAt and turns the site Premium', async () => {
    const delay = world().settings.instanceActivationMs;
    const { pkgId, sites, ids } = await createPlans(1);
    expect(world().sites.get(sites[0] as string)?.premium).toBe(false);
    await sb.advance(delay - 1);
    expect(await statuses(pkgId)).toEqual(['PENDING']);
    await sb.advance(1);
    const pkg = (await sb.call('GET', `/resellers/v1/packages/${pkgId}`)).body.package;
    expect(pkg.productInstances[0].status).toBe('ENABLED');
    expect(pkg.productInstances[0].updatedDate).toBe(pkg.updatedDate);
    expect(pkg.updatedDate > pkg.createdDate).toBe(true);
    expect(world().enabledAt.get(ids[0] as string)).toBe(world().clock.now());
    const premium = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { id: sites[0] } } },
    });
    expect(premium.body.sites[0].premium).toBe(true);
  });

  it('honours a configured delay and the failure share (FAILED with EXTERNAL_FAILURE)', async () => {
    await sb.admin('POST', 'settings', { instanceActivationMs: 5_000, instanceFailureShare: 0.5 });
    const { pkgId, sites } = await createPlans(4);
    await sb.advance(5_000);
    const after = await statuses(pkgId);
    expect(after.filter((s) => s === 'FAILED')).toHaveLength(2);
    expect(after.filter((s) => s === 'ENABLED')).toHaveLength(2);
    const pkg = (await sb.call('GET', `/resellers/v1/packages/${pkgId}`)).body.package;
    for (const instance of pkg.productInstances) {
      if (instance.status === 'FAILED') {
        expect(instance.failure.code).toBe('EXTERNAL_FAILURE');
        expect(world().sites.get(instance.siteId)?.premium).toBe(false);
      } else expect(instance).not.toHaveProperty('failure');
    }
    expect(sites).toHaveLength(4);
  });

  it('routes a share through AWAITING_ACTION, then ENABLED after another delay', async () => {
    await sb.admin('POST', 'settings', { instanceActivationMs: 1_000, instanceAwaitingActionShare: 1 });
    const { pkgId } = await createPlans(1);
    await sb.advance(1_000);
    expect(await statuses(pkgId)).toEqual(['AWAITING_ACTION']);
    await sb.advance(999);
    expect(await statuses(pkgId)).toEqual(['AWAITING_ACTION']);
    await sb.advance(1);
    expect(await statuses(pkgId)).toEqual(['ENABLED']);
  });

  it('never resurrects an instance cancelled before its activation', async () => {
    const { pkgId, ids, sites } = await createPlans(2);
    const cancel = await sb.call('DELETE', `/resellers/v1/packages/product-instances/${ids[0]}`);
    expect(cancel.body.package.productInstances[0].status).toBe('CANCELED');
    await sb.advance(world().settings.instanceActivationMs * 3);
    expect(await statuses(pkgId)).toEqual(['CANCELED', 'ENABLED']);
    expect(world().sites.get(sites[0] as string)?.premium).toBe(false);
    expect(world().enabledAt.has(ids[0] as string)).toBe(false);
  });

  it('keeps the status on assign, unassign and adjust; the pending activation still completes', async () => {
    const { pkgId, ids } = await createPlans(1);
    const id = ids[0] as string;
    await sb.call('PATCH', `/resellers/v1/packages/product-instances/${id}/unassign`);
    await sb.call('PATCH', `/resellers/v1/packages/product-instances/${id}`, {
      body: { catalogProductId: PRODUCT.premiumCore },
    });
    expect(await statuses(pkgId)).toEqual(['PENDING']);
    const target = freeSites()[0] as string;
    await sb.call('PATCH', `/resellers/v1/packages/product-instances/${id}/${target}`);
    await sb.advance(world().settings.instanceActivationMs);
    expect(await statuses(pkgId)).toEqual(['ENABLED']);
    expect(world().sites.get(target)?.premium).toBe(true);
  });
});
