import { describe, expect, it } from 'vitest';
import {
  RegisterDomainDocument,
  RegisteredDomainByNameDocument,
  SiteWithDomainsDocument,
  type RegisterDomainInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { SHERLOCK, freeName, instance, mainSites, settings } from './domain-fixtures.js';
import { byOperation } from './domain-expectations.js';

/**
 * registerDomain over the sandbox: the exact Create Registered Domain call, Wix's refusals as user errors, contact
 * validation before any call, idempotent replay and conflict, reconciling with what Wix already holds, no retry of
 * the paid write on a 5xx, and a registration followed to ACTIVE on the sandbox clock. Connected domains and DNS
 * zones: domain-mutations-dns.test.ts.
 */
describe('gateway: registerDomain', () => {
  const stack = useStack({ per: 'test' });

  const main = () => stack.sandbox.seed.mainAccountId;
  /** m0 (Business plan, Premium) and m6 (free), see domain-fixtures.ts. */
  const premiumSite = () => mainSites(stack.sandbox)[0] as string;
  const freeSite = () => mainSites(stack.sandbox)[6] as string;
  const input = async (over: Partial<RegisterDomainInput> = {}): Promise<RegisterDomainInput> => ({
    idempotencyKey: `reg-${Math.random().toString(36).slice(2)}`,
    domain: await freeName(stack.sandbox, 'com', 'gql-reg'),
    productInstanceId: await instance(stack.sandbox, { tld: 'com' }),
    contacts: { registrant: { ...SHERLOCK } },
    ...over,
  });
  const register = (i: RegisterDomainInput) => stack.data(RegisterDomainDocument, { input: i });

  it('registers for a Premium site: one Get (nothing there yet), one Create with wix-site-id, PENDING_REGISTRATION', async () => {
    // SHERLOCK is Wix's own example registrant: countryCode "UK" (not ISO) and no subdivision are accepted.
    const i = await input({ siteId: premiumSite() });
    const { registerDomain } = await register(i);
    expect(registerDomain.userErrors).toEqual([]);
    expect(registerDomain.registeredDomain).toMatchObject({
      domain: i.domain,
      status: 'PENDING_REGISTRATION',
      icannConfirmationStatus: 'PENDING',
      productInstanceId: i.productInstanceId,
      ownerAccountId: main(),
      registrant: { firstName: 'Sherlock', lastName: 'Holmes', email: SHERLOCK.email },
    });
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toEqual({ getRegisteredDomain: 1, createRegisteredDomain: 1 });
    const create = calls.find((c) => c.operation === 'createRegisteredDomain')!;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/domains/v1/registered-domains',
      accountId: main(),
      siteId: premiumSite(),
      status: 200,
    });
    expect(create.body).toEqual({
      registeredDomain: {
        domain: i.domain,
        productInstanceId: i.productInstanceId,
        contacts: { registrant: SHERLOCK },
      },
    });
  });

  it('a registration reaches ACTIVE as the sandbox clock advances, and shows in the graph with its site and DNS zone', async () => {
    const i = await input({ siteId: premiumSite() });
    await register(i);
    const { registrationMs, propagationMs } = await settings(stack.sandbox);
    // Registration settles after registrationMs, and only then starts DNS propagation (propagationMs more).
    await stack.sandbox.advance(registrationMs);
    await stack.sandbox.advance(propagationMs);
    const { registeredDomain } = await stack.data(RegisteredDomainByNameDocument, { domain: i.domain });
    expect(registeredDomain).toMatchObject({
      domain: i.domain,
      status: 'ACTIVE',
      icannConfirmationStatus: 'CONFIRMED_BY_ALL',
      dnsPropagationStatus: 'COMPLETED',
      assignmentType: 'PRIMARY',
      siteWixId: premiumSite(),
      site: { wixId: premiumSite() },
    });
    expect(registeredDomain!.expirationDate).not.toBeNull();
    expect(registeredDomain!.dnsZone?.domainName).toBe(i.domain);
    expect(registeredDomain!.dnsZone?.records.map((r) => r.type)).toEqual(
      expect.arrayContaining(['NS', 'SOA', 'A', 'CNAME']),
    );
    const { site } = await stack.data(SiteWithDomainsDocument, { id: premiumSite() });
    expect(site?.registeredDomains?.find((rd) => rd.domain === i.domain)).toMatchObject({
      status: 'ACTIVE',
      assignmentType: 'PRIMARY',
      dnsZone: { domainName: i.domain },
    });
  });

  it('a domain for a free site is the user error CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE, and frees the key for a retry', async () => {
    const i = await input({ siteId: freeSite() });
    const { registerDomain } = await register(i);
    expect(registerDomain).toEqual({
      registeredDomain: null,
      userErrors: [
        {
          code: 'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE',
          field: 'input.siteId',
          message: expect.stringContaining('Premium'),
        },
      ],
    });
    // Nothing was bought, so the key is free: the same key with the same input asks Wix again.
    expect((await register(i)).registerDomain.userErrors[0]?.code).toBe('CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE');
    expect(byOperation(await stack.sandbox.calls())).toEqual({ getRegisteredDomain: 2, createRegisteredDomain: 2 });
  });

  it("maps each family of Wix refusals to a user error with Wix's code and the input field", async () => {
    const cases: Array<[Partial<RegisterDomainInput>, string, string | null]> = [
      [
        { productInstanceId: await instance(stack.sandbox, { tld: 'com', status: 'PENDING' }) },
        'PRODUCT_INSTANCE_NOT_ACTIVE',
        'input.productInstanceId',
      ],
      [{ domain: await freeName(stack.sandbox, 'net', 'gql-reg') }, 'INVALID_TLD', 'input.productInstanceId'],
      [{ domain: 'example.com' }, 'DOMAIN_ALREADY_TAKEN', 'input.domain'],
      [{ domain: 'pixelco-agency.com' }, 'REGISTERED_DOMAIN_ALREADY_EXISTS', 'input.domain'],
      [
        { productInstanceId: '00000000-0000-4000-8000-000000000000' },
        'PRODUCT_INSTANCE_NOT_FOUND',
        'input.productInstanceId',
      ],
      [{ domain: 'gql-reg-unsold.dev' }, 'TLD_NOT_SUPPORTED', 'input.domain'],
      [{ siteId: mainSites(stack.sandbox)[2] }, 'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE', 'input.siteId'],
      [{ siteId: stack.sandbox.seed.siteIds[20] }, 'PERMISSION_DENIED', null],
    ];
    for (const [over, code, field] of cases) {
      const { registerDomain } = await register(await input(over));
      expect(registerDomain.registeredDomain, code).toBeNull();
      expect(registerDomain.userErrors, code).toEqual([{ code, field, message: expect.any(String) }]);
    }
  });

  it('rejects bad contacts field by field (BAD_USER_INPUT) before any upstream call', async () => {
    const result = await stack.run(RegisterDomainDocument, {
      input: await input({
        contacts: {
          registrant: { ...SHERLOCK, countryCode: 'US', email: 'sherlock@holmes@wix.com' },
          admin: { ...SHERLOCK, countryCode: 'USA', phone: '555-CALL-ME', firstName: 'S' },
        },
      }),
    });
    expect(result.data).toBeFalsy();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.fields as Array<{ field: string; message: string }>).map((f) =>
      f.field.replace(/^input\./, ''),
    );
    expect(fields.sort()).toEqual(
      [
        'contacts.admin.countryCode',
        'contacts.admin.firstName',
        'contacts.admin.phone',
        'contacts.registrant.email',
        'contacts.registrant.subdivisionCode',
      ].sort(),
    );
    expect(JSON.stringify(result.errors)).toContain('exactly one @');
    expect(JSON.stringify(result.errors)).toContain('required for country US');
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('rejects a subdomain, a short name and malformed IDs before any upstream call', async () => {
    for (const [over, field] of [
      [{ domain: 'www.example.com' }, 'domain'],
      [{ domain: 'ab.com' }, 'domain'],
      [{ productInstanceId: 'not-an-id' }, 'productInstanceId'],
      [{ siteId: 'U2l0ZTpub3QtYS1ndWlk' }, 'siteId'],
      [{ idempotencyKey: '' }, 'idempotencyKey'],
    ] as Array<[Partial<RegisterDomainInput>, string]>) {
      const result = await stack.run(RegisterDomainDocument, { input: await input(over) });
      expect(result.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(
        [
          ...new Set(
            (result.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) =>
              f.field.replace(/^input\./, ''),
            ),
          ),
        ],
        field,
      ).toEqual([field]);
    }
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('replays the same key and input without a second Create; another input with the key is IDEMPOTENCY_CONFLICT', async () => {
    const i = await input({ siteId: premiumSite() });
    const first = await register(i);
    const again = await register(i);
    expect(again.registerDomain.userErrors).toEqual([]);
    expect(again.registerDomain.registeredDomain?.domain).toBe(first.registerDomain.registeredDomain?.domain);
    const conflict = await register({ ...i, domain: await freeName(stack.sandbox, 'com', 'gql-other') });
    expect(conflict.registerDomain).toEqual({
      registeredDomain: null,
      userErrors: [{ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey', message: expect.any(String) }],
    });
    expect(byOperation(await stack.sandbox.calls('createRegisteredDomain'))).toEqual({ createRegisteredDomain: 1 });
  });

  it('ten concurrent identical requests register once', async () => {
    const i = await input();
    const answers = await Promise.all(Array.from({ length: 10 }, () => register(i)));
    expect(new Set(answers.map((a) => a.registerDomain.registeredDomain?.domain))).toEqual(new Set([i.domain]));
    expect(answers.every((a) => a.registerDomain.userErrors.length === 0)).toBe(true);
    expect((await stack.sandbox.calls('createRegisteredDomain')).length).toBe(1);
  });

  it('reconciles: a registration Wix already holds (an answer lost on the way) is returned, not bought again', async () => {
    const i = await input();
    // As if an earlier attempt reached Wix but its answer (and the gateway's record of it) was lost.
    expect(
      (
        await stack.sandbox.call('POST', '/domains/v1/registered-domains', {
          body: {
            registeredDomain: {
              domain: i.domain,
              productInstanceId: i.productInstanceId,
              contacts: { registrant: SHERLOCK },
            },
          },
        })
      ).status,
    ).toBe(200);
    await stack.sandbox.clearCalls();
    const { registerDomain } = await register(i);
    expect(registerDomain).toMatchObject({
      userErrors: [],
      registeredDomain: { domain: i.domain, status: 'PENDING_REGISTRATION' },
    });
    expect(byOperation(await stack.sandbox.calls())).toEqual({ getRegisteredDomain: 1 });
  });

  it('does not retry the paid write on a 5xx: the error is top-level, the key stays usable, and the retry buys once', async () => {
    const i = await input();
    await stack.sandbox.admin('POST', 'faults', {
      target: 'createRegisteredDomain',
      errorShare: 1,
      errorStatus: 503,
      times: 1,
    });
    const failed = await stack.run(RegisterDomainDocument, { input: i });
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await stack.sandbox.calls('createRegisteredDomain')).map((c) => c.outcome)).toEqual(['fault-5xx']);
    const retried = await register(i);
    expect(retried.registerDomain.registeredDomain?.status).toBe('PENDING_REGISTRATION');
    expect((await stack.sandbox.calls('createRegisteredDomain')).map((c) => c.outcome)).toEqual(['fault-5xx', 'ok']);
  });
});
