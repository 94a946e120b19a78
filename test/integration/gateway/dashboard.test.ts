import { afterEach, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';

/**
 * The dashboard query's upstream cost must not grow with the number of sites: a small constant plus one call per
 * setup info and per DNS zone asked for (Wix has no batch form for those two). See README "Upstream calls".
 */
describe('gateway: the dashboard query', () => {
  let stack: TestStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  /** Counts of each upstream operation in the call log. */
  async function tally(s: TestStack): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const call of await s.sandbox.calls()) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
    return counts;
  }

  async function dashboardFor(siteCount: number) {
    // A fresh gateway each time: its short caches (child accounts, setup info, zones) start empty.
    stack = await TestStack.start();
    const sub = stack.sandbox.seed.subAccountIds[1] as string; // seeded: 8 sites, Premium plans, 1 connected + 1 registered domain
    const seeded = (await stack.sandbox.call('POST', '/site-list/v2/sites/query', { accountId: sub, body: {} })).body
      .sites.length as number;
    await stack.sandbox.admin('POST', 'sites', { accountId: sub, count: siteCount - seeded });
    await stack.sandbox.clearCalls();
    const data = await stack.data(DashboardDocument, { first: 100 }, { 'wix-account-id': sub });
    return { data, counts: await tally(stack), sub };
  }

  for (const siteCount of [10, 100]) {
    it(`makes 1 + 1 + 1 + 1 + 1 + 1 calls plus one per setup info and DNS zone, for ${siteCount} sites`, async () => {
      const { data, counts, sub } = await dashboardFor(siteCount);
      const sites = data.viewer.sites!.edges.map((e) => e.node);
      expect(sites).toHaveLength(siteCount);
      expect(data.viewer.wixId).toBe(sub);
      const connected = sites.flatMap((s) => s.connectedDomains ?? []);
      const registered = sites.flatMap((s) => s.registeredDomains ?? []);
      expect(connected.length).toBeGreaterThan(0);
      expect(registered.length).toBeGreaterThan(0);
      expect(sites.some((s) => (s.productInstances ?? []).length > 0 && s.premiumPlan)).toBe(true);
      for (const c of connected) expect(c.setupInfo?.records.length).toBeGreaterThan(0);
      for (const r of registered) expect(r.dnsZone?.records.length).toBeGreaterThan(0);
      expect(counts).toEqual({
        listChildAccounts: 1, // tenancy check of the sub-account header (cached 30 s)
        getAccount: 1, // viewer.name
        querySites: 1, // up to 100 sites in one page
        queryPackages: 1, // productInstances + package + premiumPlan of every site
        listConnectedDomains: 1, // connectedDomains of every site
        listRegisteredDomains: 1, // registeredDomains of every site
        getConnectedDomainSetupInfo: connected.length,
        getDnsZone: registered.length,
      });
    });
  }

  it('answers the same request again from the short caches without the per-domain calls', async () => {
    const { sub } = await dashboardFor(10);
    const s = stack as TestStack;
    await s.sandbox.clearCalls();
    await s.data(DashboardDocument, { first: 100 }, { 'wix-account-id': sub });
    const counts = await tally(s);
    expect(counts.getConnectedDomainSetupInfo).toBeUndefined();
    expect(counts.getDnsZone).toBeUndefined();
    expect(counts.listChildAccounts).toBeUndefined();
    expect(counts.querySites).toBe(1);
  });

  it('nulls only the failing branch when connected-domain setup-info GETs fail', async () => {
    stack = await TestStack.start();
    const sub = stack.sandbox.seed.subAccountIds[1] as string;
    await stack.sandbox.admin('POST', 'faults', { target: 'getConnectedDomainSetupInfo', errorShare: 1 });
    const result = await stack.run(DashboardDocument, { first: 100 }, { 'wix-account-id': sub });
    const sites = result.data?.viewer.sites!.edges.map((e) => e.node) ?? [];
    expect(sites).toHaveLength(8);
    const connected = sites.flatMap((s) => s.connectedDomains ?? []);
    expect(connected.length).toBeGreaterThan(0);
    for (const c of connected) expect(c.setupInfo).toBeNull();
    expect(sites.flatMap((s) => s.registeredDomains ?? []).every((r) => r.dnsZone !== null)).toBe(true);
    expect(result.errors?.length).toBe(connected.length);
    for (const e of result.errors ?? []) {
      expect(e.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(e.path).toContain('setupInfo');
    }
  });
});
