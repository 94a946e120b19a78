import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SiteDomainsDocument } from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { byOperation, domainIds } from './domain-expectations.js';

/**
 * Upstream call counts of the domain side of the dashboard query, the short cross-request cache of setup info and
 * DNS zones, and faults. Every test gets its own gateway, so the shared cache starts cold.
 */
describe('gateway: domain calls, cache and faults', () => {
  const stack = useStack({ per: 'test' });

  /** Connects two more domains to sites and one floating (no site): Create Connected Domain over HTTP. */
  async function connectMore(): Promise<void> {
    const ids = domainIds(stack.sandbox);
    const connect = async (domain: string, connectionType: string, siteId?: string) => {
      const res = await stack.sandbox.call('POST', '/domains/v1/connected-domains', {
        siteId,
        body: { connectedDomain: { domain, connectionType, siteInfo: { assignmentType: 'REDIRECT' } } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await connect('partner-owned.com', 'POINTING', ids.m0);
    await connect('c-suite.com.tr', 'NAMESERVERS', ids.m1);
    await connect('mydomain.com', 'POINTING');
  }

  it('dashboard shape: 1 Query Sites + 1 List per domain API + one setup-info / zone call per domain asked for', async () => {
    const data = await stack.data(SiteDomainsDocument, { first: 100 });
    const connected = data.viewer.sites!.nodes.flatMap((s) => s.connectedDomains ?? []);
    const registered = data.viewer.sites!.nodes.flatMap((s) => s.registeredDomains ?? []);
    expect(connected.map((d) => d.domain).sort()).toEqual([
      'goldengarden.info',
      'shop.quietbistro.net',
      'urbanstudio.io',
    ]);
    expect(connected.every((d) => d.setupInfo && d.setupInfo.records.length > 0)).toBe(true);
    expect(registered.map((d) => [d.domain, d.dnsZone?.domainName])).toEqual([
      ['pixelco-agency.com', 'pixelco-agency.com'],
    ]);
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toEqual({
      querySites: 1,
      listConnectedDomains: 1,
      listRegisteredDomains: 1,
      getConnectedDomainSetupInfo: 3,
      getDnsZone: 1,
    });
    expect(
      calls
        .filter((c) => c.operation === 'getConnectedDomainSetupInfo')
        .map((c) => c.path.split('/').pop())
        .sort(),
    ).toEqual(['goldengarden.info', 'shop.quietbistro.net', 'urbanstudio.io']);
  });

  it('the detail calls grow with the domains asked for, not with the sites; floating domains cost nothing', async () => {
    await connectMore();
    await stack.sandbox.clearCalls();
    const data = await stack.data(SiteDomainsDocument, { first: 100 });
    const connected = data.viewer.sites!.nodes.flatMap((s) => s.connectedDomains ?? []).map((d) => d.domain);
    expect(connected).toHaveLength(5);
    expect(connected).not.toContain('mydomain.com');
    expect(byOperation(await stack.sandbox.calls())).toEqual({
      querySites: 1,
      listConnectedDomains: 1,
      listRegisteredDomains: 1,
      getConnectedDomainSetupInfo: 5,
      getDnsZone: 1,
    });
  });

  it('a second identical request inside the cache TTL makes no setup-info or zone call', async () => {
    const first = await stack.data(SiteDomainsDocument, { first: 100 });
    await stack.sandbox.clearCalls();
    const second = await stack.data(SiteDomainsDocument, { first: 100 });
    expect(second).toEqual(first);
    expect(byOperation(await stack.sandbox.calls())).toEqual({
      querySites: 1,
      listConnectedDomains: 1,
      listRegisteredDomains: 1,
    });
  });

  it('the cache is per account: a sub-account reading its own domains makes its own calls', async () => {
    await stack.data(SiteDomainsDocument, { first: 100 });
    await stack.sandbox.clearCalls();
    const sub = stack.sandbox.seed.subAccountIds[1] as string;
    await stack.data(SiteDomainsDocument, { first: 100 }, { 'wix-account-id': sub });
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toMatchObject({ getConnectedDomainSetupInfo: 1, getDnsZone: 1 });
    expect(calls.filter((c) => c.operation.startsWith('get')).every((c) => c.accountId === sub)).toBe(true);
  });

  it('with setup-info GETs failing, setupInfo is null with errors and the rest is intact; failures are not cached', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'getConnectedDomainSetupInfo', errorShare: 1 });
    const result = await stack.run(SiteDomainsDocument, { first: 100 });
    const sites = result.data?.viewer.sites!.nodes ?? [];
    const connected = sites.flatMap((s) => s.connectedDomains ?? []);
    expect(connected).toHaveLength(3);
    expect(connected.every((d) => d.setupInfo === null && d.connectionType !== undefined)).toBe(true);
    expect(sites.flatMap((s) => s.registeredDomains ?? []).map((d) => d.dnsZone?.domainName)).toEqual([
      'pixelco-agency.com',
    ]);
    expect(result.errors).toHaveLength(3);
    for (const error of result.errors ?? []) {
      expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.path?.slice(-1)).toEqual(['setupInfo']);
    }
    expect(JSON.stringify(result)).not.toContain(stack.sandbox.seed.apiKey);
    await stack.sandbox.admin('DELETE', 'faults');
    await stack.sandbox.clearCalls();
    const healed = await stack.data(SiteDomainsDocument, { first: 100 });
    expect(healed.viewer.sites!.nodes.flatMap((s) => s.connectedDomains ?? []).every((d) => d.setupInfo !== null)).toBe(
      true,
    );
    expect(byOperation(await stack.sandbox.calls()).getConnectedDomainSetupInfo).toBe(3);
  });

  it('with Get Connected Domain failing, connectedDomain(domain) is null with an error and sibling fields answer', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'getConnectedDomain', errorShare: 1, errorStatus: 500 });
    const result = await stack.run(
      parse(`{
      connectedDomain(domain: "urbanstudio.io") { domain }
      registeredDomain(domain: "pixelco-agency.com") { domain }
      viewer { sites(first: 100) { nodes { connectedDomains { domain } } } }
    }`),
    );
    const data = result.data as any;
    expect(data.connectedDomain).toBeNull();
    expect(data.registeredDomain).toEqual({ domain: 'pixelco-agency.com' });
    expect(data.viewer.sites.nodes.flatMap((s: any) => s.connectedDomains.map((d: any) => d.domain))).toHaveLength(3);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['connectedDomain'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 500 }),
      }),
    ]);
  });

  it('with List Connected Domains failing, Site.connectedDomains is null with errors and registered domains answer', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'listConnectedDomains', errorShare: 1 });
    const result = await stack.run(SiteDomainsDocument, { first: 100 });
    const sites = result.data?.viewer.sites!.nodes ?? [];
    expect(sites).toHaveLength(16);
    expect(sites.every((s) => s.connectedDomains === null)).toBe(true);
    expect(sites.flatMap((s) => s.registeredDomains ?? []).map((d) => d.domain)).toEqual(['pixelco-agency.com']);
    expect(new Set(result.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
    // One List call chain for the whole request (tried once, retried twice), not one per site.
    expect(byOperation(await stack.sandbox.calls()).listConnectedDomains).toBe(3);
  });
});
