import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ProductCatalog } from '../../../src/catalog.js';
import { toGlobalId } from '../../../src/schema/node.type.js';
import { Gateway } from '../../../src/server.js';
import {
  DashboardPackagesDocument,
  FloatingInstancesDocument,
  PackageByIdDocument,
  ProductInstanceByIdDocument,
  ResellerNodeDocument,
  RootPackagesDocument,
  SitePlansDocument,
  ViewerPackagesDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectedInstance, expectedPackage, instancesOf, rawPackages } from './resellers-fixtures.js';

const PREMIUM_BUSINESS = '00ba7923-2655-402a-852d-2b2100568bcf';
const ops = (calls: Array<{ operation: string }>) => calls.map((c) => c.operation);

describe('gateway: packages and product instances over the sandbox', () => {
  const stack = useStack();
  const main = () => stack.sandbox.seed.mainAccountId;

  it('viewer → sites(first: 100) → productInstances → package: 1 Query Sites + 1 Query Packages, values as upstream', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    await stack.sandbox.clearCalls();
    const data = await stack.data(DashboardPackagesDocument, { first: 100 });
    const sites = data.viewer.sites!.nodes;
    expect(sites).toHaveLength(16);
    for (const site of sites) {
      const expected = instancesOf(raw).filter(({ instance }) => instance.siteId === site.wixId);
      expect(
        site
          .productInstances!.map((i) => ({ wixId: i.wixId, status: i.status, package: i.package }))
          .sort((a, b) => a.wixId.localeCompare(b.wixId)),
      ).toEqual(
        expected
          .map(({ pkg, instance }) => ({
            wixId: instance.instanceId,
            status: instance.status,
            package: { wixId: pkg.id, externalId: pkg.externalId ?? null },
          }))
          .sort((a, b) => a.wixId.localeCompare(b.wixId)),
      );
    }
    expect(sites.filter((s) => s.productInstances!.length > 0).length).toBeGreaterThanOrEqual(6);
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => c.operation).sort()).toEqual(['queryPackages', 'querySites']);
    const query = calls.find((c) => c.operation === 'queryPackages');
    expect(query?.accountId).toBe(main());
    const body = query?.body as { query: { filter: Record<string, { $hasSome: string[] }> } };
    expect(Object.keys(body.query.filter)).toEqual(['productInstances.siteId']);
    expect([...(body.query.filter['productInstances.siteId']?.$hasSome ?? [])].sort()).toEqual(
      sites.map((s) => s.wixId).sort(),
    );
  });

  it('viewer.packages answers every field as upstream holds it, with products from the catalog', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    await stack.sandbox.clearCalls();
    const data = await stack.data(ViewerPackagesDocument, { first: 100 });
    const conn = data.viewer.packages;
    expect(conn!.totalCount).toBe(raw.length);
    expect(conn!.nodes.map(({ productInstances, id, ...pkg }) => pkg)).toEqual(raw.map(expectedPackage));
    expect(conn!.nodes.flatMap((p) => p.productInstances.map(({ id, ...i }) => i))).toEqual(
      instancesOf(raw).map(({ instance }) => expectedInstance(instance)),
    );
    const statuses = new Set(conn!.nodes.flatMap((p) => p.productInstances.map((i) => i.status)));
    expect([...statuses].sort()).toEqual(['AWAITING_ACTION', 'CANCELED', 'ENABLED', 'FAILED', 'PENDING']);
    const failed = conn!.nodes.flatMap((p) => p.productInstances).find((i) => i.status === 'FAILED');
    expect(failed?.failure).toEqual({ code: 'DELIVERY_TIMEOUT', message: expect.any(String) });
    expect(conn!.nodes[0]?.productInstances[0]?.id).toBe(
      toGlobalId('ProductInstance', conn!.nodes[0]?.productInstances[0]?.wixId ?? ''),
    );
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => c.operation)).toEqual(['queryPackages']);
    expect((calls[0]?.body as { query: unknown }).query).toEqual({
      filter: { accountId: { $in: [main()] } },
      cursorPaging: { limit: 100 },
    });
  });

  it('filters by status and site, pages with opaque cursors, and refuses a cursor of another filter', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    const all = await stack.data(RootPackagesDocument, { first: 100 });
    expect(all.packages!.edges.map((e) => e.node.wixId)).toEqual(raw.map((p) => p.id));
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await stack.data(RootPackagesDocument, { first: 3, after });
      seen.push(...page.packages!.edges.map((e) => e.node.wixId));
      after = page.packages!.pageInfo.hasNextPage ? page.packages!.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(raw.map((p) => p.id));

    const failed = await stack.data(RootPackagesDocument, { first: 100, filter: { status: ['FAILED'] } });
    expect(failed.packages!.edges.map((e) => e.node.wixId)).toEqual(
      raw.filter((p) => p.productInstances.some((i) => i.status === 'FAILED')).map((p) => p.id),
    );
    const site = raw.find((p) => p.externalId === 'agency-0001')?.productInstances[0]?.siteId as string;
    const onSite = await stack.data(RootPackagesDocument, {
      first: 100,
      filter: { siteId: toGlobalId('Site', site), status: ['ENABLED'] },
    });
    expect(onSite.packages!.edges.map((e) => e.node.wixId).sort()).toEqual(
      raw
        .filter((p) => p.productInstances.some((i) => i.siteId === site && i.status === 'ENABLED'))
        .map((p) => p.id)
        .sort(),
    );
    expect(onSite.packages!.totalCount).toBe(2);

    const page = await stack.data(RootPackagesDocument, { first: 2 });
    const wrong = await stack.run(RootPackagesDocument, {
      first: 2,
      after: page.packages!.pageInfo.endCursor,
      filter: { status: ['ENABLED'] },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badSite = await stack.run(RootPackagesDocument, { first: 2, filter: { siteId: 'nope' } });
    expect(badSite.errors?.[0]?.extensions?.fields).toEqual([{ field: 'filter.siteId', message: expect.any(String) }]);
    const tooMany = await stack.run(RootPackagesDocument, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('package(id) by GUID or global ID, with its sites and reference instance: one call per kind of lookup', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    const withRef = raw.find((p) =>
      p.productInstances.some((i) => i.referenceProductInstanceId),
    ) as (typeof raw)[number];
    const ref = instancesOf(raw).find(
      ({ instance }) => instance.instanceId === withRef.productInstances[0]?.referenceProductInstanceId,
    );
    await stack.sandbox.clearCalls();
    const data = await stack.data(PackageByIdDocument, { id: withRef.id });
    expect(data.package).toMatchObject({
      ...expectedPackage(withRef),
      id: toGlobalId('Package', withRef.id),
      account: { wixId: main() },
    });
    const instance = data.package?.productInstances[0];
    expect(instance).toMatchObject({
      ...expectedInstance(withRef.productInstances[0] as never),
      package: { wixId: withRef.id },
    });
    expect(instance?.site?.wixId).toBe(withRef.productInstances[0]?.siteId);
    expect(instance?.referenceInstance).toEqual({ wixId: ref?.instance.instanceId, status: ref?.instance.status });
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => c.operation).sort()).toEqual(['queryPackages', 'queryPackages', 'querySites']);
    const filters = calls
      .filter((c) => c.operation === 'queryPackages')
      .map((c) => (c.body as { query: { filter: unknown } }).query.filter);
    expect(filters).toEqual([
      { id: { $in: [withRef.id] } },
      { 'productInstances.instanceId': { $hasSome: [ref?.instance.instanceId] } },
    ]);

    const byGlobal = await stack.data(PackageByIdDocument, { id: toGlobalId('Package', withRef.id) });
    expect(byGlobal.package?.wixId).toBe(withRef.id);
    const missing = await stack.data(PackageByIdDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.package).toBeNull();
    const bad = await stack.run(PackageByIdDocument, { id: toGlobalId('Site', withRef.id) });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a reference instance already loaded in the request costs no further call', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    const withRef = instancesOf(raw).find(({ instance }) => instance.referenceProductInstanceId);
    await stack.sandbox.clearCalls();
    // Same request: the package list loads the referenced instance too, so referenceInstance is a cache hit.
    const doc = parse(
      `{ viewer { packages(first: 100) { nodes { productInstances { wixId referenceInstance { wixId status } } } } } }`,
    );
    const data = await stack.data<
      {
        viewer: {
          packages: {
            nodes: Array<{ productInstances: Array<{ wixId: string; referenceInstance: { wixId: string } | null }> }>;
          };
        };
      },
      never
    >(doc);
    const found = data.viewer.packages.nodes
      .flatMap((p) => p.productInstances)
      .find((i) => i.wixId === withRef?.instance.instanceId);
    expect(found?.referenceInstance?.wixId).toBe(withRef?.instance.referenceProductInstanceId);
    expect((await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['queryPackages']);
  });

  it('productInstance(id) and node(id) refetch instances and packages', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    const { pkg, instance } = instancesOf(raw).find(
      ({ instance: i }) => i.siteId && i.status === 'ENABLED' && !i.referenceProductInstanceId,
    ) as ReturnType<typeof instancesOf>[number];
    await stack.sandbox.clearCalls();
    const data = await stack.data(ProductInstanceByIdDocument, {
      id: toGlobalId('ProductInstance', instance.instanceId),
    });
    // No reference instance: one Query Packages for the instance (its package comes with it), one Query Sites for its site.
    expect(data.productInstance).toMatchObject({
      ...expectedInstance(instance),
      referenceInstance: null,
      site: { wixId: instance.siteId, ownerAccountId: main() },
      package: { wixId: pkg.id, accountId: main() },
    });
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => c.operation).sort()).toEqual(['queryPackages', 'querySites']);
    expect(
      (calls.find((c) => c.operation === 'queryPackages')?.body as { query: { filter: unknown } }).query.filter,
    ).toEqual({ 'productInstances.instanceId': { $hasSome: [instance.instanceId] } });

    const byGuid = await stack.data(ProductInstanceByIdDocument, { id: instance.instanceId });
    expect(byGuid.productInstance?.wixId).toBe(instance.instanceId);
    expect(
      (await stack.data(ProductInstanceByIdDocument, { id: '00000000-0000-4000-8000-000000000000' })).productInstance,
    ).toBeNull();

    const pkgNode = await stack.data(ResellerNodeDocument, { id: toGlobalId('Package', pkg.id) });
    expect(pkgNode.node).toEqual({ id: toGlobalId('Package', pkg.id), wixId: pkg.id, accountId: main() });
    const instNode = await stack.data(ResellerNodeDocument, { id: toGlobalId('ProductInstance', instance.instanceId) });
    expect(instNode.node).toEqual({
      id: toGlobalId('ProductInstance', instance.instanceId),
      wixId: instance.instanceId,
      status: instance.status,
    });
  });

  it('floatingProductInstances: no site, not CANCELED', async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    const data = await stack.data(FloatingInstancesDocument, {});
    const expected = instancesOf(raw).filter(({ instance }) => !instance.siteId && instance.status !== 'CANCELED');
    expect(data.viewer.floatingProductInstances!.map((i) => i.wixId)).toEqual(
      expected.map(({ instance }) => instance.instanceId),
    );
    expect(data.viewer.floatingProductInstances!.every((i) => i.siteWixId === null && i.status !== 'CANCELED')).toBe(
      true,
    );
    expect(data.viewer.floatingProductInstances!.some((i) => i.status === 'FAILED')).toBe(true);
  });

  it("premiumPlan is the site's ENABLED or PENDING Premium plan per the catalog; productInstances filters by status", async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: main() } });
    await stack.sandbox.clearCalls();
    const data = await stack.data(SitePlansDocument, { first: 100 });
    // premiumPlan and productInstances of every site share one Query Packages call.
    expect(ops(await stack.sandbox.calls()).sort()).toEqual(['queryPackages', 'querySites']);
    const plans = ['PREMIUM_PLAN'];
    let withPlan = 0;
    for (const site of data.viewer.sites!.nodes) {
      const live = instancesOf(raw).filter(
        ({ instance }) => instance.siteId === site.wixId && ['ENABLED', 'PENDING'].includes(instance.status),
      );
      const plan = live.find(({ instance }) => plans.includes(expectedInstance(instance).product.type));
      expect(site.premiumPlan?.wixId ?? null).toBe(plan?.instance.instanceId ?? null);
      if (plan) withPlan++;
      expect(site.productInstances!.map((i) => i.wixId).sort()).toEqual(
        live.map(({ instance }) => instance.instanceId).sort(),
      );
    }
    expect(withPlan).toBe(5);
    const business = data.viewer.sites!.nodes.find((s) => s.premiumPlan?.product.name === 'Premium Business');
    expect(business?.premiumPlan).toMatchObject({ status: 'ENABLED', product: { type: 'PREMIUM_PLAN' } });
    expect(data.viewer.sites!.nodes.some((s) => s.premiumPlan?.status === 'PENDING')).toBe(true);
  });

  it('a replaced catalog renames products; IDs it does not list answer name null and type UNKNOWN', async () => {
    const catalog = new ProductCatalog([
      [PREMIUM_BUSINESS, { name: 'Agency Gold', type: 'PREMIUM_PLAN', tlds: ['com'] }],
    ]);
    const gateway = await Gateway.start({
      upstream: {
        baseUrl: stack.sandbox.url,
        apiKey: stack.sandbox.seed.apiKey,
        mainAccountId: main(),
        timeoutMs: 5_000,
        catalog,
      },
    });
    try {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ viewer { packages(first: 100) { nodes { productInstances { catalogProductId product { name type tlds } } } } } }',
        }),
      });
      const body = (await res.json()) as {
        data: {
          viewer: {
            packages: { nodes: Array<{ productInstances: Array<{ catalogProductId: string; product: unknown }> }> };
          };
        };
      };
      const instances = body.data.viewer.packages.nodes.flatMap((p) => p.productInstances);
      for (const i of instances) {
        expect(i.product).toEqual(
          i.catalogProductId === PREMIUM_BUSINESS
            ? { name: 'Agency Gold', type: 'PREMIUM_PLAN', tlds: ['com'] }
            : { name: null, type: 'UNKNOWN', tlds: [] },
        );
      }
      expect(instances.some((i) => i.catalogProductId !== PREMIUM_BUSINESS)).toBe(true);
    } finally {
      await gateway.close();
    }
  });
});
