import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';
import { code, expectError, foreign, freeName, instance, mainSites, registration } from './domain-fixtures.js';

const ZONES = '/domains/v1/dns-zones';
const VERIFY = 'google-site-verification=epsWybsHVqJqkw0dD2xrIaSO_jYJAmczAU7IqLWToVM';
const MX = { values: ['10 aspmx.l.google.com'], ttl: 3600, hostName: 'mysite.com', type: 'MX' };
const UNKNOWN_GUID = '00000000-0000-4000-8000-000000000000';

type Rec = { type: string; hostName: string; ttl: number; values: string[] };

describe('sandbox: Domain DNS zones (CONTRACT §8)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => {
    await sb.reset();
    const res = await sb.call('POST', '/domains/v1/connected-domains', {
      body: { connectedDomain: { domain: 'mysite.com', connectionType: 'NAMESERVERS' } },
      siteId: mainSites(sb)[0],
    });
    expect(res.status).toBe(200);
  });

  const zone = async (domain = 'mysite.com') =>
    (await sb.call('GET', `${ZONES}/${domain}`)).body.dnsZone as {
      records: Rec[];
      dnssecEnabled: boolean;
      dnssecInfo?: unknown;
    };
  const patch = (body: unknown, domain = 'mysite.com', options: Record<string, unknown> = {}) =>
    sb.call('PATCH', `${ZONES}/${domain}`, { body, ...options });
  const find = (records: Rec[], type: string, hostName = 'mysite.com') =>
    records.find((r) => r.type === type && r.hostName === hostName);

  it('TV11: gets the Wix zone of a NAMESERVERS domain (NS, SOA, A, www CNAME)', async () => {
    const res = await sb.call('GET', `${ZONES}/mysite.com`);
    expect(res.status).toBe(200);
    expect(res.body.dnsZone).toMatchObject({ id: 'mysite.com', domainName: 'mysite.com', dnssecEnabled: false });
    const records = res.body.dnsZone.records as Rec[];
    expect(find(records, 'NS')?.values).toEqual(['ns12.wixdns.net', 'ns13.wixdns.net']);
    expect(find(records, 'SOA')).toBeDefined();
    expect(find(records, 'A')?.values).toEqual(['185.230.63.107']);
    expect(find(records, 'CNAME', 'www.mysite.com')).toBeDefined();
  });

  it('TV11: updates with top-level deletions and additions (doc example)', async () => {
    expect(
      (await patch({ additions: [{ values: [VERIFY], type: 'TXT', hostName: 'mysite.com', ttl: 3600 }] })).status,
    ).toBe(200);
    const res = await patch({
      deletions: [{ values: [VERIFY], type: 'TXT', hostName: 'mysite.com', ttl: 3600 }],
      additions: [MX],
    });
    expect(res.status).toBe(200);
    expect(res.body.dnsZone.domainName).toBe('mysite.com');
    expect(res.body.dnsZone.records).toContainEqual(MX);
    expect(find(res.body.dnsZone.records, 'TXT')).toBeUndefined();
    expect(await zone()).toEqual(res.body.dnsZone);
  });

  it('TV11: replaces the apex A record and the www CNAME in one call (runbook example)', async () => {
    const res = await patch({
      deletions: [
        { type: 'A', hostName: 'mysite.com', values: ['185.230.63.107'] },
        { type: 'CNAME', hostName: 'www.mysite.com', values: ['cdn1.wixdns.net'] },
      ],
      additions: [
        {
          type: 'A',
          hostName: 'mysite.com',
          ttl: 3600,
          values: ['185.199.108.153', '185.199.109.153', '185.199.110.153', '185.199.111.153'],
        },
        { type: 'CNAME', hostName: 'www.mysite.com', ttl: 3600, values: ['samuraibuddha.github.io'] },
      ],
    });
    expect(res.status).toBe(200);
    expect(find(res.body.dnsZone.records, 'A')?.values).toHaveLength(4);
    expect(find(res.body.dnsZone.records, 'CNAME', 'www.mysite.com')?.values).toEqual(['samuraibuddha.github.io']);
  });

  it('answers the record rules with the documented 428 codes and leaves the zone unchanged', async () => {
    const before = await zone();
    const cases: Array<[unknown, number, string]> = [
      [{ additions: [{ ...MX, values: [] }] }, 428, 'DOMAIN_DNS_EMPTY_RECORD_VALUE'],
      [{ additions: [{ type: 'TXT', hostName: 'mysite.com', values: ['  '] }] }, 428, 'DOMAIN_DNS_EMPTY_RECORD_VALUE'],
      [{ additions: [{ ...MX, values: ['aspmx.l.google.com'] }] }, 428, 'DOMAIN_MX_RECORD_VALUE_INVALID'],
      [
        { additions: [{ type: 'A', hostName: 'mysite.com', values: ['1.2.3.4'] }] },
        428,
        'DOMAIN_MX_RECORD_VALUE_INVALID',
      ],
      [
        {
          additions: [
            { type: 'TXT', hostName: 'mysite.com', values: ['a'] },
            { type: 'TXT', hostName: 'mysite.com', values: ['b'] },
          ],
        },
        428,
        'DOMAIN_MX_RECORD_VALUE_INVALID',
      ],
      [
        { additions: [{ type: 'CNAME', hostName: 'mysite.com', values: ['x.example.net'] }] },
        428,
        'DOMAIN_CNAME_RECORD_HOSTNAME_INVALID',
      ],
      [
        { additions: [{ type: 'CNAME', hostName: 'www.othersite.com', values: ['x.example.net'] }] },
        428,
        'DOMAIN_CNAME_RECORD_HOSTNAME_INVALID',
      ],
      [{ additions: [{ type: 'UNKNOWN', hostName: 'mysite.com', values: ['x'] }] }, 400, 'VALIDATION'],
      [{ additions: [{ hostName: 'mysite.com', values: ['x'] }] }, 400, 'VALIDATION'],
      [
        { additions: [{ type: 'TXT', hostName: 'mysite.com', values: Array.from({ length: 51 }, (_, i) => `v${i}`) }] },
        400,
        'VALIDATION',
      ],
      [
        {
          additions: Array.from({ length: 11 }, (_, i) => ({
            type: 'TXT',
            hostName: `t${i}.mysite.com`,
            values: ['x'],
          })),
        },
        400,
        'VALIDATION',
      ],
      [{ deletions: [{ type: 'A', hostName: 'mysite.com', values: ['9.9.9.9'] }] }, 400, 'VALIDATION'],
      [{ deletions: [find(before.records, 'NS')] }, 400, 'VALIDATION'],
      [{ additions: [{ type: 'TXT', hostName: 'elsewhere.net', values: ['x'] }] }, 400, 'VALIDATION'],
      [{ dnssecEnabled: 'yes' }, 400, 'VALIDATION'],
    ];
    for (const [body, status, expected] of cases) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(code(res), JSON.stringify(body).slice(0, 80)).toBe(expected);
    }
    expect(await zone()).toEqual(before);
    // Ten values of one type/host go into one record; ten additions per call are fine.
    const ten = Array.from({ length: 10 }, (_, i) => ({
      type: 'TXT',
      hostName: `t${i}.mysite.com`,
      values: ['x', 'y'],
    }));
    expect((await patch({ additions: ten })).status).toBe(200);
  });

  it('caps a zone at 5000 records (Wix adds its NS and SOA to a created zone)', async () => {
    const txt = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'TXT', hostName: `r${i}.mysite.com`, values: ['v'] }));
    const full = await sb.call('POST', ZONES, { body: { dnsZone: { domainName: 'mysite.com', records: txt(4998) } } });
    expect(full.status).toBe(200);
    expect(full.body.dnsZone.records).toHaveLength(5000);
    const over = await patch({ additions: [{ type: 'TXT', hostName: 'one-more.mysite.com', values: ['v'] }] });
    expect(over.status).toBe(400);
    expect(over.body.details.validationError.fieldViolations[0].field).toBe('additions');
    const swap = await patch({
      deletions: [{ type: 'TXT', hostName: 'r0.mysite.com', values: ['v'] }],
      additions: [{ type: 'TXT', hostName: 'one-more.mysite.com', values: ['v'] }],
    });
    expect(swap.status).toBe(200);
    const tooBig = await sb.call('POST', ZONES, {
      body: { dnsZone: { domainName: 'mysite.com', records: txt(4999) } },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details.validationError.fieldViolations[0].field).toBe('dnsZone.records');
  });

  it('toggles DNSSEC with deterministic key data', async () => {
    const on = await patch({ dnssecEnabled: true });
    expect(on.status).toBe(200);
    expect(on.body.dnsZone.dnssecEnabled).toBe(true);
    expect(on.body.dnsZone.dnssecInfo.keyTag).toBeGreaterThan(0);
    expect(on.body.dnsZone.dnssecInfo.digest).toMatch(/^[0-9A-F]{64}$/);
    expect((await patch({ dnssecEnabled: null })).body.dnsZone.dnssecInfo).toEqual(on.body.dnsZone.dnssecInfo);
    const off = await patch({ dnssecEnabled: false });
    expect(off.body.dnsZone.dnssecEnabled).toBe(false);
    expect(off.body.dnsZone).not.toHaveProperty('dnssecInfo');
    expect((await patch({ dnssecEnabled: true })).body.dnsZone.dnssecInfo).toEqual(on.body.dnsZone.dnssecInfo);
  });

  it('TV11: creates (replacing) and deletes zones; DNS_ZONE_NOT_FOUND and DOMAIN_ALREADY_EXISTS for subdomain zones', async () => {
    const tv = { dnsZone: { records: [MX], domainName: 'mysite.com' } };
    const created = await sb.call('POST', ZONES, { body: tv });
    expect(created.status).toBe(200);
    expect(created.body.dnsZone).toMatchObject({ id: 'mysite.com', domainName: 'mysite.com', dnssecEnabled: false });
    const records = created.body.dnsZone.records as Rec[];
    expect(records).toContainEqual(MX);
    expect(records.map((r) => r.type).sort()).toEqual(['MX', 'NS', 'SOA']);
    expect(await zone()).toEqual(created.body.dnsZone);
    expectError(
      await sb.call('POST', ZONES, { body: { dnsZone: { domainName: 'shop.mysite.com', records: [] } } }),
      428,
      'DOMAIN_ALREADY_EXISTS',
    );
    const del = await sb.call('DELETE', `${ZONES}/mysite.com`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expectError(await sb.call('GET', `${ZONES}/mysite.com`), 404, 'DNS_ZONE_NOT_FOUND', 'get');
    expectError(await patch({ additions: [MX] }), 404, 'DNS_ZONE_NOT_FOUND', 'update');
    expectError(await sb.call('DELETE', `${ZONES}/mysite.com`), 404, 'DNS_ZONE_NOT_FOUND', 'delete');
    expectError(
      await sb.call('POST', ZONES, { body: { dnsZone: { domainName: 'shop.mysite.com', records: [] } } }),
      404,
      'DNS_ZONE_NOT_FOUND',
      'create for a subdomain',
    );
    expect((await sb.call('POST', ZONES, { body: tv })).status).toBe(200);
    expect(code(await sb.call('POST', ZONES, { body: { dnsZone: { records: [] } } }))).toBe('VALIDATION');
    expectError(
      await sb.call('POST', ZONES, { body: { dnsZone: { domainName: 'mysite.com', records: [MX, MX] } } }),
      428,
      'DOMAIN_MX_RECORD_VALUE_INVALID',
    );
  });

  it('manages Wix-registered domains, and refuses POINTING, unknown and pending domains', async () => {
    expect(
      (
        await patch(
          { additions: [{ type: 'TXT', hostName: 'pixelco-agency.com', values: ['hello'] }] },
          'pixelco-agency.com',
        )
      ).status,
    ).toBe(200);
    expectError(await patch({ additions: [MX] }, 'urbanstudio.io'), 428, 'DOMAIN_NOT_PERMITTED', 'POINTING');
    expectError(await sb.call('GET', `${ZONES}/shop.quietbistro.net`), 428, 'DOMAIN_NOT_PERMITTED', 'subdomain');
    expectError(await sb.call('GET', `${ZONES}/never-connected.com`), 428, 'DOMAIN_NOT_PERMITTED', 'unknown');
    const pending = freeName(sb);
    expect(
      (await sb.call('POST', '/domains/v1/registered-domains', { body: registration(pending, instance(sb)) })).status,
    ).toBe(200);
    expectError(await sb.call('GET', `${ZONES}/${pending}`), 404, 'DNS_ZONE_NOT_FOUND', 'pending registration');
  });

  it('answers this API’s auth codes: USER_ID_NOT_FOUND, TARGET_ACCOUNT_NOT_FOUND, DOMAINS_PERMISSION_DENIED', async () => {
    const expectCode = async (res: { status: number; body: unknown }, status: number, expected: string) => {
      expect(res.status, expected).toBe(status);
      expect(code(res as { body: any }), expected).toBe(expected);
    };
    await expectCode(
      await patch({ additions: [MX] }, 'mysite.com', { apiKey: 'IST.not-a-key' }),
      404,
      'USER_ID_NOT_FOUND',
    );
    await expectCode(
      await sb.call('GET', `${ZONES}/mysite.com`, { apiKey: 'IST.not-a-key' }),
      404,
      'USER_ID_NOT_FOUND',
    );
    await expectCode(await sb.call('GET', `${ZONES}/mysite.com`, { apiKey: null }), 401, 'UNAUTHENTICATED');
    await expectCode(
      await patch({ additions: [MX] }, 'mysite.com', { accountId: null }),
      404,
      'TARGET_ACCOUNT_NOT_FOUND',
    );
    await expectCode(
      await patch({ additions: [MX] }, 'mysite.com', { accountId: UNKNOWN_GUID }),
      404,
      'TARGET_ACCOUNT_NOT_FOUND',
    );
    await expectCode(
      await patch({ additions: [MX] }, 'mysite.com', { accountId: foreign(sb).accountId }),
      403,
      'DOMAINS_PERMISSION_DENIED',
    );
    await expectCode(
      await sb.call('GET', `${ZONES}/mysite.com`, { accountId: sb.seed.subAccountIds[0] }),
      403,
      'DOMAINS_PERMISSION_DENIED',
    );
    await expectCode(await sb.call('GET', `${ZONES}/nordicyoga.net`), 403, 'DOMAINS_PERMISSION_DENIED');
    const other = foreign(sb);
    await expectCode(
      await sb.call('GET', `${ZONES}/mysite.com`, { apiKey: other.apiKey, accountId: other.accountId }),
      403,
      'DOMAINS_PERMISSION_DENIED',
    );
    expect((await sb.call('GET', `${ZONES}/nordicyoga.net`, { accountId: sb.seed.subAccountIds[1] })).status).toBe(200);
  });

  it('previews the zone Wix would create for an external domain', async () => {
    const res = await sb.call('GET', `${ZONES}/partner-owned.com/preview`);
    expect(res.status).toBe(200);
    expect(res.body.dnsZone.domainName).toBe('partner-owned.com');
    expect((res.body.dnsZone.records as Rec[]).map((r) => r.type).sort()).toEqual(['A', 'CNAME', 'NS', 'SOA']);
    expect(code(await sb.call('GET', `${ZONES}/no-dns-records.com/preview`))).toBe('INVALID_DOMAINS_PREVIEW_RECORDS');
    expect((await sb.call('GET', `${ZONES}/not_a_domain/preview`)).status).toBe(400);
  });
});
