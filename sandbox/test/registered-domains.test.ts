import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT } from '../src/catalog.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import {
  SHERLOCK,
  code,
  expectError,
  foreign,
  freeName,
  instance,
  mainSites,
  planInstance,
  registration,
  settings,
  siteOf,
} from './domain-fixtures.js';

const BASE = '/domains/v1/registered-domains';

describe('sandbox: Registered Domains (CONTRACT §6)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  const create = (
    body: unknown,
    options: { siteId?: string; accountId?: string | null; apiKey?: string | null } = {},
  ) => sb.call('POST', BASE, { body, ...options });
  const get = (id: string, accountId?: string) => sb.call('GET', `${BASE}/${id}`, accountId ? { accountId } : {});

  it('TV9: creates PENDING_REGISTRATION, then ACTIVE on a Premium site, then DNS COMPLETED', async () => {
    const domain = freeName(sb);
    const instanceId = instance(sb, { tld: 'com' });
    const [m0] = mainSites(sb) as [string];
    const res = await create(registration(domain, instanceId), { siteId: m0 });
    expect(res.status).toBe(200);
    const rd = res.body.registeredDomain;
    expect(rd).toMatchObject({
      id: domain,
      domain,
      productInstanceId: instanceId,
      revision: '1',
      contacts: { registrant: SHERLOCK },
      status: 'PENDING_REGISTRATION',
      pendingRegistrationInfo: { latestAttempt: { number: 1, timestamp: rd.createdDate } },
      icannConfirmationStatus: 'PENDING',
      icannConfirmationStatusInfo: { pending: { notConfirmedBy: [SHERLOCK.email] } },
      dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
    });
    expect(rd.siteInfo).toBeUndefined();
    expect((await get(domain)).body).toEqual(res.body);

    const { registrationMs, propagationMs } = await settings(sb);
    await sb.advance(registrationMs - 1);
    expect((await get(domain)).body.registeredDomain.status).toBe('PENDING_REGISTRATION');
    await sb.advance(1);
    const active = (await get(domain)).body.registeredDomain;
    expect(active).toMatchObject({
      status: 'ACTIVE',
      revision: '2',
      icannConfirmationStatus: 'CONFIRMED_BY_ALL',
      icannConfirmationStatusInfo: null,
      dnsPropagationStatus: 'IN_PROGRESS',
      siteInfo: { id: m0, assignmentType: 'PRIMARY' },
    });
    const expected = new Date(active.updatedDate);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(active.expirationDate).toBe(expected.toISOString());
    // The site's previous primary (seeded pixelco-agency.com) is left unassigned (documented).
    expect((await get('pixelco-agency.com')).body.registeredDomain.siteInfo).toEqual({
      assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE',
    });
    const zone = await sb.call('GET', `/domains/v1/dns-zones/${domain}`);
    expect(zone.status).toBe(200);
    expect(zone.body.dnsZone.records.map((r: { type: string }) => r.type)).toEqual(
      expect.arrayContaining(['NS', 'SOA', 'A', 'CNAME']),
    );
    await sb.advance(propagationMs);
    expect((await get(domain)).body.registeredDomain).toMatchObject({
      dnsPropagationStatus: 'COMPLETED',
      revision: '3',
    });
  });

  it('takes the registration length from the instance cycle and follows the settings delays', async () => {
    await sb.admin('POST', 'settings', { registrationMs: 1000 });
    const net = freeName(sb, 'net');
    const org = freeName(sb, 'org');
    expect((await create(registration(net, instance(sb, { tld: 'net' })))).status).toBe(200);
    expect((await create(registration(org, instance(sb, { tld: 'org' })))).status).toBe(200);
    await sb.advance(1000);
    for (const [domain, years] of [
      [net, 2],
      [org, 3],
    ] as const) {
      const rd = (await get(domain)).body.registeredDomain;
      expect(rd.status).toBe('ACTIVE');
      expect(rd.siteInfo).toBeUndefined();
      expect(new Date(rd.expirationDate).getUTCFullYear() - new Date(rd.createdDate).getUTCFullYear()).toBe(years);
    }
  });

  it('ends in FAILED_REGISTRATION when the registrar rejects the contacts, and a retry replaces it', async () => {
    const domain = freeName(sb);
    const instanceId = instance(sb, { tld: 'com' });
    expect(
      (await create(registration(domain, instanceId, { ...SHERLOCK, email: 'sherlock@example.invalid' }))).status,
    ).toBe(200);
    await sb.advance((await settings(sb)).registrationMs);
    const failed = (await get(domain)).body.registeredDomain;
    expect(failed.status).toBe('FAILED_REGISTRATION');
    expect(failed.failedRegistrationInfo).toMatchObject({ code: 'OTHER' });
    expect(failed.failedRegistrationInfo.message).toContain('example.invalid');
    expect(failed.pendingRegistrationInfo).toBeUndefined();
    const retry = await create(registration(domain, instanceId));
    expect(retry.status).toBe(200);
    expect(retry.body.registeredDomain).toMatchObject({
      status: 'PENDING_REGISTRATION',
      pendingRegistrationInfo: { latestAttempt: { number: 2 } },
    });
    await sb.advance((await settings(sb)).registrationMs);
    expect((await get(domain)).body.registeredDomain.status).toBe('ACTIVE');
    // A phone that passes the formal check but is not E.164 also fails at the registrar.
    const other = freeName(sb, 'net');
    await create(registration(other, instance(sb, { tld: 'net' }), { ...SHERLOCK, phone: '020-7224-3688' }));
    await sb.advance((await settings(sb)).registrationMs);
    expect((await get(other)).body.registeredDomain.status).toBe('FAILED_REGISTRATION');
  });

  it('lets a sub-account retry its seeded FAILED_REGISTRATION domain', async () => {
    const sub3 = sb.seed.subAccountIds[2] as string;
    const seeded = (await get('casaverde.co', sub3)).body.registeredDomain;
    expect(seeded.status).toBe('FAILED_REGISTRATION');
    const res = await create(registration('casaverde.co', seeded.productInstanceId), { accountId: sub3 });
    expect(res.status).toBe(200);
    expect(res.body.registeredDomain.status).toBe('PENDING_REGISTRATION');
  });

  it('validates the body and the contacts (§6.1)', async () => {
    const empty = await create({});
    expect(empty.status).toBe(400);
    expect(empty.body.details.validationError.fieldViolations[0].field).toBe('registeredDomain');
    const partial = await create(
      registration(freeName(sb), instance(sb), { firstName: 'S', email: 'a@b@c', countryCode: 'US' }),
    );
    expect(partial.status).toBe(400);
    const fields = partial.body.details.validationError.fieldViolations.map((v: { field: string }) =>
      v.field.replace('registeredDomain.contacts.registrant.', ''),
    );
    expect(fields).toEqual(
      expect.arrayContaining(['lastName', 'address', 'city', 'phone', 'firstName', 'email', 'subdivisionCode']),
    );
    const admin = await create({
      registeredDomain: {
        domain: freeName(sb),
        productInstanceId: instance(sb),
        contacts: { registrant: SHERLOCK, admin: { firstName: 'Mycroft' } },
      },
    });
    expect(admin.status).toBe(400);
    expect(admin.body.details.validationError.fieldViolations[0].field).toMatch(/^registeredDomain\.contacts\.admin\./);
    const withSubdivision = await create(
      registration(freeName(sb), instance(sb), { ...SHERLOCK, countryCode: 'US', subdivisionCode: 'US-NY' }),
    );
    expect(withSubdivision.status).toBe(200);
  });

  it('answers every domain-name code', async () => {
    const id = instance(sb);
    const cases: Array<[string, number, string]> = [
      ['bad_name!.com', 400, 'INVALID_DOMAIN'],
      ['nodot', 400, 'INVALID_DOMAIN'],
      [`${'a'.repeat(64)}.com`, 400, 'DOMAIN_TOO_LONG'],
      ['ab.com', 400, 'DOMAIN_TOO_SHORT'],
      ['shop.somewhere-new.com', 400, 'SUBDOMAIN_NOT_SUPPORTED'],
      ['somewhere-new.ws', 400, 'TLD_NOT_SUPPORTED'],
      [freeName(sb, 'net'), 400, 'INVALID_TLD'],
      ['mydomain.com', 400, 'DOMAIN_ALREADY_TAKEN'],
      ['bluebakery.com', 400, 'DOMAIN_ALREADY_TAKEN'],
      ['pixelco-agency.com', 400, 'REGISTERED_DOMAIN_ALREADY_EXISTS'],
    ];
    for (const [domain, status, expected] of cases)
      expectError(await create(registration(domain, id)), status, expected, domain);
    expect((await sb.call('GET', BASE)).body.registeredDomains).toHaveLength(1);
  });

  it('answers every product-instance code', async () => {
    const domain = freeName(sb);
    const sub1 = sb.seed.subAccountIds[0] as string;
    const cases: Array<[string, string, number, string]> = [
      ['00000000-0000-4000-8000-000000000000', domain, 400, 'PRODUCT_INSTANCE_NOT_FOUND'],
      [instance(sb, { accountId: sub1, used: true }), domain, 400, 'PRODUCT_INSTANCE_NOT_FOUND'],
      [planInstance(sb), domain, 400, 'INVALID_PRODUCT_INSTANCE'],
      [instance(sb, { used: true }), domain, 400, 'INVALID_PRODUCT_INSTANCE'],
      [instance(sb, { status: 'PENDING' }), domain, 400, 'PRODUCT_INSTANCE_NOT_ACTIVE'],
      [instance(sb, { productId: PRODUCT.domainCom5y }), domain, 400, 'INVALID_BILLING_CYCLE'],
      [instance(sb, { productId: PRODUCT.domainXyzLegacy }), 'somewhere-new.xyz', 400, 'SKU_NOT_FOUND'],
    ];
    for (const [instanceId, name, status, expected] of cases)
      expectError(await create(registration(name, instanceId)), status, expected);
    await sb.admin('POST', 'settings', { productActivationGraceMs: 10 * 365 * 86_400_000 });
    expectError(await create(registration(domain, instance(sb))), 400, 'AWAITING_PRODUCT_ACTIVATION');
  });

  it('checks the account and the target site', async () => {
    const body = registration(freeName(sb), instance(sb));
    const other = foreign(sb);
    expectError(await create(body, { accountId: other.accountId }), 403, 'PERMISSION_DENIED');
    expectError(
      await create(body, { accountId: '00000000-0000-4000-8000-000000000000' }),
      403,
      'PERMISSION_DENIED',
      'unknown account',
    );
    expect(code(await create(body, { accountId: null }))).toBe('VALIDATION');
    expect((await create(body, { apiKey: null })).status).toBe(401);
    const subSite = siteOf(sb, sb.seed.subAccountIds[0] as string);
    expectError(await create(body, { siteId: subSite }), 403, 'PERMISSION_DENIED', 'another account’s site');
    expectError(await create(body, { siteId: mainSites(sb)[6] }), 400, 'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE');
  });

  it('a product instance entitles one registration', async () => {
    const id = instance(sb);
    expect((await create(registration(freeName(sb, 'com', 'first'), id))).status).toBe(200);
    expectError(await create(registration(freeName(sb, 'com', 'second'), id)), 400, 'INVALID_PRODUCT_INSTANCE');
  });

  it('gets and lists only the header account’s domains, createdDate DESC, with cursor paging', async () => {
    const unknown = await get('never-registered.com');
    expect(unknown.status).toBe(400);
    expect(code(unknown)).toBe('REGISTERED_DOMAIN_NOT_FOUND');
    expect(code(await get('bluebakery.com'))).toBe('REGISTERED_DOMAIN_NOT_FOUND');
    expect((await get('bluebakery.com', sb.seed.subAccountIds[0])).status).toBe(200);

    const one = await sb.call('GET', BASE);
    expect(one.body).toEqual({
      pagingMetadata: { count: 1, cursors: { next: null, prev: null }, hasNext: false },
      registeredDomains: [(await get('pixelco-agency.com')).body.registeredDomain],
    });
    await sb.advance(1000);
    const a = freeName(sb, 'net');
    await create(registration(a, instance(sb, { tld: 'net' })));
    await sb.advance(1000);
    const b = freeName(sb, 'org');
    await create(registration(b, instance(sb, { tld: 'org' })));
    const page1 = await sb.call('GET', `${BASE}?paging.limit=2`);
    expect(page1.body.registeredDomains.map((d: { id: string }) => d.id)).toEqual([b, a]);
    expect(page1.body.pagingMetadata).toMatchObject({ count: 2, hasNext: true, cursors: { prev: null } });
    const page2 = await sb.call(
      'GET',
      `${BASE}?paging.limit=2&paging.cursor=${page1.body.pagingMetadata.cursors.next}`,
    );
    expect(page2.body.registeredDomains.map((d: { id: string }) => d.id)).toEqual(['pixelco-agency.com']);
    expect(page2.body.pagingMetadata).toMatchObject({ count: 1, hasNext: false, cursors: { next: null } });
    expect(typeof page2.body.pagingMetadata.cursors.prev).toBe('string');
    expect((await sb.call('GET', `${BASE}?paging.limit=101`)).status).toBe(400);
  });

  it('redeems only expired domains (+1 year)', async () => {
    const seeded = (await get('pixelco-agency.com')).body.registeredDomain;
    expect(Date.parse(seeded.expirationDate)).toBeLessThan(
      Date.parse((await sb.admin<{ now: string }>('GET', 'clock')).now),
    );
    const redeemed = await sb.call('POST', `${BASE}/pixelco-agency.com/redeem`, { body: {} });
    expect(redeemed.status).toBe(200);
    const expected = new Date(seeded.expirationDate);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(redeemed.body.registeredDomain.expirationDate).toBe(expected.toISOString());
    expect(redeemed.body.registeredDomain.revision).toBe(String(Number(seeded.revision) + 1));
    const again = await sb.call('POST', `${BASE}/pixelco-agency.com/redeem`, { body: {} });
    expect(again.status).toBe(428);
    expect(code(again)).toBe('DOMAIN_NOT_EXPIRED');
    expect(code(await sb.call('POST', `${BASE}/never-registered.com/redeem`, { body: {} }))).toBe(
      'REGISTERED_DOMAIN_NOT_FOUND',
    );
  });
});
