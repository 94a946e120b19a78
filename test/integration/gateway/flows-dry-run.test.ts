import { describe, expect, it } from 'vitest';
import { PRODUCT, type CallRecord } from '@wix-account-graph/sandbox';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  FlowConnectDomainDocument,
  FlowPurchaseDomainDocument,
  FlowReassignPaidServiceDocument,
  FlowSetUpCustomerSiteDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { FLOW_STACK, REGISTRANT } from './flow-fixtures.js';
import { key, worldOf } from './write-fixtures.js';

/** The only POSTs that read: Query Sites and Query Packages. */
const QUERIES = new Set(['querySites', 'queryPackages']);

/**
 * `dryRun: true` on every flow: the plan of every step, from reads only — every upstream call a GET or a Query —
 * and no operation stored. The inputs make every step of each flow apply (nothing is in place yet).
 */
describe('flows: a dry run of every flow writes nothing', () => {
  const stack = useStack(FLOW_STACK);
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;

  /** Asserts the sandbox saw reads only (and some), and that the gateway stored no operation. */
  async function expectReadsOnly(): Promise<CallRecord[]> {
    const calls = await stack.sandbox.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method !== 'GET' && !(c.method === 'POST' && QUERIES.has(c.operation)))).toEqual([]);
    expect(await stack.gateway.operations.store.listUnfinished(10)).toEqual([]);
    return calls;
  }
  const plans = (plan: { steps: Array<{ name: string; plan: string; paid: boolean }> } | null | undefined) =>
    plan?.steps.map((s) => [s.name, s.plan, s.paid]);

  it('setUpCustomerSite', async () => {
    const input = {
      idempotencyKey: key(),
      dryRun: true,
      siteId: (await w.freeSites(main()))[0] as string,
      targetAccountId: stack.sandbox.seed.subAccountIds[0] as string,
      products: [{ catalogProductId: PRODUCT.premiumCore, countryCode: 'US' }],
    };
    const { setUpCustomerSite } = await stack.data(FlowSetUpCustomerSiteDocument, { input });
    expect(setUpCustomerSite.operation).toBeNull();
    expect(plans(setUpCustomerSite.plan)).toEqual([
      ['transferSite', 'WOULD_ACT', false],
      ['createPackage', 'WOULD_ACT', true],
      ['waitForInstances', 'WOULD_ACT', false],
    ]);
    await expectReadsOnly();
  });

  it('reassignPaidService', async () => {
    const [live] = await w.assignedLive(main(), 'premium-plan');
    const input = {
      idempotencyKey: key(),
      dryRun: true,
      productInstanceId: toGlobalId('ProductInstance', live!.instance.instanceId),
      targetSiteId: (await w.freeSites(main()))[0] as string,
      unassignFirst: true,
    };
    const { reassignPaidService } = await stack.data(FlowReassignPaidServiceDocument, { input });
    expect(reassignPaidService.operation).toBeNull();
    expect(reassignPaidService.plan?.wouldCallPaidEndpoint).toBe(false);
    expect(plans(reassignPaidService.plan)).toEqual([
      ['unassignFromSite', 'WOULD_ACT', false],
      ['assignToSite', 'WOULD_ACT', false],
    ]);
    await expectReadsOnly();
  });

  it('purchaseDomain', async () => {
    const input = {
      idempotencyKey: key(),
      dryRun: true,
      siteId: (await w.freeSites(main()))[0] as string,
      domain: 'dry-run-bakery.com',
      contacts: { registrant: REGISTRANT },
    };
    const { purchaseDomain } = await stack.data(FlowPurchaseDomainDocument, { input });
    expect(purchaseDomain.operation).toBeNull();
    expect(plans(purchaseDomain.plan)).toEqual([
      ['findSite', 'IN_PLACE', false],
      ['premiumPlan', 'WOULD_ACT', true],
      ['domainProduct', 'WOULD_ACT', true],
      ['waitForInstances', 'WOULD_ACT', false],
      ['registerDomain', 'WOULD_ACT', true],
      ['waitForActive', 'WOULD_ACT', false],
    ]);
    await expectReadsOnly();
  });

  it('connectDomain (NAMESERVERS, with a plan and zone records)', async () => {
    const domain = 'dry-run-nameservers.de';
    const input = {
      idempotencyKey: key(),
      dryRun: true,
      siteId: (await w.freeSites(main()))[0] as string,
      domain,
      method: 'NAMESERVERS' as const,
      premiumPlan: { catalogProductId: PRODUCT.premiumBusiness, countryCode: 'DE' },
      dnsRecords: [{ type: 'A' as const, hostName: domain, values: ['203.0.113.10'] }],
    };
    const { connectDomain } = await stack.data(FlowConnectDomainDocument, { input });
    expect(connectDomain.operation).toBeNull();
    expect(plans(connectDomain.plan)).toEqual([
      ['findSite', 'IN_PLACE', false],
      ['premiumPlan', 'WOULD_ACT', true],
      ['waitForPlan', 'WOULD_ACT', false],
      ['createConnectedDomain', 'WOULD_ACT', false],
      ['readSetupInfo', 'WOULD_ACT', false],
      ['updateDnsZone', 'WOULD_ACT', false],
      ['waitForPropagation', 'WOULD_ACT', false],
    ]);
    await expectReadsOnly();
  });
});
