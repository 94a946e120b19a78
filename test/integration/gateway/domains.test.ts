import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AccountDomainsDocument,
  ConnectedDomainByNameDocument,
  DnsZoneByNameDocument,
  DomainNodeDocument,
  RegisteredDomainByNameDocument,
  SiteDomainListsOnlyDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { byOperation, domainIds, expectedConnected, expectedRegistered, expectedZone } from './domain-expectations.js';

/**
 * Registered domains, connected domains and DNS zones over the sandbox: values as Wix answers them, null for Wix's
 * "not found" answers, the account-wide list loaders, node(id), and tenancy. Call counts of the dashboard shape,
 * the shared cache and faults are in domains-calls.test.ts.
 */
describe('gateway: domains over the sandbox', () => {
  // A gateway per test: setup info and zones (nulls included) are cached across requests, and several tests count
  // the calls that fetch them.
  const stack = useStack({ per: 'test' });

  const main = () => stack.sandbox.seed.mainAccountId;
  const sub = (i: number) => stack.sandbox.seed.subAccountIds[i] as string;

  it('registeredDomain(domain) answers what Get Registered Domain answers, with its site and DNS zone', async () => {
    const raw = (await stack.sandbox.call('GET', '/domains/v1/registered-domains/pixelco-agency.com')).body
      .registeredDomain;
    const rawZone = (await stack.sandbox.call('GET', '/domains/v1/dns-zones/pixelco-agency.com')).body.dnsZone;
    await stack.sandbox.clearCalls();
    const data = await stack.data(RegisteredDomainByNameDocument, { domain: 'PixelCo-Agency.com' });
    const { site, dnsZone, ...rd } = data.registeredDomain!;
    expect(rd).toEqual(expectedRegistered(raw, main()));
    expect(rd).toMatchObject({
      status: 'ACTIVE',
      icannConfirmationStatus: 'CONFIRMED_BY_ALL',
      dnsPropagationStatus: 'COMPLETED',
      assignmentType: 'PRIMARY',
    });
    expect(site?.wixId).toBe(raw.siteInfo.id);
    expect(dnsZone).toEqual(expectedZone(rawZone, main()));
    expect(byOperation(await stack.sandbox.calls())).toEqual({ getRegisteredDomain: 1, querySites: 1, getDnsZone: 1 });
  });

  it('shows a failed registration of a sub-account (accountId argument): failure info, no zone, registrant name and email only', async () => {
    const raw = (await stack.sandbox.call('GET', '/domains/v1/registered-domains/casaverde.co', { accountId: sub(2) }))
      .body.registeredDomain;
    const data = await stack.data(RegisteredDomainByNameDocument, { domain: 'casaverde.co', accountId: sub(2) });
    const { site, dnsZone, ...rd } = data.registeredDomain!;
    expect(rd).toEqual(expectedRegistered(raw, sub(2)));
    expect(rd.failure).toEqual({ code: 'OTHER', message: raw.failedRegistrationInfo.message });
    expect(rd.registrant).toEqual({ firstName: 'Alex', lastName: 'Morgan', email: 'owner@casaverde.co' });
    expect(JSON.stringify(data)).not.toContain(raw.contacts.registrant.phone);
    expect(site?.wixId).toBe(raw.siteInfo.id);
    expect(dnsZone).toBeNull();
  });

  it('answers null, not an error, for domains Wix does not know for the account', async () => {
    const result = await stack.run(
      parse(`{
      r: registeredDomain(domain: "nobody-has-this.com") { domain }
      c: connectedDomain(domain: "nobody-has-this.com") { domain }
      wixRegistered: connectedDomain(domain: "pixelco-agency.com") { domain }
      z: dnsZone(domain: "nobody-has-this.com") { domainName }
      pointing: dnsZone(domain: "urbanstudio.io") { domainName }
      otherAccounts: registeredDomain(domain: "bluebakery.com") { domain }
    }`),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      r: null,
      c: null,
      wixRegistered: null,
      z: null,
      pointing: null,
      otherAccounts: null,
    });
    const codes = (await stack.sandbox.calls()).map((c) => `${c.operation}:${c.status}:${c.errorCode}`).sort();
    expect(codes).toEqual([
      'getConnectedDomain:403:DOMAINS_DOMAIN_NOT_PERMITTED',
      'getConnectedDomain:404:NOT_FOUND',
      'getDnsZone:428:DOMAIN_NOT_PERMITTED',
      'getDnsZone:428:DOMAIN_NOT_PERMITTED',
      'getRegisteredDomain:400:REGISTERED_DOMAIN_NOT_FOUND',
      'getRegisteredDomain:400:REGISTERED_DOMAIN_NOT_FOUND',
    ]);
  });

  it('connectedDomain(domain) maps every connection type and its setup info', async () => {
    const cases = [
      { domain: 'urbanstudio.io', type: 'POINTING', records: ['A', 'CNAME'] },
      { domain: 'goldengarden.info', type: 'NAMESERVERS', records: ['NS'] },
      { domain: 'shop.quietbistro.net', type: 'SUBDOMAIN', records: ['CNAME'] },
    ];
    for (const c of cases) {
      const raw = (await stack.sandbox.call('GET', `/domains/v1/connected-domains/${c.domain}`)).body.connectedDomain;
      const rawSetup = (await stack.sandbox.call('GET', `/domains/v1/connected-domain-setup-info/${c.domain}`)).body
        .connectedDomainSetupInfo;
      const data = await stack.data(ConnectedDomainByNameDocument, { domain: c.domain });
      const { site, setupInfo, ...cd } = data.connectedDomain!;
      expect(cd).toEqual(expectedConnected(raw, main()));
      expect(cd.connectionType).toBe(c.type);
      expect(site?.wixId).toBe(raw.siteInfo.id);
      expect(setupInfo?.domain).toBe(c.domain);
      expect(setupInfo?.registrar).toEqual({
        name: rawSetup.registrar.name,
        nameServers: rawSetup.registrar.nameServers,
      });
      expect(setupInfo?.records.map((r) => r.type)).toEqual(c.records);
    }
  });

  it("setup info: the typed one-of groups and the flat list carry Wix's values", async () => {
    const pointing = (await stack.data(ConnectedDomainByNameDocument, { domain: 'urbanstudio.io' })).connectedDomain!
      .setupInfo!;
    expect(pointing.pointingRecords).toEqual({
      aRecord: { type: 'A', hostName: 'urbanstudio.io', ttl: 3600, values: ['185.230.63.107'] },
      cnameRecord: { type: 'CNAME', hostName: 'www.urbanstudio.io', ttl: 3600, values: ['pointing.wixdns.net'] },
    });
    expect(pointing.records).toEqual([pointing.pointingRecords!.aRecord, pointing.pointingRecords!.cnameRecord]);
    expect(pointing.nameserverRecord).toBeNull();
    expect(pointing.subdomainRecords).toBeNull();
    const ns = (await stack.data(ConnectedDomainByNameDocument, { domain: 'goldengarden.info' })).connectedDomain!
      .setupInfo!;
    expect(ns.nameserverRecord).toEqual({
      type: 'NS',
      hostName: 'goldengarden.info',
      ttl: 86400,
      values: ['ns13.wixdns.net', 'ns12.wixdns.net'],
    });
    expect(ns.pointingRecords).toBeNull();
    const subdomain = (await stack.data(ConnectedDomainByNameDocument, { domain: 'shop.quietbistro.net' }))
      .connectedDomain!.setupInfo!;
    expect(subdomain.subdomainRecords).toEqual([
      { type: 'CNAME', hostName: 'shop.quietbistro.net', ttl: 3600, values: ['pointing.wixdns.net'] },
    ]);
    expect(subdomain.records).toEqual(subdomain.subdomainRecords);
  });

  it('dnsZone(domain) answers a NAMESERVERS zone of a sub-account through the accountId argument', async () => {
    const raw = (await stack.sandbox.call('GET', '/domains/v1/dns-zones/nordicyoga.net', { accountId: sub(1) })).body
      .dnsZone;
    const data = await stack.data(DnsZoneByNameDocument, { domain: 'nordicyoga.net', accountId: sub(1) });
    expect(data.dnsZone).toEqual(expectedZone(raw, sub(1)));
    expect(data.dnsZone?.records.map((r) => r.type)).toEqual(['NS', 'SOA', 'A', 'CNAME']);
  });

  it('Site.connectedDomains / registeredDomains come from one List call per account, however many sites ask', async () => {
    const data = await stack.data(SiteDomainListsOnlyDocument, { first: 100 });
    const bySite = Object.fromEntries(
      data.viewer.sites!.nodes.map((s) => [
        s.wixId,
        [...(s.connectedDomains ?? []), ...(s.registeredDomains ?? [])].map((d) => d.domain),
      ]),
    );
    const ids = domainIds(stack.sandbox);
    expect(bySite[ids.m0]).toEqual(['pixelco-agency.com']);
    expect(bySite[ids.m1]).toEqual(['urbanstudio.io']);
    expect(bySite[ids.m3]).toEqual(['goldengarden.info']);
    expect(bySite[ids.m5]).toEqual(['shop.quietbistro.net']);
    expect(Object.values(bySite).flat()).toHaveLength(4);
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toEqual({ querySites: 1, listConnectedDomains: 1, listRegisteredDomains: 1 });
    expect(
      calls
        .filter((c) => c.operation.startsWith('list'))
        .every((c) => c.accountId === main() && c.query.includes('paging.limit=100')),
    ).toBe(true);
  });

  it('asks each account of the tree for its own list once (main account and a sub-account in one request)', async () => {
    const doc = parse(`{
      viewer { sites(first: 100) { nodes { connectedDomains { domain } } } }
      account(id: "${sub(1)}") { sites(first: 100) { nodes { wixId connectedDomains { domain setupInfo { records { type } } } } } }
    }`);
    const data = await stack.data<any, never>(doc);
    const subDomains = data.account.sites.nodes.flatMap((s: any) => s.connectedDomains.map((d: any) => d.domain));
    expect(subDomains).toEqual(['nordicyoga.net']);
    const lists = (await stack.sandbox.calls('listConnectedDomains')).map((c) => c.accountId).sort();
    expect(lists).toEqual([main(), sub(1)].sort());
    expect((await stack.sandbox.calls('getConnectedDomainSetupInfo')).map((c) => c.accountId)).toEqual([sub(1)]);
  });

  it("Account.registeredDomains / connectedDomains page over Wix's cursor", async () => {
    const first = await stack.data(AccountDomainsDocument, { id: main(), first: 2 });
    expect(first.account!.connectedDomains!.nodes.map((d) => d.domain)).toEqual([
      'shop.quietbistro.net',
      'goldengarden.info',
    ]);
    expect(first.account!.connectedDomains!.pageInfo.hasNextPage).toBe(true);
    expect(first.account!.registeredDomains!.nodes.map((d) => d.domain)).toEqual(['pixelco-agency.com']);
    expect(first.account!.registeredDomains!.pageInfo.hasNextPage).toBe(false);
    expect(first.account!.connectedDomains!.totalCount).toBeNull();
    const next = await stack.data(AccountDomainsDocument, {
      id: main(),
      first: 2,
      connectedAfter: first.account!.connectedDomains!.pageInfo.endCursor,
    });
    expect(next.account!.connectedDomains!.nodes.map((d) => d.domain)).toEqual(['urbanstudio.io']);
    expect(next.account!.connectedDomains!.pageInfo.hasNextPage).toBe(false);
    const lists = await stack.sandbox.calls('listConnectedDomains');
    // The second request asks for the registered domains' first page again, and the connected domains' next page.
    expect(lists.map((c) => new URLSearchParams(c.query).get('paging.limit'))).toEqual(['2', '2']);
    expect(new URLSearchParams(lists[1]!.query).get('paging.cursor')).toBeTruthy();
  });

  it('node(id) refetches registered domains, connected domains and zones, also of sub-accounts', async () => {
    const rd = await stack.data(RegisteredDomainByNameDocument, { domain: 'nordicyoga-shop.net', accountId: sub(1) });
    const cd = await stack.data(ConnectedDomainByNameDocument, { domain: 'goldengarden.info' });
    const zone = await stack.data(DnsZoneByNameDocument, { domain: 'nordicyoga.net', accountId: sub(1) });
    const nodes = await Promise.all(
      [rd.registeredDomain!.id, cd.connectedDomain!.id, zone.dnsZone!.id].map((id) =>
        stack.data(DomainNodeDocument, { id }),
      ),
    );
    expect(nodes.map((n) => n.node)).toMatchObject([
      { __typename: 'RegisteredDomain', domain: 'nordicyoga-shop.net', status: 'ACTIVE' },
      { __typename: 'ConnectedDomain', domain: 'goldengarden.info', connectionType: 'NAMESERVERS' },
      { __typename: 'DnsZone', domainName: 'nordicyoga.net' },
    ]);
    // A sub-account cannot refetch the main account's domain: the ID names the owner, and tenancy refuses it.
    const refused = await stack.run(DomainNodeDocument, { id: cd.connectedDomain!.id }, { 'wix-account-id': sub(0) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses malformed domain arguments with BAD_USER_INPUT before any upstream call', async () => {
    for (const domain of ['no-tld', 'bad domain.com', '-dash.com', 'a..b.com', `${'x'.repeat(250)}.com`]) {
      for (const field of ['registeredDomain', 'connectedDomain', 'dnsZone']) {
        const result = await stack.run(parse(`query($d: String!) { ${field}(domain: $d) { __typename } }`), {
          d: domain,
        });
        expect(result.errors?.[0]?.extensions?.code, `${field}(${domain})`).toBe('BAD_USER_INPUT');
        const fields = result.errors?.[0]?.extensions?.fields as Array<{ field: string }>;
        expect(fields.length).toBeGreaterThan(0);
        expect(fields.every((f) => f.field === 'domain')).toBe(true);
      }
    }
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it("refuses an accountId outside the main account's tree, and a sub-account reaching its sibling", async () => {
    const outside = await stack.run(RegisteredDomainByNameDocument, {
      domain: 'bluebakery.com',
      accountId: '00000000-0000-4000-8000-000000000000',
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sibling = await stack.run(
      RegisteredDomainByNameDocument,
      { domain: 'bluebakery.com', accountId: sub(0) },
      { 'wix-account-id': sub(1) },
    );
    expect(sibling.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await stack.data(
      RegisteredDomainByNameDocument,
      { domain: 'bluebakery.com' },
      { 'wix-account-id': sub(0) },
    );
    expect(own.registeredDomain?.ownerAccountId).toBe(sub(0));
    const domainCalls = (await stack.sandbox.calls()).filter((c) => /Domain|DnsZone/.test(c.operation));
    expect(domainCalls.map((c) => c.operation).sort()).toEqual(['getDnsZone', 'getRegisteredDomain']);
    expect(domainCalls.every((c) => c.accountId === sub(0))).toBe(true);
  });
});
