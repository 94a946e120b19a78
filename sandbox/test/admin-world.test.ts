import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainCheck, WorldSnapshot } from '../src/index.js';
import { isPremiumName, isTaken } from '../src/domain-availability.js';
import { rawCall, violatedFields } from './helpers/sandbox-admin.js';
import { TestSandbox } from './helpers/test-sandbox.js';

describe('sandbox: read-only admin views (/_sandbox/world, /_sandbox/domains/check)', () => {
  let sb: TestSandbox;

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => {
    await sb.reset(1);
    await sb.clearCalls();
  });

  it('GET /_sandbox/world is the in-memory state, owners spelled out, and is not logged', async () => {
    const snapshot = await sb.admin<WorldSnapshot>('GET', 'world');
    const w = sb.sandbox.world;
    expect(snapshot).toMatchObject({ seed: 1, now: w.now(), mainAccountId: w.mainAccountId });
    expect(snapshot.accounts).toEqual([...w.accounts.values()]);
    expect(snapshot.sites).toEqual([...w.sites.values()]);
    expect(snapshot.packages).toEqual([...w.packages.values()]);
    expect(snapshot.catalog).toEqual([...w.catalog.values()]);
    expect(snapshot.dnsZones).toEqual([...w.dnsZones.values()]);
    expect(snapshot.apiKeys).toContainEqual({ apiKey: w.mainApiKey, accountId: w.mainAccountId });
    expect(snapshot.apiKeys).toHaveLength(w.apiKeys.size);
    expect(snapshot.registeredDomains.length).toBeGreaterThan(0);
    for (const rd of snapshot.registeredDomains) expect(rd.ownerAccountId).toBe(w.registeredOwner.get(rd.domain));
    expect(snapshot.connectedDomains.length).toBeGreaterThan(0);
    for (const cd of snapshot.connectedDomains) expect(cd.ownerAccountId).toBe(w.connectedOwner.get(cd.domain));
    expect(await sb.calls()).toEqual([]);
  });

  it('GET /_sandbox/world follows writes made over the Wix API and hands out copies', async () => {
    const w = sb.sandbox.world;
    const site = [...w.sites.values()].find(
      (s) => s.ownerAccountId === w.mainAccountId && !s.premium && w.instancesOfSite(s.id).length === 0,
    )?.id as string;
    const target = sb.seed.subAccountIds[0] as string;
    const res = await sb.call('POST', '/b2b-site-management/v1/transfer-site', {
      body: { siteTransfer: { siteId: site, sourceAccountId: w.mainAccountId } },
      accountId: target,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const snapshot = await sb.admin<WorldSnapshot>('GET', 'world');
    expect(snapshot.sites.find((s) => s.id === site)?.ownerAccountId).toBe(target);
    snapshot.sites.length = 0;
    expect(sb.sandbox.world.sites.size).toBeGreaterThan(0);
  });

  it('POST /_sandbox/domains/check answers as the registry rules do, without a logged call', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `pixel-fresh-${i}.com`).concat([
      'google.com',
      'c-suite.com.tr',
      'not a name',
      'abc.io',
    ]);
    const { domains } = await sb.admin<{ domains: DomainCheck[] }>('POST', 'domains/check', { domains: names });
    const w = sb.sandbox.world;
    expect(domains.map((d) => d.domain)).toEqual(names);
    for (const d of domains.filter((x) => x.valid))
      expect(d, d.domain).toEqual({
        domain: d.domain,
        valid: true,
        available: !isTaken(w, d.domain),
        premium: isPremiumName(w, d.domain),
      });
    expect(domains.find((d) => d.domain === 'google.com')).toMatchObject({
      valid: true,
      available: false,
      premium: false,
    });
    expect(domains.find((d) => d.domain === 'c-suite.com.tr')).toMatchObject({ valid: true, available: false });
    expect(domains.find((d) => d.domain === 'not a name')).toEqual({
      domain: 'not a name',
      valid: false,
      available: false,
      premium: false,
    });
    // Both kinds occur among the generated names, so the comparison above is not vacuous.
    expect(domains.some((d) => d.available && !d.premium)).toBe(true);
    expect(domains.some((d) => !d.available)).toBe(true);
    expect(await sb.calls()).toEqual([]);
  });

  it('POST /_sandbox/domains/check refuses a missing, empty or oversized list', async () => {
    for (const body of [
      {},
      { domains: [] },
      { domains: 'a.com' },
      { domains: [1] },
      { domains: Array.from({ length: 1001 }, (_, i) => `n${i}.com`) },
    ]) {
      const res = await rawCall(sb, 'POST', '/_sandbox/domains/check', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      // The contract's schema names the bad element itself (`domains[0]`), as for every Wix request body.
      expect(violatedFields(res.body)).toEqual([
        Array.isArray(body.domains) && body.domains[0] === 1 ? 'domains[0]' : 'domains',
      ]);
    }
  });
});
