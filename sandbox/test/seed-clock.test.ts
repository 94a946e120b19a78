import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domainProductId } from '../src/catalog.js';
import { seedWorld } from '../src/seed.js';
import { resumeRegistration } from '../src/seed-clock.js';
import { startSandbox } from '../src/server.js';
import { REAL_TIME_SETTINGS } from '../src/settings.js';
import type { RegisteredDomain } from '../src/types.js';
import type { World } from '../src/world.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import { SHERLOCK, settings } from './domain-fixtures.js';

const CONNECTED = '/domains/v1/connected-domains';

/**
 * The seed's unfinished states (instances PENDING / AWAITING_ACTION, connections UNKNOWN / IN_PROGRESS, pending
 * registrations) move on the clock with the same delays as new ones; its final states never move.
 */
describe('sandbox: seeded asynchronous states move on the clock', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const instancesIn = (...statuses: string[]) =>
    [...world().packages.values()].flatMap((pkg) =>
      pkg.productInstances.filter((i) => statuses.includes(i.status)).map((i) => ({ pkg, instance: i })),
    );
  /** Status of every seeded instance, read over HTTP (Get Package, with the account that owns the package). */
  const statusOverHttp = async (pkgId: string, instanceId: string, accountId: string) =>
    (await sb.call('GET', `/resellers/v1/packages/${pkgId}`, { accountId })).body.package.productInstances.find(
      (i: { instanceId: string }) => i.instanceId === instanceId,
    ).status as string;
  const propagation = async (domain: string) => {
    const accountId = world().connectedOwner.get(domain) as string;
    return (await sb.call('GET', `${CONNECTED}/${domain}`, { accountId })).body.connectedDomain
      .dnsPropagationStatus as string;
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('schedules one task per seeded transition, and none for final states', async () => {
    const w = world();
    const instances = instancesIn('PENDING', 'AWAITING_ACTION').length;
    const connections = [...w.connectedDomains.values()];
    const tasks =
      instances +
      connections.filter((cd) => cd.dnsPropagationStatus === 'IN_PROGRESS').length +
      2 * connections.filter((cd) => cd.dnsPropagationStatus === 'UNKNOWN_DNS_PROPAGATION_STATUS').length;
    expect(instances).toBeGreaterThanOrEqual(4); // three PENDING and one AWAITING_ACTION in seed 1
    expect(tasks).toBeGreaterThan(instances);
    expect((await sb.admin<{ pendingTransitions: number }>('GET', 'clock')).pendingTransitions).toBe(tasks);
  });

  it('moves seeded PENDING and AWAITING_ACTION instances to ENABLED after instanceActivationMs; FAILED and CANCELED stay', async () => {
    const delay = (await settings(sb)).instanceActivationMs;
    const moving = instancesIn('PENDING', 'AWAITING_ACTION').map(({ pkg, instance }) => ({
      pkg: pkg.id,
      id: instance.instanceId,
      account: pkg.accountId,
      siteId: instance.siteId,
    }));
    const final = instancesIn('FAILED', 'CANCELED').map(({ pkg, instance }) => ({
      pkg: pkg.id,
      id: instance.instanceId,
      account: pkg.accountId,
      status: instance.status,
    }));
    expect(moving.map((m) => world().findInstance(m.id)?.instance.status).sort()).toEqual([
      'AWAITING_ACTION',
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    const planSite = moving.find((m) => m.siteId && world().sites.get(m.siteId)?.premium === false)?.siteId as string;
    expect(planSite).toBeDefined();
    // A configured failure share applies to new instances only: the seed fixes the outcome of its own.
    await sb.admin('POST', 'settings', { instanceFailureShare: 1 });

    await sb.advance(delay - 1);
    for (const m of moving)
      expect(await statusOverHttp(m.pkg, m.id, m.account)).toBe(world().findInstance(m.id)?.instance.status);
    expect(moving.every((m) => world().findInstance(m.id)?.instance.status !== 'ENABLED')).toBe(true);
    await sb.advance(1);
    for (const m of moving) expect(await statusOverHttp(m.pkg, m.id, m.account), m.id).toBe('ENABLED');
    expect(world().enabledAt.get(moving[0]?.id as string)).toBe(world().clock.now());
    const premium = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { id: planSite } } },
    });
    expect(premium.body.sites[0].premium).toBe(true);

    await sb.advance(24 * 3_600_000);
    for (const f of final) expect(await statusOverHttp(f.pkg, f.id, f.account)).toBe(f.status);
    expect((await sb.admin<{ pendingTransitions: number }>('GET', 'clock')).pendingTransitions).toBe(0);
  });

  it('propagates seeded connections: IN_PROGRESS → COMPLETED, UNKNOWN → IN_PROGRESS → COMPLETED, with the site flag', async () => {
    const { propagationStartMs, propagationMs } = await settings(sb);
    const inProgress = [...world().connectedDomains.values()]
      .filter((cd) => cd.dnsPropagationStatus === 'IN_PROGRESS')
      .map((cd) => cd.id);
    expect(inProgress.sort()).toEqual(['casaverde.org', 'goldengarden.info']);
    const subdomainSite = world().connectedDomains.get('shop.quietbistro.net')?.siteInfo.id as string;
    expect(world().sites.get(subdomainSite)?.domainConnected).toBe(false);
    expect(await propagation('shop.quietbistro.net')).toBe('UNKNOWN_DNS_PROPAGATION_STATUS');

    await sb.advance(propagationStartMs);
    expect(await propagation('shop.quietbistro.net')).toBe('IN_PROGRESS');
    for (const domain of inProgress) expect(await propagation(domain)).toBe('IN_PROGRESS');
    await sb.advance(propagationMs - propagationStartMs);
    for (const domain of inProgress) expect(await propagation(domain), domain).toBe('COMPLETED');
    expect(await propagation('shop.quietbistro.net')).toBe('IN_PROGRESS');
    await sb.advance(propagationStartMs);
    expect(await propagation('shop.quietbistro.net')).toBe('COMPLETED');
    const site = await sb.call('POST', '/site-list/v2/sites/query', {
      body: { query: { filter: { id: subdomainSite } } },
    });
    expect(site.body.sites[0].domainConnected).toBe(true);
    expect(await propagation('urbanstudio.io')).toBe('COMPLETED');
  });

  it('keeps a seeded FAILED_REGISTRATION as it is', async () => {
    const owner = world().registeredOwner.get('casaverde.co') as string;
    const before = (await sb.call('GET', '/domains/v1/registered-domains/casaverde.co', { accountId: owner })).body
      .registeredDomain;
    expect(before.status).toBe('FAILED_REGISTRATION');
    await sb.advance(7 * 24 * 3_600_000);
    expect(
      (await sb.call('GET', '/domains/v1/registered-domains/casaverde.co', { accountId: owner })).body.registeredDomain,
    ).toEqual(before);
  });

  it('does not move a seeded connection that was deleted before its time', async () => {
    const owner = world().connectedOwner.get('casaverde.org') as string;
    expect((await sb.call('DELETE', `${CONNECTED}/casaverde.org`, { accountId: owner })).status).toBe(200);
    await sb.advance((await settings(sb)).propagationMs);
    expect((await sb.call('GET', `${CONNECTED}/casaverde.org`, { accountId: owner })).status).toBe(404);
  });

  it('in real-time mode the seeded transitions are scheduled at the demo delays', async () => {
    const real = await startSandbox({ clock: 'real' });
    try {
      const w = real.world;
      const pending = [...w.packages.values()]
        .flatMap((p) => p.productInstances)
        .filter((i) => i.status === 'PENDING')
        .map((i) => i.instanceId);
      expect(pending.length).toBeGreaterThan(0);
      const advance = (ms: number) =>
        fetch(`${real.url}/_sandbox/clock/advance`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ms }),
        });
      // Advancing by the demo delay stands in for waiting it out (a real-time clock can be advanced too).
      await advance(REAL_TIME_SETTINGS.instanceActivationMs + 50);
      expect(pending.map((id) => w.findInstance(id)?.instance.status)).toEqual(pending.map(() => 'ENABLED'));
      expect(w.connectedDomains.get('goldengarden.info')?.dnsPropagationStatus).toBe('IN_PROGRESS');
      await advance(REAL_TIME_SETTINGS.propagationMs);
      expect(w.connectedDomains.get('goldengarden.info')?.dnsPropagationStatus).toBe('COMPLETED');
    } finally {
      await real.close();
    }
  });
});

/** A pending registration put into a freshly seeded world, as a seed would leave it. */
function pendingRegistration(w: World, domain: string, email: string): RegisteredDomain {
  const used = new Set([...w.registeredDomains.values()].map((rd) => rd.productInstanceId));
  const instance = [...w.packages.values()]
    .filter((p) => p.accountId === w.mainAccountId)
    .flatMap((p) => p.productInstances)
    .find((i) => i.catalogProductId === domainProductId('net') && i.status === 'ENABLED' && !used.has(i.instanceId));
  if (!instance) throw new Error('no unused .net instance');
  const now = w.now();
  const rd: RegisteredDomain = {
    id: domain,
    domain,
    productInstanceId: instance.instanceId,
    createdDate: now,
    updatedDate: now,
    revision: '1',
    contacts: { registrant: { ...SHERLOCK, email } },
    status: 'PENDING_REGISTRATION',
    pendingRegistrationInfo: { latestAttempt: { number: 1, timestamp: now } },
    icannConfirmationStatus: 'PENDING',
    icannConfirmationStatusInfo: null,
    dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
  };
  w.registeredDomains.set(domain, rd);
  w.registeredOwner.set(domain, w.mainAccountId);
  return rd;
}

describe('sandbox: a seeded PENDING_REGISTRATION resumes on the clock', () => {
  const run = (w: World, ms: number) => {
    w.clock.advance(ms);
    w.tick();
  };

  it('becomes ACTIVE after registrationMs for the instance’s cycle, then its DNS COMPLETED after propagationMs', () => {
    const w = seedWorld(1, 'manual');
    const rd = pendingRegistration(w, 'resumed-seed-domain.net', 'owner@example.com');
    resumeRegistration(w, rd);
    run(w, w.settings.registrationMs - 1);
    expect(rd.status).toBe('PENDING_REGISTRATION');
    run(w, 1);
    expect(rd).toMatchObject({
      status: 'ACTIVE',
      dnsPropagationStatus: 'IN_PROGRESS',
      icannConfirmationStatus: 'CONFIRMED_BY_ALL',
      revision: '2',
    });
    // The seeded .net instance has a 2-year cycle.
    expect(new Date(rd.expirationDate as string).getUTCFullYear() - new Date(w.now()).getUTCFullYear()).toBe(2);
    expect(w.dnsZones.has(rd.id)).toBe(true);
    run(w, w.settings.propagationMs);
    expect(rd.dnsPropagationStatus).toBe('COMPLETED');
  });

  it('ends FAILED_REGISTRATION when the registrar rejects the contacts', () => {
    const w = seedWorld(1, 'manual');
    const rd = pendingRegistration(w, 'rejected-seed-domain.net', 'owner@example.invalid');
    resumeRegistration(w, rd);
    run(w, w.settings.registrationMs);
    expect(rd.status).toBe('FAILED_REGISTRATION');
    expect(rd.failedRegistrationInfo?.message).toContain('owner@example.invalid');
  });

  it('completes the DNS of an ACTIVE domain whose propagation is IN_PROGRESS; leaves final ones alone', () => {
    const w = seedWorld(1, 'manual');
    const active = w.registeredDomains.get('pixelco-agency.com') as RegisteredDomain;
    active.dnsPropagationStatus = 'IN_PROGRESS';
    const before = w.pendingTasks();
    resumeRegistration(w, active);
    for (const rd of w.registeredDomains.values()) if (rd !== active) resumeRegistration(w, rd);
    expect(w.pendingTasks()).toBe(before + 1);
    run(w, w.settings.propagationMs);
    expect(active.dnsPropagationStatus).toBe('COMPLETED');
    expect(w.registeredDomains.get('casaverde.co')?.status).toBe('FAILED_REGISTRATION');
  });
});
