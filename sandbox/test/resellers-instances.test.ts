import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT, domainProductId } from '../src/catalog.js';
import type { Package, ProductInstance } from '../src/types.js';
import { TestSandbox } from './helpers/test-sandbox.js';

const INSTANCES = '/resellers/v1/packages/product-instances';
const YEAR1 = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } };
const MONTH1 = { type: 'RECURRING', cycleDuration: { unit: 'MONTH', count: 1 } };

describe('sandbox: Assign / Unassign / Adjust / Cancel product instances, Cancel Package, Update External Id', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const all = () =>
    [...world().packages.values()].flatMap((pkg) => pkg.productInstances.map((instance) => ({ pkg, instance })));
  const find = (test: (i: ProductInstance, p: Package) => boolean) =>
    all().find(({ instance, pkg }) => test(instance, pkg)) as { pkg: Package; instance: ProductInstance };
  const freeSites = (accountId = sb.seed.mainAccountId) =>
    [...world().sites.values()]
      .filter((s) => s.ownerAccountId === accountId && world().instancesOfSite(s.id).length === 0)
      .map((s) => s.id);
  /** The Premium plan instance on the site carrying the connected domain. */
  const planUnder = (domain: string) => {
    const siteId = world().connectedDomains.get(domain)?.siteInfo.id as string;
    return {
      siteId,
      ...find((i) => i.siteId === siteId && world().catalog.get(i.catalogProductId)?.type === 'PREMIUM_PLAN'),
    };
  };
  const expectCode = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.details.applicationError.code).toBe(code);
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('TV4: assigns a floating instance to a site, keeps its status, and the site becomes Premium', async () => {
    const { instance } = find((i) => !i.siteId && i.catalogProductId === PRODUCT.premiumBusiness);
    const [siteId] = freeSites();
    const res = await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}/${siteId}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('idempotencyKey');
    expect(res.body.package.parentAccountId).toBe(sb.seed.mainAccountId);
    const assigned = res.body.package.productInstances.find(
      (i: ProductInstance) => i.instanceId === instance.instanceId,
    );
    expect(assigned).toMatchObject({ siteId, status: 'ENABLED' });
    expect(world().sites.get(siteId as string)?.premium).toBe(true);
  });

  it('reassigns by assigning again: the old site loses Premium and its connected domain (cascade)', async () => {
    const { siteId: oldSite, instance } = planUnder('urbanstudio.io');
    expect(world().sites.get(oldSite)?.domainConnected).toBe(true);
    const [newSite] = freeSites();
    const res = await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}/${newSite}`, {
      body: { idempotencyKey: 'move-1' },
    });
    expect(res.status).toBe(200);
    expect(res.body.idempotencyKey).toBe('move-1');
    expect(world().sites.get(oldSite)?.premium).toBe(false);
    expect(world().sites.get(newSite as string)?.premium).toBe(true);
    expect(world().connectedDomains.has('urbanstudio.io')).toBe(false);
    expect(world().connectedOwner.has('urbanstudio.io')).toBe(false);
    expect(world().sites.get(oldSite)?.domainConnected).toBe(false);
  });

  it('answers the assign errors: not found (404), foreign tree, site, status, type and Premium rules', async () => {
    const floatingPlan = find((i) => !i.siteId && i.catalogProductId === PRODUCT.premiumBusiness).instance.instanceId;
    const [free] = freeSites();
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/44444444-4444-4444-8444-444444444444/${free}`),
      404,
      'PRODUCT_INSTANCE_NOT_FOUND',
    );
    // A sub-account may not act on its parent's instances.
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${floatingPlan}/${free}`, { accountId: sb.seed.subAccountIds[0] }),
      404,
      'PRODUCT_INSTANCE_NOT_FOUND',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${floatingPlan}/${freeSites(sb.seed.subAccountIds[0])[0]}`),
      404,
      'SITE_NOT_FOUND',
    );
    const { siteId: planned } = planUnder('urbanstudio.io');
    expectCode(await sb.call('PATCH', `${INSTANCES}/${floatingPlan}/${planned}`), 428, 'PRODUCT_TYPE_ALREADY_ASSIGNED');
    const floatingDomain = find((i) => !i.siteId && i.catalogProductId === domainProductId('com')).instance.instanceId;
    expectCode(await sb.call('PATCH', `${INSTANCES}/${floatingDomain}/${free}`), 428, 'PRODUCT_NOT_SUPPORTED_ON_SITE');
    expect((await sb.call('PATCH', `${INSTANCES}/${floatingDomain}/${planned}`)).status).toBe(200);
    const cancelled = find((i) => i.status === 'CANCELED').instance.instanceId;
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${cancelled}/${free}`),
      428,
      'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS',
    );
  });

  it("TV4b: unassign makes the instance floating and disconnects the site's connected domains", async () => {
    const { siteId, instance } = planUnder('shop.quietbistro.net');
    const res = await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}/unassign`);
    expect(res.status).toBe(200);
    const out = res.body.package.productInstances.find((i: ProductInstance) => i.instanceId === instance.instanceId);
    expect(out).not.toHaveProperty('siteId');
    expect(out.status).toBe('ENABLED');
    expect(world().sites.get(siteId)?.premium).toBe(false);
    expect(world().connectedDomains.has('shop.quietbistro.net')).toBe(false);
    // A non-plan instance leaves connected domains alone.
    const { instance: booster } = find((i) => i.catalogProductId === PRODUCT.siteBooster);
    const before = world().connectedDomains.size;
    expect((await sb.call('PATCH', `${INSTANCES}/${booster.instanceId}/unassign`)).status).toBe(200);
    expect(world().connectedDomains.size).toBe(before);
  });

  it('TV5: adjusts to another product of the same type and changes the billing cycle', async () => {
    const created = await sb.call('POST', '/resellers/v2/packages', {
      body: {
        products: [
          { catalogProductId: PRODUCT.premiumBusiness, siteId: freeSites()[0], billingInfo: YEAR1, countryCode: 'BR' },
        ],
      },
    });
    const id = created.body.package.productInstances[0].instanceId;
    const res = await sb.call('PATCH', `${INSTANCES}/${id}`, {
      body: { catalogProductId: PRODUCT.premiumBusinessElite, discountCode: 'SPRING' },
    });
    expect(res.status).toBe(200);
    expect(res.body.package.productInstances[0]).toMatchObject({
      instanceId: id,
      catalogProductId: PRODUCT.premiumBusinessElite,
      status: 'PENDING',
      billingInfo: YEAR1,
      discountCode: 'SPRING',
    });
    const cycle = await sb.call('PATCH', `${INSTANCES}/${id}`, {
      body: { billingInfo: MONTH1, discountCode: 'IGNORED' },
    });
    expect(cycle.body.package.productInstances[0]).toMatchObject({ billingInfo: MONTH1, discountCode: 'SPRING' });
  });

  it('answers the adjust errors', async () => {
    const plan = find((i) => i.status === 'ENABLED' && i.catalogProductId === PRODUCT.premiumCore && !!i.siteId)
      .instance.instanceId;
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/55555555-5555-4555-8555-555555555555`, { body: { billingInfo: YEAR1 } }),
      428,
      'PRODUCT_INSTANCE_NOT_FOUND',
    );
    expectCode(await sb.call('PATCH', `${INSTANCES}/${plan}`, { body: {} }), 428, 'MISSING_PRODUCT_DETAILS');
    // Documented: the call fails on an instance/account mismatch — the main account can't adjust a sub-account's.
    const subs = new Set(sb.seed.subAccountIds);
    const ofSub = find((i, p) => i.status === 'ENABLED' && subs.has(p.accountId));
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${ofSub.instance.instanceId}`, { body: { billingInfo: YEAR1 } }),
      428,
      'PRODUCT_INSTANCE_NOT_FOUND',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${plan}`, { body: { billingInfo: { type: 'RECURRING' } } }),
      428,
      'MISSING_PRODUCT_DETAILS',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${plan}`, { body: { catalogProductId: PRODUCT.ascend } }),
      428,
      'INCOMPATIBLE_PRODUCT',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${plan}`, {
        body: { catalogProductId: '66666666-6666-4666-8666-666666666666' },
      }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${plan}`, { body: { catalogProductId: PRODUCT.enterpriseStudio } }),
      428,
      'INVALID_PRODUCTS',
    );
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${plan}`, {
        body: { billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'WEEK', count: 1 } } },
      }),
      428,
      'INCOMPATIBLE_BILLING_CYCLE',
    );
    const cancelled = find((i) => i.status === 'CANCELED').instance.instanceId;
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${cancelled}`, { body: { billingInfo: YEAR1 } }),
      428,
      'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS',
    );
    const awaiting = find((i) => i.status === 'AWAITING_ACTION').instance.instanceId;
    expectCode(
      await sb.call('PATCH', `${INSTANCES}/${awaiting}`, { body: { billingInfo: MONTH1 } }),
      428,
      'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS',
    );
    // A 5-year .com cannot become a plain .com without saying which of its cycles.
    const fiveYears = await sb.call('POST', '/resellers/v2/packages', {
      body: { products: [{ catalogProductId: PRODUCT.domainCom5y, countryCode: 'US' }] },
    });
    const domainId = fiveYears.body.package.productInstances[0].instanceId;
    const missing = await sb.call('PATCH', `${INSTANCES}/${domainId}`, {
      body: { catalogProductId: domainProductId('com') },
    });
    expectCode(missing, 428, 'MISSING_PRODUCT_DETAILS');
    expect(missing.body.details.applicationError.data.missing).toBe('billingInfo');
    expect(
      (
        await sb.call('PATCH', `${INSTANCES}/${domainId}`, {
          body: { catalogProductId: domainProductId('com'), billingInfo: YEAR1 },
        })
      ).status,
    ).toBe(200);
  });

  it('cancels an instance (CANCELED at once) and cascades: Premium off, connected domain removed', async () => {
    const { siteId, instance } = planUnder('urbanstudio.io');
    const res = await sb.call('DELETE', `${INSTANCES}/${instance.instanceId}`, { body: { idempotencyKey: 'c-1' } });
    expect(res.status).toBe(200);
    expect(res.body.idempotencyKey).toBe('c-1');
    expect(
      res.body.package.productInstances.find((i: ProductInstance) => i.instanceId === instance.instanceId).status,
    ).toBe('CANCELED');
    expect(world().sites.get(siteId)?.premium).toBe(false);
    expect(world().connectedDomains.has('urbanstudio.io')).toBe(false);
    expectCode(
      await sb.call('DELETE', `${INSTANCES}/77777777-7777-4777-8777-777777777777`),
      404,
      'PRODUCT_INSTANCE_NOT_FOUND',
    );
  });

  it('the cascade disconnects as Delete Connected Domain does: a NAMESERVERS zone goes; registered domains keep theirs', async () => {
    const ZONES = '/domains/v1/dns-zones';
    const MX = { type: 'MX', hostName: 'goldengarden.info', ttl: 3600, values: ['10 aspmx.l.google.com'] };
    const { siteId, instance } = planUnder('goldengarden.info');
    expect((await sb.call('PATCH', `${ZONES}/goldengarden.info`, { body: { additions: [MX] } })).status).toBe(200);
    expect((await sb.call('DELETE', `${INSTANCES}/${instance.instanceId}`)).status).toBe(200);
    expect(world().connectedDomains.has('goldengarden.info')).toBe(false);
    expect(world().dnsZones.has('goldengarden.info')).toBe(false);
    expectCode(await sb.call('GET', `${ZONES}/goldengarden.info`), 428, 'DOMAIN_NOT_PERMITTED');
    // Connected again (new plan), the domain gets a fresh Wix zone, not the records of the cancelled connection.
    const floating = find((i) => !i.siteId && i.status === 'ENABLED' && i.catalogProductId === PRODUCT.premiumBusiness)
      .instance.instanceId;
    expect((await sb.call('PATCH', `${INSTANCES}/${floating}/${siteId}`)).status).toBe(200);
    const again = await sb.call('POST', '/domains/v1/connected-domains', {
      body: { connectedDomain: { domain: 'goldengarden.info', connectionType: 'NAMESERVERS' } },
      siteId,
    });
    expect(again.status).toBe(200);
    const zone = await sb.call('GET', `${ZONES}/goldengarden.info`);
    expect(zone.status).toBe(200);
    expect(zone.body.dnsZone.records.map((r: { type: string }) => r.type).sort()).toEqual(['A', 'CNAME', 'NS', 'SOA']);
    // The site of a Wix-registered domain loses its plan: the registered domain and its zone are separate products.
    const registeredSite = world().registeredDomains.get('pixelco-agency.com')?.siteInfo?.id as string;
    const plan = find(
      (i) =>
        i.siteId === registeredSite &&
        i.status === 'ENABLED' &&
        world().catalog.get(i.catalogProductId)?.type === 'PREMIUM_PLAN',
    ).instance.instanceId;
    expect((await sb.call('DELETE', `${INSTANCES}/${plan}`)).status).toBe(200);
    expect(world().sites.get(registeredSite)?.premium).toBe(false);
    expect(
      (await sb.call('GET', '/domains/v1/registered-domains/pixelco-agency.com')).body.registeredDomain.status,
    ).toBe('ACTIVE');
    expect((await sb.call('GET', `${ZONES}/pixelco-agency.com`)).status).toBe(200);
  });

  it('cancels a whole package: every live instance CANCELED, FAILED stays FAILED, cascade runs', async () => {
    const { siteId, pkg } = planUnder('goldengarden.info');
    const res = await sb.call('DELETE', `/resellers/v1/packages/${pkg.id}`);
    expect(res.status).toBe(200);
    expect(res.body.package.productInstances.every((i: ProductInstance) => i.status === 'CANCELED')).toBe(true);
    expect(world().connectedDomains.has('goldengarden.info')).toBe(false);
    expect(world().sites.get(siteId)?.premium).toBe(false);
    const mixed = find((i) => i.status === 'FAILED').pkg;
    const cancelled = await sb.call('DELETE', `/resellers/v1/packages/${mixed.id}`);
    expect(cancelled.body.package.productInstances.map((i: ProductInstance) => i.status).sort()).toEqual([
      'CANCELED',
      'CANCELED',
      'FAILED',
    ]);
    // A sub-account can't cancel its parent's package; the parent can cancel the sub-account's.
    const subPkg = [...world().packages.values()].find((p) => p.accountId === sb.seed.subAccountIds[0])!;
    expectCode(
      await sb.call('DELETE', `/resellers/v1/packages/${pkg.id}`, { accountId: sb.seed.subAccountIds[0] }),
      404,
      'PACKAGE_NOT_FOUND',
    );
    expect((await sb.call('DELETE', `/resellers/v1/packages/${subPkg.id}`)).status).toBe(200);
  });

  it('updates the external id and answers {updatedPackage}', async () => {
    const pkg = [...world().packages.values()].find((p) => p.accountId === sb.seed.mainAccountId)!;
    const res = await sb.call('PATCH', `/resellers/v1/packages/update/${pkg.id}/crm-42`);
    expect(res.status).toBe(200);
    expect(res.body.updatedPackage).toMatchObject({ id: pkg.id, externalId: 'crm-42' });
    expect(res.body).not.toHaveProperty('package');
    expect((await sb.call('GET', `/resellers/v1/packages/${pkg.id}`)).body.package.externalId).toBe('crm-42');
    expect((await sb.call('PATCH', `/resellers/v1/packages/update/${pkg.id}/${'x'.repeat(101)}`)).status).toBe(400);
    expectCode(
      await sb.call('PATCH', '/resellers/v1/packages/update/88888888-8888-4888-8888-888888888888/crm-1'),
      404,
      'PACKAGE_NOT_FOUND',
    );
  });

  it('replays a repeated idempotency key without acting again; the same key with another body is 409', async () => {
    const before = world().packages.size;
    const body = {
      idempotencyKey: 'order-1',
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    };
    const first = await sb.call('POST', '/resellers/v2/packages', { body });
    await sb.advance(world().settings.instanceActivationMs);
    const again = await sb.call('POST', '/resellers/v2/packages', {
      body: { products: body.products, idempotencyKey: 'order-1' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(world().packages.size).toBe(before + 1);
    const conflict = await sb.call('POST', '/resellers/v2/packages', { body: { ...body, externalId: 'other' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.details.applicationError.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are scoped per account and per operation.
    expect(
      (await sb.call('POST', '/resellers/v2/packages', { body, accountId: sb.seed.subAccountIds[0] })).body.package.id,
    ).not.toBe(first.body.package.id);
    const instanceId = first.body.package.productInstances[0].instanceId;
    const cancel = await sb.call('DELETE', `${INSTANCES}/${instanceId}`, { body: { idempotencyKey: 'order-1' } });
    expect(cancel.status).toBe(200);
    const other = find((i) => i.catalogProductId === PRODUCT.siteBooster).instance.instanceId;
    expect((await sb.call('DELETE', `${INSTANCES}/${other}`, { body: { idempotencyKey: 'order-1' } })).status).toBe(
      409,
    );
    expect(world().findInstance(other)?.instance.status).toBe('ENABLED');
  });
});
