import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';
import { code, expectError, foreign, freeName, mainSites, siteOf } from './domain-fixtures.js';

const BASE = '/domains/v1/connected-domains';
const SETUP = '/domains/v1/connected-domain-setup-info';
const UNKNOWN_GUID = '00000000-0000-4000-8000-000000000000';

describe('sandbox: Connected Domains + Setup Info (CONTRACT §7)', () => {
  let sb: TestSandbox;
  let m0: string;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => {
    await sb.reset();
    m0 = mainSites(sb)[0] as string;
  });

  type Options = {
    siteId?: string;
    accountId?: string | null;
    apiKey?: string | null;
    headers?: Record<string, string>;
  };
  const connect = (connectedDomain: Record<string, unknown>, options: Options = { siteId: m0 }) =>
    sb.call('POST', BASE, { body: { connectedDomain }, ...options });
  const get = (id: string, accountId?: string) => sb.call('GET', `${BASE}/${id}`, accountId ? { accountId } : {});
  const siteFlag = async (siteId: string) =>
    (await sb.call('POST', '/site-list/v2/sites/query', { body: { query: { filter: { id: siteId } } } })).body.sites[0]
      .domainConnected as boolean;

  it('TV10: connects by NAMESERVERS, lists it, creates its zone and gives the nameserver setup info', async () => {
    const res = await connect({
      domain: 'mysite.com',
      connectionType: 'NAMESERVERS',
      siteInfo: { assignmentType: 'PRIMARY' },
    });
    expect(res.status).toBe(200);
    const expected = {
      id: 'mysite.com',
      domain: 'mysite.com',
      connectionType: 'NAMESERVERS',
      siteInfo: { id: m0, assignmentType: 'PRIMARY' },
      suppressNotifications: false,
      dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
    };
    expect(res.body.connectedDomain).toMatchObject(expected);
    expect(typeof res.body.connectedDomain.createdDate).toBe('string');
    expect((await get('mysite.com')).body).toEqual(res.body);
    const list = await sb.call('GET', BASE);
    expect(list.body.connectedDomains[0]).toEqual(res.body.connectedDomain);
    expect(list.body.pagingMetadata).toEqual({
      count: list.body.connectedDomains.length,
      cursors: { next: null, prev: null },
      hasNext: false,
    });
    expect((await sb.call('GET', '/domains/v1/dns-zones/mysite.com')).status).toBe(200);
    const setup = await sb.call('GET', `${SETUP}/mysite.com`);
    expect(setup.body).toEqual({
      connectedDomainSetupInfo: {
        connectedDomainId: 'mysite.com',
        registrar: { name: 'GO_DADDY', nameServers: [] },
        nameserverRecord: {
          nsRecord: { hostName: 'mysite.com', ttl: 86400, values: ['ns13.wixdns.net', 'ns12.wixdns.net'] },
        },
      },
    });
  });

  it('propagates UNKNOWN → IN_PROGRESS → COMPLETED on the clock and marks the site connected', async () => {
    const m3 = mainSites(sb)[3] as string;
    await sb.call('DELETE', `${BASE}/goldengarden.info`);
    expect(await siteFlag(m3)).toBe(false);
    await sb.admin('POST', 'settings', { propagationStartMs: 500, propagationMs: 2000 });
    await connect({ domain: 'mysite.com', connectionType: 'POINTING' }, { siteId: m3 });
    await sb.advance(499);
    expect((await get('mysite.com')).body.connectedDomain.dnsPropagationStatus).toBe('UNKNOWN_DNS_PROPAGATION_STATUS');
    await sb.advance(1);
    expect((await get('mysite.com')).body.connectedDomain.dnsPropagationStatus).toBe('IN_PROGRESS');
    expect(await siteFlag(m3)).toBe(false);
    await sb.advance(2000);
    expect((await get('mysite.com')).body.connectedDomain.dnsPropagationStatus).toBe('COMPLETED');
    expect(await siteFlag(m3)).toBe(true);
  });

  it('TV10: POINTING setup info gives the A and www CNAME records and the registrar', async () => {
    const res = await connect({
      domain: 'c-suite.com.tr',
      connectionType: 'POINTING',
      siteInfo: { assignmentType: 'PRIMARY' },
    });
    expect(res.status).toBe(200);
    expect(res.body.connectedDomain.connectionType).toBe('POINTING');
    expect((await sb.call('GET', `${SETUP}/c-suite.com.tr`)).body).toEqual({
      connectedDomainSetupInfo: {
        connectedDomainId: 'c-suite.com.tr',
        registrar: { name: 'OTHER', nameServers: ['ns1.ihsdnsx28.com', 'ns2.ihsdnsx28.com'] },
        pointingRecords: {
          aRecord: { hostName: 'c-suite.com.tr', ttl: 3600, values: ['185.230.63.107'] },
          cnameRecord: { hostName: 'www.c-suite.com.tr', ttl: 3600, value: 'pointing.wixdns.net' },
        },
      },
    });
    expect(code(await sb.call('GET', '/domains/v1/dns-zones/c-suite.com.tr'))).toBe('DOMAIN_NOT_PERMITTED');
  });

  it('TV10: connects a subdomain without a connection type; setup info gives the root registrar and the CNAME', async () => {
    const res = await connect({ domain: 'shop.mybusiness.com', suppressNotifications: true });
    expect(res.status).toBe(200);
    expect(res.body.connectedDomain).toMatchObject({
      id: 'shop.mybusiness.com',
      domain: 'shop.mybusiness.com',
      connectionType: 'UNKNOWN_CONNECTION_TYPE',
      siteInfo: { id: m0, assignmentType: 'PRIMARY' },
      suppressNotifications: true,
      dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
    });
    expect((await sb.call('GET', `${SETUP}/shop.mybusiness.com`)).body).toEqual({
      connectedDomainSetupInfo: {
        connectedDomainId: 'shop.mybusiness.com',
        subdomainRecords: {
          cnameRecords: [{ hostName: 'shop.mybusiness.com', ttl: 3600, value: 'pointing.wixdns.net' }],
        },
        registrar: { name: 'GoDaddy', nameServers: ['ns01.domaincontrol.com', 'ns02.domaincontrol.com'] },
      },
    });
  });

  it('a new PRIMARY leaves the site’s previous primary unassigned (documented); REDIRECT points at the primary', async () => {
    const m1 = mainSites(sb)[1] as string;
    expect((await get('urbanstudio.io')).body.connectedDomain.siteInfo).toEqual({ id: m1, assignmentType: 'PRIMARY' });
    await connect({ domain: 'mysite.com', connectionType: 'NAMESERVERS' }, { siteId: m1 });
    expect((await get('urbanstudio.io')).body.connectedDomain.siteInfo).toEqual({
      assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE',
    });
    const redirect = await connect(
      { domain: 'mybusiness.com', connectionType: 'POINTING', siteInfo: { assignmentType: 'REDIRECT' } },
      { siteId: m1 },
    );
    expect(redirect.body.connectedDomain.siteInfo).toEqual({
      id: m1,
      assignmentType: 'REDIRECT',
      redirectInfo: { primaryDomain: 'mysite.com' },
    });
    expect((await get('mysite.com')).body.connectedDomain.siteInfo.assignmentType).toBe('PRIMARY');
    // Deleting the new primary leaves nothing redirecting to the old, unassigned one.
    expect((await sb.call('DELETE', '/domains/v1/connected-domains/mysite.com')).status).toBe(200);
    expect((await get('urbanstudio.io')).body.connectedDomain.siteInfo.assignmentType).toBe('UNKNOWN_ASSIGNMENT_TYPE');
  });

  it('answers the existing connection for the same settings and 409 for different ones', async () => {
    const body = { domain: 'mysite.com', connectionType: 'NAMESERVERS' };
    const first = await connect(body);
    await sb.advance(1000);
    const same = await connect(body);
    expect(same.status).toBe(200);
    expect(same.body).toEqual(first.body);
    expectError(
      await connect({ ...body, connectionType: 'POINTING' }),
      409,
      'DOMAINS_ALREADY_EXISTS',
      'other connection type',
    );
    expectError(
      await connect(body, { siteId: mainSites(sb)[1] as string }),
      409,
      'DOMAINS_ALREADY_EXISTS',
      'other site',
    );
  });

  it('refuses domains and connection types with the documented codes', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ domain: 'mysite.com' }, 400, 'Invalid connection type'],
      [{ domain: 'mysite.com', connectionType: 'HIDDEN' }, 400, 'Invalid connection type'],
      [{ domain: 'blog.mysite.com', connectionType: 'POINTING' }, 400, 'Invalid connection type'],
      [{ domain: freeName(sb), connectionType: 'POINTING' }, 400, 'Invalid domain'],
      [{ domain: `shop.${freeName(sb)}` }, 400, 'Invalid domain'],
      [{ domain: 'agency.gov', connectionType: 'POINTING' }, 400, 'Invalid domain'],
      [{ domain: 'not a domain', connectionType: 'POINTING' }, 400, 'Invalid domain'],
      [{ domain: 'pixelco-agency.com', connectionType: 'NAMESERVERS' }, 403, 'DOMAINS_DOMAIN_NOT_PERMITTED'],
      [{ domain: 'bluebakery.com', connectionType: 'POINTING' }, 403, 'DOMAINS_DOMAIN_NOT_PERMITTED'],
      [{ domain: 'shop.bluebakery.com' }, 403, 'DOMAINS_DOMAIN_NOT_PERMITTED'],
      [{ domain: 'nordicyoga.net', connectionType: 'NAMESERVERS' }, 403, 'DOMAINS_DOMAIN_NOT_PERMITTED'],
      [{ domain: 'no-dns-records.com', connectionType: 'POINTING' }, 403, 'INVALID_DOMAINS_PREVIEW_RECORDS'],
    ];
    for (const [body, status, expected] of cases) {
      const res = await connect(body);
      expect(res.status, String(body.domain)).toBe(status);
      expect(code(res), String(body.domain)).toBe(expected);
    }
    // A subdomain of the account's own Wix-registered domain may be connected.
    expect((await connect({ domain: 'shop.pixelco-agency.com' })).status).toBe(200);
    expect(
      code(await connect({ domain: 'x.com', connectionType: 'POINTING', siteInfo: { assignmentType: 'SIDEWAYS' } })),
    ).toBe('VALIDATION');
    expect(code(await sb.call('POST', BASE, { body: {}, siteId: m0 }))).toBe('VALIDATION');
  });

  it('checks the site and the account with the Domains codes', async () => {
    const body = { domain: 'mysite.com', connectionType: 'POINTING' };
    const expectCode = async (options: Options, status: number, expected: string) => {
      const res = await connect(body, options);
      expect(res.status, expected).toBe(status);
      expect(code(res)).toBe(expected);
      return res;
    };
    await expectCode({ siteId: mainSites(sb)[6] }, 403, 'NON_PREMIUM_SITE');
    await expectCode({ siteId: 'not-a-guid' }, 400, 'DOMAINS_GUID_NOT_VALID');
    await expectCode({ siteId: m0, accountId: 'not-a-guid' }, 400, 'DOMAINS_GUID_NOT_VALID');
    const noMessage = await expectCode({ siteId: m0, accountId: UNKNOWN_GUID }, 403, 'DOMAINS_GUID_NOT_FOUND');
    expect(noMessage.body.message).toBe('');
    await expectCode({ siteId: UNKNOWN_GUID }, 403, 'DOMAINS_GUID_NOT_FOUND');
    await expectCode({ siteId: siteOf(sb, sb.seed.subAccountIds[0] as string) }, 403, 'DOMAINS_PERMISSION_DENIED');
    const denied = await expectCode({ siteId: m0, accountId: foreign(sb).accountId }, 403, 'DOMAINS_PERMISSION_DENIED');
    expect(denied.body.message).toContain(foreign(sb).accountId);
    const floating = await connect(body, {});
    expect(floating.status).toBe(200);
    expect(floating.body.connectedDomain.siteInfo).toEqual({ assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' });
  });

  it('answers the errors of Get (§7.3) and Setup Info (§7.6) with the Domains codes', async () => {
    for (const api of [BASE, SETUP]) {
      const path = `${api}/urbanstudio.io`;
      expect((await sb.call('GET', path)).status, path).toBe(200);
      expectError(
        await sb.call('GET', path, { accountId: null }),
        400,
        'DOMAINS_GUID_NOT_VALID',
        `${path} without account`,
      );
      expectError(
        await sb.call('GET', path, { accountId: 'not-a-guid' }),
        400,
        'DOMAINS_GUID_NOT_VALID',
        `${path} malformed account`,
      );
      expectError(
        await sb.call('GET', path, { accountId: UNKNOWN_GUID }),
        403,
        'DOMAINS_GUID_NOT_FOUND',
        `${path} unknown account`,
      );
      expectError(
        await sb.call('GET', path, { accountId: foreign(sb).accountId }),
        403,
        'DOMAINS_PERMISSION_DENIED',
        `${path} foreign account`,
      );
      expectError(
        await sb.call('GET', `${api}/pixelco-agency.com`),
        403,
        'DOMAINS_DOMAIN_NOT_PERMITTED',
        `${api} Wix-registered`,
      );
      expectError(await sb.call('GET', `${api}/nothing-here.com`), 404, 'NOT_FOUND', `${api} unknown domain`);
    }
  });

  it('gets and lists only the account’s own domains, createdDate DESC with cursor paging', async () => {
    expectError(await get('nothing-here.com'), 404, 'NOT_FOUND');
    expectError(await get('nordicyoga.net'), 404, 'NOT_FOUND', 'another account’s domain');
    expect((await get('nordicyoga.net', sb.seed.subAccountIds[1])).status).toBe(200);
    expectError(await get('pixelco-agency.com'), 403, 'DOMAINS_DOMAIN_NOT_PERMITTED');
    expectError(
      await sb.call('GET', `${SETUP}/nordicyoga.net`),
      404,
      'NOT_FOUND',
      'setup info of another account’s domain',
    );
    await connect({ domain: 'mysite.com', connectionType: 'POINTING' });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: any } = await sb.call(
        'GET',
        `${BASE}?paging.limit=2${cursor ? `&paging.cursor=${cursor}` : ''}`,
      );
      all.push(...res.body.connectedDomains.map((d: { id: string }) => d.id));
      cursor = res.body.pagingMetadata.cursors.next;
      expect(res.body.pagingMetadata.hasNext).toBe(cursor !== null);
    } while (cursor);
    expect(all).toEqual(['mysite.com', 'shop.quietbistro.net', 'goldengarden.info', 'urbanstudio.io']);
    expect((await sb.call('GET', `${BASE}?paging.limit=101`)).status).toBe(400);
  });

  it('deletes a connection with its zone and clears the site flag', async () => {
    const nordic = sb.seed.subAccountIds[1] as string;
    const site = (await get('nordicyoga.net', nordic)).body.connectedDomain.siteInfo.id;
    const del = await sb.call('DELETE', `${BASE}/nordicyoga.net`, { accountId: nordic });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect((await get('nordicyoga.net', nordic)).status).toBe(404);
    expect(code(await sb.call('GET', '/domains/v1/dns-zones/nordicyoga.net', { accountId: nordic }))).toBe(
      'DOMAIN_NOT_PERMITTED',
    );
    const sites = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { id: site } } },
      accountId: nordic,
    });
    expect(sites.body.sites[0].domainConnected).toBe(false);
    expect((await sb.call('DELETE', `${BASE}/nordicyoga.net`, { accountId: nordic })).status).toBe(404);
  });
});
