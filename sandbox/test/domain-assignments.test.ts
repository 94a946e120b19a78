import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectedDomain } from '../src/types.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import { expectError, foreign, mainSites } from './domain-fixtures.js';

const BASE = '/domains/v1/domain-assignments';

describe('sandbox: Domain Assignments and DNS Propagation (CONTRACT §15, §16)', () => {
  let sb: TestSandbox;
  let m: string[];
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => {
    await sb.reset();
    m = mainSites(sb);
  });

  const upsert = (domain: string, siteId: string, assignmentType: 'PRIMARY' | 'REDIRECT') =>
    sb.call('POST', BASE, { body: { domainAssignment: { domain, siteInfo: { id: siteId, assignmentType } } } });
  const get = (domain: string) => sb.call('GET', `${BASE}/${domain}`);
  const info = async (domain: string) => (await get(domain)).body.domainAssignment?.siteInfo;
  /** A floating connected domain of the main account (no wix-site-id: no assignment). */
  const floating = async (domain: string) =>
    expect(
      (
        await sb.call('POST', '/domains/v1/connected-domains', {
          body: { connectedDomain: { domain, connectionType: 'POINTING' } },
        })
      ).status,
    ).toBe(200);

  it('reads the assignments the Connected and Registered Domains APIs made, and lists them by site', async () => {
    const res = await get('urbanstudio.io');
    expect(res.status).toBe(200);
    expect(res.body.domainAssignment).toMatchObject({
      id: 'urbanstudio.io',
      domain: 'urbanstudio.io',
      siteInfo: { id: m[1], assignmentType: 'PRIMARY' },
    });
    expect((await info('pixelco-agency.com')).id).toBe(m[0]);
    const list = await sb.call('GET', `${BASE}?siteIds=${m[0]}&siteIds=${m[1]}`);
    expect(list.body.domainAssignments.map((a: { id: string }) => a.id)).toEqual([
      'pixelco-agency.com',
      'urbanstudio.io',
    ]);
    // Documented: without siteIds the list is empty.
    expect((await sb.call('GET', BASE)).body.domainAssignments).toEqual([]);
  });

  it('adds a REDIRECT, sets it as primary (old primary redirects to it), and deleting the primary clears the site', async () => {
    await floating('mysite.com');
    const added = await upsert('mysite.com', m[1] as string, 'REDIRECT');
    expect(added.body.domainAssignment.siteInfo).toEqual({
      id: m[1],
      assignmentType: 'REDIRECT',
      redirectInfo: { primaryDomain: 'urbanstudio.io' },
    });
    // Documented: the same site again answers the assignment unchanged, whatever the type asked.
    expect((await upsert('mysite.com', m[1] as string, 'PRIMARY')).body.domainAssignment.siteInfo.assignmentType).toBe(
      'REDIRECT',
    );
    const primary = await sb.call('PATCH', `${BASE}/mysite.com`);
    expect(primary.body.domainAssignment.siteInfo).toEqual({ id: m[1], assignmentType: 'PRIMARY' });
    expect(await info('urbanstudio.io')).toEqual({
      id: m[1],
      assignmentType: 'REDIRECT',
      redirectInfo: { primaryDomain: 'mysite.com' },
    });
    expect(
      (await sb.call('GET', '/domains/v1/connected-domains/urbanstudio.io')).body.connectedDomain.siteInfo,
    ).toEqual(await info('urbanstudio.io'));
    expect((await sb.call('DELETE', `${BASE}/mysite.com`)).status).toBe(200);
    expectError(await get('urbanstudio.io'), 404, 'DOMAIN_ASSIGNMENT_NOT_FOUND');
    expectError(await get('mysite.com'), 404, 'DOMAIN_ASSIGNMENT_NOT_FOUND');
    // Documented: a REDIRECT onto a site without assignments becomes its primary.
    expect((await upsert('urbanstudio.io', m[1] as string, 'REDIRECT')).body.domainAssignment.siteInfo).toEqual({
      id: m[1],
      assignmentType: 'PRIMARY',
    });
  });

  it('PRIMARY onto a site with assignments removes them; a redirect moves between sites; another site’s primary does not', async () => {
    await floating('mysite.com');
    await upsert('mysite.com', m[1] as string, 'PRIMARY');
    expectError(await get('urbanstudio.io'), 404, 'DOMAIN_ASSIGNMENT_NOT_FOUND');
    await floating('mybusiness.com');
    await upsert('mybusiness.com', m[1] as string, 'REDIRECT');
    const moved = await upsert('mybusiness.com', m[3] as string, 'REDIRECT');
    expect(moved.body.domainAssignment.siteInfo).toEqual({
      id: m[3],
      assignmentType: 'REDIRECT',
      redirectInfo: { primaryDomain: 'goldengarden.info' },
    });
    expectError(
      await upsert('goldengarden.info', m[1] as string, 'REDIRECT'),
      428,
      'DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE',
    );
  });

  it('answers the assignment errors', async () => {
    await floating('mysite.com');
    expectError(await upsert('mysite.com', m[6] as string, 'REDIRECT'), 428, 'SITE_NOT_PREMIUM');
    expectError(await upsert('never-connected.com', m[1] as string, 'REDIRECT'), 404, 'DOMAIN_NOT_FOUND');
    expectError(await upsert('mysite.com', '00000000-0000-4000-8000-000000000000', 'REDIRECT'), 404, 'SITE_NOT_FOUND');
    expectError(await sb.call('PATCH', `${BASE}/mysite.com`), 404, 'DOMAIN_ASSIGNMENT_NOT_FOUND');
    expectError(await sb.call('DELETE', `${BASE}/nothing.com`), 404, 'DOMAIN_ASSIGNMENT_NOT_FOUND');
    const bad = await sb.call('POST', BASE, {
      body: { domainAssignment: { domain: 'mysite.com', siteInfo: { id: 'x' } } },
    });
    expect(bad.status).toBe(400);
    // Documented: at most 300 redirects per site.
    const world = sb.sandbox.world;
    const template = world.connectedDomains.get('mysite.com') as ConnectedDomain;
    for (let i = 0; i < 300; i++) {
      const domain = `redirect-${i}.com`;
      world.connectedDomains.set(domain, {
        ...template,
        id: domain,
        domain,
        siteInfo: { id: m[1], assignmentType: 'REDIRECT', redirectInfo: { primaryDomain: 'urbanstudio.io' } },
      });
      world.connectedOwner.set(domain, sb.seed.mainAccountId);
    }
    expectError(await upsert('mysite.com', m[1] as string, 'REDIRECT'), 428, 'TOO_MANY_REDIRECTS');
  });

  it('Get DNS Propagation follows the domain’s propagation: IN_PROGRESS, SUCCEEDED, FAILED with failureInfo', async () => {
    const get = (domain: string) => sb.call('GET', `/premium/domains/v1/dns-propagations/${domain}`);
    expect((await get('goldengarden.info')).body.dnsPropagation).toMatchObject({
      id: 'goldengarden.info',
      domain: 'goldengarden.info',
      status: 'IN_PROGRESS',
      dnsResolverIncludesWixNs: true,
    });
    const done = (await get('urbanstudio.io')).body.dnsPropagation;
    expect(done).toMatchObject({ status: 'SUCCEEDED', dnsResolverIncludesWixNs: false });
    expect(done).not.toHaveProperty('failureInfo');
    (sb.sandbox.world.connectedDomains.get('urbanstudio.io') as ConnectedDomain).dnsPropagationStatus = 'FAILED';
    expect((await get('urbanstudio.io')).body.dnsPropagation.failureInfo.invalidRecords).toEqual(['A']);
    expectError(await get('not-here.com'), 404, 'DNS_PROPAGATION_NOT_FOUND');
    const other = foreign(sb);
    expectError(
      await sb.call('GET', '/premium/domains/v1/dns-propagations/urbanstudio.io', {
        accountId: other.accountId,
        apiKey: other.apiKey,
      }),
      404,
      'DNS_PROPAGATION_NOT_FOUND',
    );
  });
});
