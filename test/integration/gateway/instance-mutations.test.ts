import { describe, expect, it } from 'vitest';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  AdjustProductInstanceDocument,
  AssignProductInstanceDocument,
  CancelProductInstanceDocument,
  ReassignProductInstanceDocument,
  UnassignProductInstanceDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectTopLevel, key, worldOf } from './write-fixtures.js';

const INSTANCES = '/resellers/v1/packages/product-instances';

describe('gateway: product-instance mutations over the sandbox', () => {
  const stack = useStack();
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const ops = async () => (await stack.sandbox.calls()).map((c) => [c.method, c.path]);
  const plan = async () => (await w.assignedLive(main(), 'premium-plan'))[0]!;

  it('unassign makes an instance floating; assign puts it back; one PATCH each, nested fields from the answer', async () => {
    const { instance } = await plan();
    const site = instance.siteId as string;
    const un = await stack.data(UnassignProductInstanceDocument, {
      input: { productInstanceId: toGlobalId('ProductInstance', instance.instanceId) },
    });
    expect(un.unassignProductInstance.productInstance).toMatchObject({ wixId: instance.instanceId, siteWixId: null });
    expect((await w.world()).findInstance(instance.instanceId)?.instance.siteId).toBeUndefined();
    const back = await stack.data(AssignProductInstanceDocument, {
      input: { productInstanceId: instance.instanceId, siteId: toGlobalId('Site', site) },
    });
    expect(back.assignProductInstance.productInstance).toMatchObject({
      wixId: instance.instanceId,
      siteWixId: site,
      site: { wixId: site, premium: true },
    });
    expect(await ops()).toEqual([
      ['PATCH', `${INSTANCES}/${instance.instanceId}/unassign`],
      ['PATCH', `${INSTANCES}/${instance.instanceId}/${site}`],
      ['POST', '/site-list/v2/sites/query'],
    ]);
    // Neither write carries a key, so neither is marked retryable.
    expect((await stack.sandbox.calls('assignProductInstance'))[0]?.body).toEqual({});
  });

  it('assign of an unknown instance is PRODUCT_INSTANCE_NOT_FOUND; a 5xx on it (no key) is not retried', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const missing = await stack.data(AssignProductInstanceDocument, {
      input: { productInstanceId: '12121212-1212-4212-8212-121212121212', siteId: site },
    });
    expect(missing.assignProductInstance.userErrors).toEqual([
      { code: 'PRODUCT_INSTANCE_NOT_FOUND', field: 'input.productInstanceId', message: expect.any(String) },
    ]);
    await stack.sandbox.clearCalls();
    await stack.sandbox.admin('POST', 'faults', {
      target: 'assignProductInstance',
      errorShare: 1,
      errorStatus: 503,
      times: 1,
    });
    const result = await stack.run(AssignProductInstanceDocument, {
      input: { productInstanceId: (await plan()).instance.instanceId, siteId: site },
    });
    expectTopLevel(result, 'UPSTREAM_UNAVAILABLE');
    expect((await stack.sandbox.calls('assignProductInstance')).map((c) => c.outcome)).toEqual(['fault-5xx']);
  });

  it('reassign moves a plan to another site and reports where it was', async () => {
    const { instance } = await plan();
    const from = instance.siteId as string;
    const to = (await w.freeSites(main()))[0] as string;
    const { reassignProductInstance } = await stack.data(ReassignProductInstanceDocument, {
      input: { productInstanceId: instance.instanceId, siteId: to },
    });
    expect(reassignProductInstance).toMatchObject({
      previousSiteWixId: from,
      productInstance: { siteWixId: to },
      userErrors: [],
    });
    expect((await w.world()).sites.get(to)?.premium).toBe(true);
    expect((await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['queryPackages', 'assignProductInstance']);
    // Already there: read, nothing written.
    await stack.sandbox.clearCalls();
    const again = await stack.data(ReassignProductInstanceDocument, {
      input: { productInstanceId: instance.instanceId, siteId: to },
    });
    expect(again.reassignProductInstance).toMatchObject({
      previousSiteWixId: to,
      productInstance: { siteWixId: to },
      userErrors: [],
    });
    expect((await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['queryPackages']);
  });

  it('a refused move returns the user error and the instance re-read where it ended up', async () => {
    const [first, second] = await w.assignedLive(main(), 'premium-plan');
    const { reassignProductInstance } = await stack.data(ReassignProductInstanceDocument, {
      input: { productInstanceId: first!.instance.instanceId, siteId: second!.instance.siteId as string },
    });
    expect(reassignProductInstance.userErrors).toEqual([
      { code: 'PRODUCT_TYPE_ALREADY_ASSIGNED', field: 'input.siteId', message: expect.any(String) },
    ]);
    expect(reassignProductInstance.productInstance).toMatchObject({
      wixId: first!.instance.instanceId,
      siteWixId: first!.instance.siteId,
    });
    expect((await stack.sandbox.calls()).map((c) => c.operation)).toEqual([
      'queryPackages',
      'assignProductInstance',
      'queryPackages',
    ]);
  });

  it('adjust switches the plan with its key; a change of product type is INCOMPATIBLE_PRODUCT on input.catalogProductId', async () => {
    const { instance } = await plan();
    const idempotencyKey = key();
    const target =
      instance.catalogProductId === PRODUCT.premiumBusinessElite
        ? PRODUCT.premiumBusiness
        : PRODUCT.premiumBusinessElite;
    const input = { idempotencyKey, productInstanceId: instance.instanceId, catalogProductId: target };
    const { adjustProductInstance } = await stack.data(AdjustProductInstanceDocument, { input });
    expect(adjustProductInstance).toMatchObject({ productInstance: { catalogProductId: target }, userErrors: [] });
    const replay = await stack.data(AdjustProductInstanceDocument, { input });
    expect(replay.adjustProductInstance).toEqual(adjustProductInstance);
    const calls = await stack.sandbox.calls('adjustProductInstance');
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['PATCH', `${INSTANCES}/${instance.instanceId}`, { idempotencyKey, catalogProductId: target }],
    ]);
    const wrongType = await stack.data(AdjustProductInstanceDocument, {
      input: {
        idempotencyKey: key(),
        productInstanceId: instance.instanceId,
        catalogProductId: PRODUCT.googleWorkspace,
      },
    });
    expect(wrongType.adjustProductInstance.userErrors).toEqual([
      { code: 'INCOMPATIBLE_PRODUCT', field: 'input.catalogProductId', message: expect.any(String) },
    ]);
  });

  it('adjust needs a product or a billing cycle (BAD_USER_INPUT, no upstream call)', async () => {
    const result = await stack.run(AdjustProductInstanceDocument, {
      input: { idempotencyKey: key(), productInstanceId: (await plan()).instance.instanceId },
    });
    expectTopLevel(result, 'BAD_USER_INPUT', ['input.catalogProductId']);
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('cancelProductInstance cancels one instance with its key, once per key', async () => {
    const { instance } = await plan();
    const input = { idempotencyKey: key(), productInstanceId: instance.instanceId };
    const { cancelProductInstance } = await stack.data(CancelProductInstanceDocument, { input });
    expect(cancelProductInstance).toMatchObject({
      productInstance: { wixId: instance.instanceId, status: 'CANCELED' },
      userErrors: [],
    });
    await stack.data(CancelProductInstanceDocument, { input });
    const calls = await stack.sandbox.calls('cancelProductInstance');
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['DELETE', `${INSTANCES}/${instance.instanceId}`, { idempotencyKey: input.idempotencyKey }],
    ]);
  });
});
