import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT } from '../src/catalog.js';
import type { ProductInstance } from '../src/types.js';
import { TestSandbox } from './helpers/test-sandbox.js';

const PACKAGES = '/resellers/v1/packages';
const INSTANCES = `${PACKAGES}/product-instances`;

/** One reseller write: the request (with the key in its body), and a change made between the first call and the repeat. */
interface Scenario {
  request: (key: string) => { method: string; path: string; body: Record<string, unknown> };
  /** Changes the world after the first answer, so that acting again would answer something else. */
  interfere: (first: any) => Promise<void>;
  /** The world still shows the first call's effect plus the interference, not a second action. */
  actedOnce: (first: any) => void;
}

/**
 * CONTRACT §0.4: every reseller write takes an optional `idempotencyKey`, echoes it, and (sandbox choice) a repeat
 * with the same key and request answers the first result without acting again.
 */
describe('sandbox: idempotencyKey on every reseller write', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const instances = () =>
    [...world().packages.values()].flatMap((pkg) => pkg.productInstances.map((instance) => ({ pkg, instance })));
  const find = (test: (i: ProductInstance) => boolean) => {
    const found = instances().find(({ instance }) => test(instance));
    if (!found) throw new Error('no such seeded instance');
    return found;
  };
  const freeSite = () =>
    [...world().sites.values()].find(
      (s) => s.ownerAccountId === sb.seed.mainAccountId && world().instancesOfSite(s.id).length === 0,
    )?.id as string;
  const setExternalId = async (pkgId: string, externalId: string) =>
    expect((await sb.call('PATCH', `${PACKAGES}/update/${pkgId}/${externalId}`)).status).toBe(200);
  const floatingPlan = () =>
    find((i) => !i.siteId && i.status === 'ENABLED' && i.catalogProductId === PRODUCT.premiumBusiness);
  const corePlan = () =>
    find((i) => !!i.siteId && i.status === 'ENABLED' && i.catalogProductId === PRODUCT.premiumCore);
  const mainPackage = () =>
    [...world().packages.values()].find(
      (p) => p.accountId === sb.seed.mainAccountId && p.productInstances.some((i) => i.status === 'ENABLED'),
    )!;

  const scenarios: Record<string, () => Scenario> = {
    createPackage: () => {
      let count = 0;
      return {
        request: (key) => ({
          method: 'POST',
          path: '/resellers/v2/packages',
          body: { idempotencyKey: key, products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }] },
        }),
        interfere: async (first) => {
          count = world().packages.size;
          await setExternalId(first.package.id, 'changed-after');
        },
        actedOnce: () => expect(world().packages.size).toBe(count),
      };
    },
    assignProductInstance: () => {
      const { instance } = floatingPlan();
      const site = freeSite();
      return {
        request: (key) => ({
          method: 'PATCH',
          path: `${INSTANCES}/${instance.instanceId}/${site}`,
          body: { idempotencyKey: key },
        }),
        interfere: async () =>
          expect((await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}/unassign`)).status).toBe(200),
        actedOnce: () => expect(world().findInstance(instance.instanceId)?.instance.siteId).toBeUndefined(),
      };
    },
    unassignProductInstance: () => {
      const { instance } = corePlan();
      const site = instance.siteId as string;
      return {
        request: (key) => ({
          method: 'PATCH',
          path: `${INSTANCES}/${instance.instanceId}/unassign`,
          body: { idempotencyKey: key },
        }),
        interfere: async () =>
          expect((await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}/${site}`)).status).toBe(200),
        actedOnce: () => expect(world().findInstance(instance.instanceId)?.instance.siteId).toBe(site),
      };
    },
    adjustProductInstance: () => {
      const { instance } = corePlan();
      return {
        request: (key) => ({
          method: 'PATCH',
          path: `${INSTANCES}/${instance.instanceId}`,
          body: { idempotencyKey: key, catalogProductId: PRODUCT.premiumBusinessElite },
        }),
        interfere: async () =>
          expect(
            (
              await sb.call('PATCH', `${INSTANCES}/${instance.instanceId}`, {
                body: { catalogProductId: PRODUCT.premiumCore },
              })
            ).status,
          ).toBe(200),
        actedOnce: () =>
          expect(world().findInstance(instance.instanceId)?.instance.catalogProductId).toBe(PRODUCT.premiumCore),
      };
    },
    cancelProductInstance: () => {
      const { pkg, instance } = corePlan();
      return {
        request: (key) => ({
          method: 'DELETE',
          path: `${INSTANCES}/${instance.instanceId}`,
          body: { idempotencyKey: key },
        }),
        interfere: () => setExternalId(pkg.id, 'changed-after'),
        actedOnce: () => expect(world().findInstance(instance.instanceId)?.instance.status).toBe('CANCELED'),
      };
    },
    cancelPackage: () => {
      const pkg = mainPackage();
      return {
        request: (key) => ({ method: 'DELETE', path: `${PACKAGES}/${pkg.id}`, body: { idempotencyKey: key } }),
        interfere: () => setExternalId(pkg.id, 'changed-after'),
        actedOnce: () =>
          expect(
            world()
              .packages.get(pkg.id)
              ?.productInstances.every((i) => i.status === 'CANCELED' || i.status === 'FAILED'),
          ).toBe(true),
      };
    },
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('covers every reseller write route', () => {
    const writes = sb.sandbox.router
      .all()
      .filter(
        (r) =>
          r.path.startsWith('/resellers/') &&
          r.method !== 'GET' &&
          !r.path.endsWith('/query') &&
          !r.path.includes('/update/'),
      )
      .map((r) => r.operation);
    // Update Package External Id has no body (CONTRACT §1.12), so no key.
    expect(writes.sort()).toEqual(Object.keys(scenarios).sort());
  });

  for (const [operation, make] of Object.entries(scenarios)) {
    it(`${operation}: echoes the key first, and a repeat answers the first result without acting again`, async () => {
      const scenario = make();
      const { method, path, body } = scenario.request(`key-${operation}`);
      const first = await sb.call(method, path, { body });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(Object.keys(first.body)[0]).toBe('idempotencyKey');
      expect(first.body.idempotencyKey).toBe(`key-${operation}`);
      await sb.advance(60_000);
      await scenario.interfere(first.body);
      const repeat = await sb.call(method, path, { body: scenario.request(`key-${operation}`).body });
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);
      scenario.actedOnce(first.body);
      // Without a key the write acts and answers the current state, with no idempotencyKey field.
      const plain = { ...body };
      delete plain.idempotencyKey;
      const unkeyed = await sb.call(method, path, { body: plain });
      if (unkeyed.status === 200) expect(unkeyed.body).not.toHaveProperty('idempotencyKey');
      // The same key with another request is refused.
      const other = await sb.call(method, path, { body: { ...body, discountCode: 'OTHER' } });
      expect(other.status).toBe(409);
      expect(other.body.details.applicationError.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  }
});
