import { describe, expect, it } from 'vitest';
import {
  ConnectedDomainByNameDocument,
  CreateConnectedDomainDocument,
  DeleteConnectedDomainDocument,
  DnsZoneByNameDocument,
  UpdateDnsZoneDocument,
  type CreateConnectedDomainInput,
  type DnsRecordInput,
  type UpdateDnsZoneInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { foreign, freeName, mainSites } from './domain-fixtures.js';
import { byOperation } from './domain-expectations.js';

/**
 * createConnectedDomain, deleteConnectedDomain and updateDnsZone over the sandbox: the exact upstream calls, Wix's
 * refusals as user errors (the phrase codes under stable names), input rules checked before any call, idempotent
 * replay, no retry of a write on a 5xx, and reads after a write that see it (per-request loaders and the shared
 * zone / setup-info cache are dropped).
 */
describe('gateway: connected-domain and DNS-zone mutations', () => {
  const stack = useStack({ per: 'test' });

  const main = () => stack.sandbox.seed.mainAccountId;
  const site = (i: number) => mainSites(stack.sandbox)[i] as string;
  const fieldsOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => [
    ...new Set(
      (result.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field.replace(/^input\./, '')),
    ),
  ];
  const connect = (input: CreateConnectedDomainInput) => stack.data(CreateConnectedDomainDocument, { input });
  const update = (input: UpdateDnsZoneInput) => stack.data(UpdateDnsZoneDocument, { input });

  it('connects a root domain by POINTING to a Premium site: one Create with wix-site-id, then its setup info', async () => {
    const { createConnectedDomain } = await connect({
      domain: 'mysite.com',
      connectionType: 'POINTING',
      siteId: site(0),
    });
    expect(createConnectedDomain.userErrors).toEqual([]);
    expect(createConnectedDomain.connectedDomain).toMatchObject({
      domain: 'mysite.com',
      connectionType: 'POINTING',
      assignmentType: 'PRIMARY',
      dnsPropagationStatus: 'UNKNOWN',
      ownerAccountId: main(),
      site: { wixId: site(0) },
    });
    expect(createConnectedDomain.connectedDomain?.setupInfo?.records.map((r) => [r.type, r.hostName])).toEqual([
      ['A', 'mysite.com'],
      ['CNAME', 'www.mysite.com'],
    ]);
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toEqual({ createConnectedDomain: 1, getConnectedDomainSetupInfo: 1, querySites: 1 });
    expect(calls.find((c) => c.operation === 'createConnectedDomain')).toMatchObject({
      method: 'POST',
      path: '/domains/v1/connected-domains',
      accountId: main(),
      siteId: site(0),
      body: {
        connectedDomain: {
          domain: 'mysite.com',
          connectionType: 'POINTING',
          siteInfo: { assignmentType: 'PRIMARY' },
          suppressNotifications: false,
        },
      },
    });
  });

  it('connects a subdomain without a connection type; the CNAME to set comes back in setupInfo', async () => {
    const { createConnectedDomain } = await connect({ domain: 'shop.mybusiness.com', suppressNotifications: true });
    expect(createConnectedDomain.connectedDomain).toMatchObject({
      domain: 'shop.mybusiness.com',
      connectionType: 'SUBDOMAIN',
      suppressNotifications: true,
      site: null,
    });
    expect(createConnectedDomain.connectedDomain?.setupInfo?.subdomainRecords).toEqual([
      { type: 'CNAME', hostName: 'shop.mybusiness.com', ttl: 3600, values: ['pointing.wixdns.net'] },
    ]);
    const [create] = await stack.sandbox.calls('createConnectedDomain');
    expect(create?.body).toEqual({ connectedDomain: { domain: 'shop.mybusiness.com', suppressNotifications: true } });
    expect(create?.siteId).toBeUndefined();
  });

  it('a NAMESERVERS connection makes its zone readable at once, although "no zone" was cached a moment before', async () => {
    expect((await stack.data(DnsZoneByNameDocument, { domain: 'mydomain.com' })).dnsZone).toBeNull();
    await connect({ domain: 'mydomain.com', connectionType: 'NAMESERVERS', siteId: site(1) });
    expect((await stack.data(DnsZoneByNameDocument, { domain: 'mydomain.com' })).dnsZone?.domainName).toBe(
      'mydomain.com',
    );
    expect(byOperation(await stack.sandbox.calls('getDnsZone'))).toEqual({ getDnsZone: 2 });
  });

  it('checks the connection type against the domain before any call', async () => {
    for (const [input, field] of [
      [{ domain: 'shop.mybusiness.com', connectionType: 'POINTING' }, 'connectionType'],
      [{ domain: 'mysite.com' }, 'connectionType'],
      [{ domain: 'not a domain', connectionType: 'POINTING' }, 'domain'],
      [{ domain: 'mysite.com', connectionType: 'POINTING', siteId: 'nope' }, 'siteId'],
    ] as Array<[CreateConnectedDomainInput, string]>) {
      const result = await stack.run(CreateConnectedDomainDocument, { input });
      expect(result.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), field).toEqual([field]);
    }
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it("maps Wix's refusals to user errors, the phrase codes under stable names", async () => {
    const available = await freeName(stack.sandbox, 'com', 'gql-connect');
    const cases: Array<[CreateConnectedDomainInput, string, string | null]> = [
      [{ domain: 'mysite.com', connectionType: 'NAMESERVERS', siteId: site(6) }, 'NON_PREMIUM_SITE', 'input.siteId'],
      [{ domain: available, connectionType: 'POINTING' }, 'DOMAINS_INVALID_DOMAIN', 'input.domain'],
      [
        { domain: 'urbanstudio.io', connectionType: 'NAMESERVERS', siteId: site(1) },
        'DOMAINS_ALREADY_EXISTS',
        'input.domain',
      ],
      [{ domain: 'pixelco-agency.com', connectionType: 'POINTING' }, 'DOMAINS_DOMAIN_NOT_PERMITTED', 'input.domain'],
    ];
    for (const [input, code, field] of cases) {
      const { createConnectedDomain } = await connect(input);
      expect(createConnectedDomain, code).toEqual({
        connectedDomain: null,
        userErrors: [{ code, field, message: expect.any(String) }],
      });
    }
  });

  it('deletes a connection once per key: the site read afresh, a replay without a second delete', async () => {
    const input = { idempotencyKey: 'delete-urbanstudio', domain: 'urbanstudio.io' };
    const { deleteConnectedDomain } = await stack.data(DeleteConnectedDomainDocument, { input });
    expect(deleteConnectedDomain).toMatchObject({
      domain: 'urbanstudio.io',
      userErrors: [],
      site: { wixId: site(1), connectedDomains: [] },
    });
    expect(deleteConnectedDomain.deletedConnectedDomainId).toEqual(expect.any(String));
    const calls = await stack.sandbox.calls();
    expect(byOperation(calls)).toEqual({
      getConnectedDomain: 1,
      deleteConnectedDomain: 1,
      querySites: 1,
      listConnectedDomains: 1,
    });
    expect(calls.find((c) => c.operation === 'deleteConnectedDomain')).toMatchObject({
      method: 'DELETE',
      path: '/domains/v1/connected-domains/urbanstudio.io',
      accountId: main(),
    });
    const replay = await stack.data(DeleteConnectedDomainDocument, { input });
    expect(replay.deleteConnectedDomain).toMatchObject({
      deletedConnectedDomainId: deleteConnectedDomain.deletedConnectedDomainId,
      userErrors: [],
    });
    expect((await stack.sandbox.calls('deleteConnectedDomain')).length).toBe(1);
    expect((await stack.data(ConnectedDomainByNameDocument, { domain: 'urbanstudio.io' })).connectedDomain).toBeNull();
  });

  it('an unknown connected domain is the user error NOT_FOUND without a delete; a key is required', async () => {
    const { deleteConnectedDomain } = await stack.data(DeleteConnectedDomainDocument, {
      input: { idempotencyKey: 'delete-nothing', domain: 'nobody-has-this.com' },
    });
    expect(deleteConnectedDomain).toMatchObject({
      deletedConnectedDomainId: null,
      userErrors: [{ code: 'NOT_FOUND', field: 'input.domain' }],
    });
    expect((await stack.sandbox.calls('deleteConnectedDomain')).length).toBe(0);
    const noKey = await stack.run(DeleteConnectedDomainDocument, {
      input: { idempotencyKey: '', domain: 'urbanstudio.io' },
    });
    expect(fieldsOf(noKey)).toEqual(['idempotencyKey']);
  });

  it('edits a zone: the exact PATCH, the zone answered, and a later read sees the edit through the shared cache', async () => {
    const before = (await stack.data(DnsZoneByNameDocument, { domain: 'pixelco-agency.com' })).dnsZone!;
    const a = before.records.find((r) => r.type === 'A')!;
    await stack.sandbox.clearCalls();
    const { updateDnsZone } = await update({
      domain: 'pixelco-agency.com',
      deletions: [{ type: 'A', hostName: a.hostName, values: a.values }],
      additions: [
        { type: 'A', hostName: 'pixelco-agency.com', ttl: 600, values: ['203.0.113.10'] },
        { type: 'MX', hostName: 'pixelco-agency.com', values: ['5 aspmx.l.google.com', '10 alt1.aspmx.l.google.com'] },
        { type: 'TXT', hostName: '_dmarc.pixelco-agency.com', values: ['v=DMARC1; p=none'] },
      ],
      dnssecEnabled: true,
    });
    expect(updateDnsZone.userErrors).toEqual([]);
    expect(updateDnsZone.dnsZone?.records).toEqual(
      expect.arrayContaining([
        { type: 'A', hostName: 'pixelco-agency.com', ttl: 600, values: ['203.0.113.10'] },
        expect.objectContaining({ type: 'MX' }),
        expect.objectContaining({ type: 'TXT' }),
      ]),
    );
    expect(updateDnsZone.dnsZone).toMatchObject({
      dnssecEnabled: true,
      dnssec: { keyTag: expect.any(Number), digest: expect.any(String) },
    });
    const [patch] = await stack.sandbox.calls();
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/domains/v1/dns-zones/pixelco-agency.com',
      accountId: main(),
    });
    expect(patch?.body).toEqual({
      deletions: [{ type: 'A', hostName: 'pixelco-agency.com', ttl: 3600, values: a.values }],
      additions: [
        { type: 'A', hostName: 'pixelco-agency.com', ttl: 600, values: ['203.0.113.10'] },
        {
          type: 'MX',
          hostName: 'pixelco-agency.com',
          ttl: 3600,
          values: ['5 aspmx.l.google.com', '10 alt1.aspmx.l.google.com'],
        },
        { type: 'TXT', hostName: '_dmarc.pixelco-agency.com', ttl: 3600, values: ['v=DMARC1; p=none'] },
      ],
      dnssecEnabled: true,
    });
    const after = (await stack.data(DnsZoneByNameDocument, { domain: 'pixelco-agency.com' })).dnsZone!;
    expect(after.records.find((r) => r.type === 'A')?.values).toEqual(['203.0.113.10']);
    expect(byOperation(await stack.sandbox.calls())).toEqual({ updateDnsZone: 1, getDnsZone: 1 });
  });

  it("a DNS zone edit on a POINTING domain is the user error DOMAIN_NOT_PERMITTED; a record that exists is Wix's reused MX code", async () => {
    const pointing = await update({
      domain: 'urbanstudio.io',
      additions: [{ type: 'TXT', hostName: 'urbanstudio.io', values: ['hello'] }],
    });
    expect(pointing.updateDnsZone).toEqual({
      dnsZone: null,
      userErrors: [
        { code: 'DOMAIN_NOT_PERMITTED', field: 'input.domain', message: expect.stringContaining('POINTING') },
      ],
    });
    const duplicate = await update({
      domain: 'pixelco-agency.com',
      additions: [{ type: 'A', hostName: 'pixelco-agency.com', values: ['203.0.113.10'] }],
    });
    expect(duplicate.updateDnsZone.userErrors).toEqual([
      { code: 'DOMAIN_MX_RECORD_VALUE_INVALID', field: 'input.additions', message: expect.any(String) },
    ]);
    expect(byOperation(await stack.sandbox.calls())).toEqual({ updateDnsZone: 2 });
  });

  it('checks records before any call: type, MX shape, CNAME host, zone membership, limits, something to change', async () => {
    const rec = (over: Record<string, unknown> = {}) =>
      ({ type: 'TXT', hostName: 'pixelco-agency.com', values: ['x'], ...over }) as DnsRecordInput;
    const cases: Array<[Partial<UpdateDnsZoneInput>, string]> = [
      [{ additions: [rec({ type: 'UNKNOWN' })] }, 'additions'],
      [{ additions: [rec({ type: 'MX', values: ['aspmx.l.google.com'] })] }, 'additions'],
      [{ additions: [rec({ type: 'CNAME', values: ['x.example.net'] })] }, 'additions'],
      [{ additions: [rec({ hostName: 'www.other-domain.com' })] }, 'additions'],
      [{ deletions: [rec({ hostName: 'other-domain.com' })] }, 'deletions'],
      [{ additions: [rec(), rec({ values: ['y'] })] }, 'additions'],
      [{ additions: Array.from({ length: 11 }, (_, i) => rec({ hostName: `h${i}.pixelco-agency.com` })) }, 'additions'],
      [{ additions: [rec({ values: Array.from({ length: 51 }, (_, i) => `v${i}`) })] }, 'additions'],
      [{ additions: [rec({ values: [' '] })] }, 'additions'],
      [{}, 'additions'],
    ];
    for (const [over, field] of cases) {
      const result = await stack.run(UpdateDnsZoneDocument, { input: { domain: 'pixelco-agency.com', ...over } });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(over).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)[0]?.split('.')[0], JSON.stringify(over).slice(0, 80)).toBe(field);
    }
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('with a key an edit is replayed, not repeated; without one a 5xx is not retried', async () => {
    const input: UpdateDnsZoneInput = {
      idempotencyKey: 'dns-edit-1',
      domain: 'goldengarden.info',
      additions: [{ type: 'TXT', hostName: 'goldengarden.info', values: ['verify=1'] }],
    };
    expect((await update(input)).updateDnsZone.userErrors).toEqual([]);
    const replay = await update(input);
    expect(replay.updateDnsZone.userErrors).toEqual([]);
    expect(replay.updateDnsZone.dnsZone?.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'TXT', values: ['verify=1'] })]),
    );
    const conflict = await update({
      ...input,
      additions: [{ type: 'TXT', hostName: 'goldengarden.info', values: ['verify=2'] }],
    });
    expect(conflict.updateDnsZone.userErrors[0]?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await stack.sandbox.calls('updateDnsZone')).length).toBe(1);

    await stack.sandbox.admin('POST', 'faults', { target: 'updateDnsZone', errorShare: 1, errorStatus: 503, times: 1 });
    const failed = await stack.run(UpdateDnsZoneDocument, {
      input: {
        domain: 'goldengarden.info',
        additions: [{ type: 'TXT', hostName: 'x.goldengarden.info', values: ['y'] }],
      },
    });
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await stack.sandbox.calls('updateDnsZone')).map((c) => c.outcome)).toEqual(['ok', 'fault-5xx']);
  });

  it('acts on a sub-account given by accountId, and refuses an account outside the tree without a write', async () => {
    const sub = stack.sandbox.seed.subAccountIds[1] as string;
    const { updateDnsZone } = await update({
      accountId: sub,
      domain: 'nordicyoga.net',
      additions: [{ type: 'TXT', hostName: 'nordicyoga.net', values: ['sub'] }],
    });
    expect(updateDnsZone).toMatchObject({
      userErrors: [],
      dnsZone: { domainName: 'nordicyoga.net', ownerAccountId: sub },
    });
    expect((await stack.sandbox.calls('updateDnsZone'))[0]?.accountId).toBe(sub);
    const refused = await stack.run(UpdateDnsZoneDocument, {
      input: { accountId: (await foreign(stack.sandbox)).accountId, domain: 'nordicyoga.net', dnssecEnabled: true },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.sandbox.calls('updateDnsZone')).length).toBe(1);
  });
});
