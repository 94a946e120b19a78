import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT } from '../src/catalog.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import { expectError } from './domain-fixtures.js';

const QUERY = '/resellers/v1/packages/query';

interface Pkg {
  id: string;
  accountId: string;
  createdDate: string;
  productInstances: Array<{ status: string; instanceId: string; billingInfo?: { cycleDuration?: { unit: string } } }>;
}

describe('sandbox: Get Package and Query Packages', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const treePackages = () =>
    [...world().packages.values()].filter((p) => world().rootOf(p.accountId) === sb.seed.mainAccountId);
  const query = (q: unknown, accountId?: string) =>
    sb.call('POST', QUERY, { body: { query: q }, ...(accountId ? { accountId } : {}) });

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('TV3: matches productInstances.status "Enabled" case-insensitively and answers {metadata, packages}', async () => {
    const res = await query({
      filter: { 'productInstances.status': { $hasAll: ['Enabled'] } },
      fields: ['id'],
      fieldsets: ['id'],
    });
    expect(res.status).toBe(200);
    const expected = treePackages().filter((p) => p.productInstances.some((i) => i.status === 'ENABLED'));
    expect(res.body.packages.map((p: Pkg) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(res.body.metadata).toMatchObject({ count: expected.length, cursors: {}, hasNext: false });
    // Full packages, as in Wix's example, despite `fields`.
    expect(res.body.packages[0]).toHaveProperty('productInstances');
    const mixed = await query({ filter: { 'productInstances.status': { $hasAll: ['ENABLED', 'canceled'] } } });
    expect(
      mixed.body.packages.every((p: Pkg) =>
        ['ENABLED', 'CANCELED'].every((s) => p.productInstances.some((i) => i.status === s)),
      ),
    ).toBe(true);
    expect(mixed.body.packages.length).toBeGreaterThan(0);
  });

  it('returns the whole tree even for a sub-account header; accountId $eq restricts to one account', async () => {
    const sub = sb.seed.subAccountIds[0] as string;
    const fromSub = await query({}, sub);
    expect(fromSub.body.packages).toHaveLength(treePackages().length);
    const onlySub = await query({ filter: { accountId: { $eq: sub } } });
    expect(onlySub.body.packages.length).toBeGreaterThan(0);
    expect(onlySub.body.packages.every((p: Pkg) => p.accountId === sub)).toBe(true);
    const foreignRoot = [...world().accounts.values()].find(
      (a) => !a.accountProperties.parentAccountId && a.accountId !== sb.seed.mainAccountId,
    )!;
    const foreignKey = [...world().apiKeys].find(([, account]) => account === foreignRoot.accountId)![0];
    const foreign = await sb.call('POST', QUERY, {
      body: { query: {} },
      apiKey: foreignKey,
      accountId: foreignRoot.accountId,
    });
    expect(foreign.status).toBe(200);
    expect(foreign.body.packages).toEqual([]);
  });

  it('sorts by createdDate DESC by default and accepts sort ASC', async () => {
    const res = await query({});
    const dates = res.body.packages.map((p: Pkg) => p.createdDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const asc = await query({ sort: [{ fieldName: 'createdDate', order: 'ASC' }] });
    expect(asc.body.packages.map((p: Pkg) => p.createdDate)).toEqual([...dates].sort());
    expect((await query({ sort: [{ fieldName: 'accountId' }] })).status).toBe(400);
  });

  it('pages with cursors, refuses a cursor sent with a filter, and gives total with offset paging', async () => {
    const all = treePackages().length;
    const seen = new Set<string>();
    let res = await query({ cursorPaging: { limit: 3 }, filter: { id: { $exists: true } } });
    expect(res.body.metadata.count).toBe(3);
    for (;;) {
      for (const p of res.body.packages) seen.add(p.id);
      if (!res.body.metadata.hasNext) break;
      res = await query({ cursorPaging: { cursor: res.body.metadata.cursors.next, limit: 3 } });
    }
    expect(seen.size).toBe(all);
    expect(res.body.metadata.cursors.next).toBeUndefined();
    expect(typeof res.body.metadata.cursors.prev).toBe('string');
    const first = await query({ cursorPaging: { limit: 2 } });
    const invalid = await query({
      cursorPaging: { cursor: first.body.metadata.cursors.next },
      filter: { accountId: { $eq: sb.seed.mainAccountId } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe('invalid cursor');
    expect((await query({ cursorPaging: { limit: 101 } })).status).toBe(400);
    const offset = await query({ paging: { limit: 4, offset: 2 } });
    expect(offset.body.metadata).toEqual({ count: 4, offset: 2, total: all, tooManyToCount: false, hasNext: all > 6 });
    const everything = await query({ paging: { limit: 100 } });
    expect(offset.body.packages.map((p: Pkg) => p.id)).toEqual(
      everything.body.packages.slice(2, 6).map((p: Pkg) => p.id),
    );
  });

  it('supports the documented operators per field and refuses the rest with 400', async () => {
    const some = treePackages()
      .slice(0, 2)
      .map((p) => p.id);
    const byId = await query({ filter: { id: { $in: some } } });
    expect(byId.body.packages.map((p: Pkg) => p.id).sort()).toEqual([...some].sort());
    const byExternal = await query({ filter: { externalId: 'agency-0002' } });
    expect(byExternal.body.packages).toHaveLength(1);
    const noExternal = await query({ filter: { externalId: { $exists: false } } });
    expect(noExternal.body.packages.length).toBeGreaterThan(0);
    const byProduct = await query({
      filter: { 'productInstances.catalogProductId': { $hasSome: [PRODUCT.siteBooster] } },
    });
    expect(byProduct.body.packages).toHaveLength(1);
    const monthly = await query({
      filter: { 'productInstances.billingInfo.cycleDuration.unit': { $hasSome: ['month'] } },
    });
    expect(
      monthly.body.packages.every((p: Pkg) =>
        p.productInstances.some((i) => i.billingInfo?.cycleDuration?.unit === 'MONTH'),
      ),
    ).toBe(true);
    const failed = await query({ filter: { 'productInstances.failure.code': { $hasSome: ['DELIVERY_TIMEOUT'] } } });
    expect(failed.body.packages).toHaveLength(1);
    const recent = await query({ filter: { createdDate: { $gte: '2025-01-20T00:00:00Z' } } });
    expect(recent.body.packages.every((p: Pkg) => p.createdDate >= '2025-01-20')).toBe(true);
    expect(recent.body.packages.length).toBeGreaterThan(0);
    for (const filter of [
      { 'productInstances.status': 'ENABLED' },
      { accountId: { $startsWith: 'a' } },
      { createdDate: { $in: [] } },
      { color: 'red' },
    ]) {
      const res = await query({ filter });
      expect(res.status, JSON.stringify(filter)).toBe(400);
      expect(res.body.details.validationError).toBeDefined();
    }
    expect((await sb.call('POST', QUERY, { body: {} })).status).toBe(400);
  });

  it('Get Package answers {package} with instances in mixed statuses incl. FAILED; 404 for another account’s package', async () => {
    const withFailed = treePackages().find((p) => p.productInstances.some((i) => i.status === 'FAILED'))!;
    const res = await sb.call('GET', `/resellers/v1/packages/${withFailed.id}`, { accountId: withFailed.accountId });
    expect(res.status).toBe(200);
    const failed = res.body.package.productInstances.find((i: { status: string }) => i.status === 'FAILED');
    expect(failed.failure).toEqual({
      code: 'DELIVERY_TIMEOUT',
      message: "delivery of product has reached it's deadline",
    });
    expect(failed).not.toHaveProperty('siteId');
    const sub = sb.seed.subAccountIds[2] as string;
    const subPackage = treePackages().find((p) => p.accountId === sub)!;
    expect((await sb.call('GET', `/resellers/v1/packages/${subPackage.id}`, { accountId: sub })).status).toBe(200);
    // Documented: the call fails when the package and the header account don't match — the parent and a sibling too.
    expectError(await sb.call('GET', `/resellers/v1/packages/${subPackage.id}`), 404, 'PACKAGE_NOT_FOUND');
    expectError(
      await sb.call('GET', `/resellers/v1/packages/${subPackage.id}`, { accountId: sb.seed.subAccountIds[0] }),
      404,
      'PACKAGE_NOT_FOUND',
    );
    const foreignRoot = [...world().accounts.values()].find(
      (a) => !a.accountProperties.parentAccountId && a.accountId !== sb.seed.mainAccountId,
    )!;
    const foreignKey = [...world().apiKeys].find(([, account]) => account === foreignRoot.accountId)![0];
    const foreignPkg = await sb.call('POST', '/resellers/v2/packages', {
      apiKey: foreignKey,
      accountId: foreignRoot.accountId,
      body: { products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'DE' }] },
    });
    expect(foreignPkg.status).toBe(200);
    const other = await sb.call('GET', `/resellers/v1/packages/${foreignPkg.body.package.id}`);
    expect(other.status).toBe(404);
    expect(other.body.details.applicationError.code).toBe('PACKAGE_NOT_FOUND');
    const missing = await sb.call('GET', '/resellers/v1/packages/33333333-3333-4333-8333-333333333333');
    expect(missing.status).toBe(404);
    expect(missing.body.details.applicationError.code).toBe('PACKAGE_NOT_FOUND');
  });
});
