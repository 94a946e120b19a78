import { describe, expect, it } from 'vitest';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  FlowOperationDocument,
  FlowOperationNodeDocument,
  FlowReassignPaidServiceDocument,
  FlowSetUpCustomerSiteDocument,
  type SetUpCustomerSiteInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectSucceeded, finished, stepStatuses, writeCalls, FLOW_STACK } from './flow-fixtures.js';
import { expectTopLevel, key, worldOf } from './write-fixtures.js';

describe('flows: setUpCustomerSite and reassignPaidService', () => {
  const stack = useStack(FLOW_STACK);
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const sub = (i: number) => stack.sandbox.seed.subAccountIds[i] as string;
  const setUp = (input: SetUpCustomerSiteInput) => stack.data(FlowSetUpCustomerSiteDocument, { input });
  const plan = (site: string, idempotencyKey: string): SetUpCustomerSiteInput => ({
    idempotencyKey,
    siteId: toGlobalId('Site', site),
    targetAccountId: sub(0),
    products: [{ catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR', count: 1 } }],
  });

  it('setUpCustomerSite: dry run writes nothing; the run transfers the site, buys its plan once, and the graph shows it', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const idempotencyKey = key();
    const dry = (await setUp({ ...plan(site, idempotencyKey), dryRun: true })).setUpCustomerSite;
    expect(dry.operation).toBeNull();
    expect(dry.plan).toEqual({
      kind: 'SET_UP_CUSTOMER_SITE',
      wouldCallPaidEndpoint: true,
      steps: [
        { name: 'transferSite', paid: false, plan: 'WOULD_ACT', detail: null },
        { name: 'createPackage', paid: true, plan: 'WOULD_ACT', detail: null },
        { name: 'waitForInstances', paid: false, plan: 'WOULD_ACT', detail: null },
      ],
    });
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);
    expect(await stack.gateway.operations.store.listUnfinished(10)).toEqual([]);

    const started = (await setUp(plan(site, idempotencyKey))).setUpCustomerSite;
    expect(started.userErrors).toEqual([]);
    const id = started.operation?.id as string;
    const op = expectSucceeded(await finished(stack, id));
    expect(stepStatuses(op)).toEqual({ transferSite: 'DONE', createPackage: 'DONE', waitForInstances: 'DONE' });
    expect(op.steps.every((s) => s.startedAt && s.finishedAt)).toBe(true);
    const result = op.result?.__typename === 'SetUpCustomerSiteResult' ? op.result : undefined;
    const externalId = externalIdFor(main(), idempotencyKey);
    expect(result?.site).toMatchObject({
      wixId: site,
      ownerAccountId: sub(0),
      premium: true,
      premiumPlan: { status: 'ENABLED' },
    });
    expect(result?.package).toMatchObject({ accountId: sub(0), externalId });
    expect(result?.site?.productInstances!.map((i) => i.package!.externalId)).toEqual([externalId]);

    const writes = writeCalls(await stack.sandbox.calls());
    expect(writes.map((c) => [c.operation, c.accountId])).toEqual([
      ['transferSite', sub(0)],
      ['createPackage', sub(0)],
    ]);
    expect(writes[1]?.body).toEqual({
      idempotencyKey,
      externalId,
      products: [
        {
          catalogProductId: PRODUCT.premiumCore,
          countryCode: 'US',
          siteId: site,
          billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
        },
      ],
    });
    // Once done, a dry run with the same input — even with a new key — finds everything in place: nothing to buy.
    const again = (await setUp({ ...plan(site, key()), dryRun: true })).setUpCustomerSite.plan;
    expect(again?.steps.map((s) => s.plan)).toEqual(['IN_PLACE', 'IN_PLACE', 'IN_PLACE']);
    expect(again?.wouldCallPaidEndpoint).toBe(false);
  });

  it('ten concurrent identical requests make one operation and one purchase; another input with the key is a conflict', async () => {
    const site = (await w.freeSites(main()))[1] as string;
    const idempotencyKey = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => setUp(plan(site, idempotencyKey))));
    const ids = new Set(answers.map((a) => a.setUpCustomerSite.operation?.id));
    expect(ids.size).toBe(1);
    const id = [...ids][0] as string;
    expectSucceeded(await finished(stack, id));
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
    expect(await stack.sandbox.calls('transferSite')).toHaveLength(1);
    expect(await w.packagesWithExternalId(externalIdFor(main(), idempotencyKey))).toHaveLength(1);
    // A client retry after the end returns the same operation.
    expect((await setUp(plan(site, idempotencyKey))).setUpCustomerSite.operation).toMatchObject({
      id,
      status: 'SUCCEEDED',
    });
    const conflict = (await setUp({ ...plan(site, idempotencyKey), targetAccountId: sub(1) })).setUpCustomerSite;
    expect(conflict.operation).toBeNull();
    expect(conflict.userErrors).toEqual([
      {
        code: 'IDEMPOTENCY_CONFLICT',
        field: 'input.idempotencyKey',
        message: expect.stringContaining('SET_UP_CUSTOMER_SITE'),
      },
    ]);
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
  });

  it("a site with paid services fails the operation with Wix's SITE_TRANSFER_NOT_SUPPORTED and buys nothing", async () => {
    const paid = (await w.assignedLive(main()))[0]!;
    const site = paid.instance.siteId as string;
    const { operation } = (await setUp(plan(site, key()))).setUpCustomerSite;
    const op = await finished(stack, operation?.id as string);
    expect(op.status).toBe('FAILED');
    expect(op.userErrors).toEqual([
      { code: 'SITE_TRANSFER_NOT_SUPPORTED', field: 'input.siteId', message: expect.stringContaining('paid') },
    ]);
    expect(stepStatuses(op)).toEqual({ transferSite: 'FAILED', createPackage: 'PENDING', waitForInstances: 'PENDING' });
    expect(await stack.sandbox.calls('createPackage')).toEqual([]);
    expect((await w.world()).sites.get(site)?.ownerAccountId).toBe(main());
  });

  it('operations are tenant-scoped: node(id) works for the owner, another tenant sees null', async () => {
    const site = (await w.freeSites(main()))[2] as string;
    const { operation } = (await setUp(plan(site, key()))).setUpCustomerSite;
    const id = operation?.id as string;
    expect((await stack.data(FlowOperationNodeDocument, { id })).node).toMatchObject({
      id,
      kind: 'SET_UP_CUSTOMER_SITE',
    });
    expect((await stack.data(FlowOperationDocument, { id }, { 'wix-account-id': sub(0) })).operation).toBeNull();
    expect((await stack.data(FlowOperationNodeDocument, { id }, { 'wix-account-id': sub(0) })).node).toBeNull();
    await finished(stack, id);
    // A sub-account may not move sites into another sub-account: FORBIDDEN before any write, nothing stored.
    await stack.sandbox.clearCalls();
    const refused = await stack.run(
      FlowSetUpCustomerSiteDocument,
      { input: { ...plan(site, key()), targetAccountId: sub(1) } },
      { 'wix-account-id': sub(0) },
    );
    expectTopLevel(refused, 'FORBIDDEN');
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);
  });

  it('reassignPaidService: unassign then assign, or assign directly; a repeat finds the instance in place', async () => {
    const [first, second] = await w.assignedLive(main(), 'premium-plan');
    const [targetA, targetB] = await w.freeSites(main());
    const run = async (instance: string, target: string, unassignFirst: boolean) => {
      await stack.sandbox.clearCalls();
      const { reassignPaidService } = await stack.data(FlowReassignPaidServiceDocument, {
        input: {
          idempotencyKey: key(),
          productInstanceId: toGlobalId('ProductInstance', instance),
          targetSiteId: target,
          unassignFirst,
        },
      });
      return expectSucceeded(await finished(stack, reassignPaidService.operation?.id as string));
    };
    const viaUnassign = await run(first!.instance.instanceId, targetA!, true);
    expect(stepStatuses(viaUnassign)).toEqual({ unassignFromSite: 'DONE', assignToSite: 'DONE' });
    expect(writeCalls(await stack.sandbox.calls()).map((c) => c.operation)).toEqual([
      'unassignProductInstance',
      'assignProductInstance',
    ]);
    const result = viaUnassign.result?.__typename === 'ReassignPaidServiceResult' ? viaUnassign.result : undefined;
    expect(result?.productInstance).toMatchObject({ wixId: first!.instance.instanceId, siteWixId: targetA });
    expect(result?.site?.productInstances!.map((i) => i.wixId)).toEqual([first!.instance.instanceId]);

    const direct = await run(second!.instance.instanceId, targetB!, false);
    expect(stepStatuses(direct)).toEqual({ unassignFromSite: 'SKIPPED', assignToSite: 'DONE' });
    expect(writeCalls(await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['assignProductInstance']);

    const repeat = await run(second!.instance.instanceId, targetB!, true);
    expect(stepStatuses(repeat)).toEqual({ unassignFromSite: 'SKIPPED', assignToSite: 'SKIPPED' });
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);
  });
});
