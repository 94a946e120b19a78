import type { Client } from 'graphql-ws';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import {
  DnsZoneByNameDocument,
  FlowOperationUpdatedDocument,
  FlowSetUpCustomerSiteDocument,
  RegisteredDomainUpdatedDocument,
  type FlowOperationUpdatedSubscription,
  type RegisteredDomainUpdatedSubscription,
  UpdateDnsZoneDocument,
} from '../../gql/graphql.js';
import { dropPrefix, randomPrefix, REDIS_URL, TestCluster } from '../../helpers/redis-cluster.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { TestSubscription, eventually, sleep, wsClient } from '../../helpers/ws.js';
import { freeName, instance, mainSites, registration, settings } from './domain-fixtures.js';
import { customerSiteInput, gatewayData } from './flow-fixtures.js';
import { key } from './write-fixtures.js';

/**
 * Three gateway instances in one process sharing the machine's Redis (each test its own key prefix) and one SQLite
 * operation store, against one sandbox: operation updates reach subscribers on every instance, one instance polls a
 * resource for all of them, and the poller moves when its holder closes or dies (its Redis connection dropped
 * without letting go of the lease, and its pollers stopped: what a crashed process leaves behind).
 */
const INTERVAL_MS = 100;
const LEASE_MS = 600;

describe('several instances sharing Redis: updates and pollers', () => {
  let sandbox: TestSandbox;
  let cluster: TestCluster;
  let prefix: string;
  let clients: Client[] = [];

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
  });
  afterAll(async () => sandbox.close());
  afterEach(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    clients = [];
    await cluster.close();
    await dropPrefix(REDIS_URL, prefix);
  });

  async function startCluster(): Promise<TestCluster> {
    await sandbox.reset();
    prefix = randomPrefix();
    cluster = new TestCluster(sandbox, { redisUrl: REDIS_URL, prefix, intervalMs: INTERVAL_MS, leaseMs: LEASE_MS });
    await cluster.add(3);
    for (const g of cluster.gateways) expect(g.shared?.healthy).toBe(true);
    await sandbox.clearCalls();
    return cluster;
  }

  const client = (url: string) => {
    const c = wsClient(url);
    clients.push(c);
    return c;
  };

  it('a flow started on A and followed on B and C: all three see every saved state, in order', async () => {
    const [a, b, c] = (await startCluster()).gateways as [
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
    ];
    const input = await customerSiteInput(sandbox, key());
    const id = (await gatewayData(a, FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation
      ?.id as string;
    const subs = [a, b, c].map(
      (g) =>
        new TestSubscription<FlowOperationUpdatedSubscription>(client(g.url), FlowOperationUpdatedDocument, { id }),
    );
    const follow = subs.map(async (sub) => {
      const states: string[] = [];
      for (;;) {
        const op = (await sub.data(10_000)).operationUpdated;
        states.push(JSON.stringify([op.status, op.steps.map((s) => s.status)]));
        if (['SUCCEEDED', 'FAILED', 'CANCELED'].includes(op.status)) return states;
      }
    });
    // The flow waits for Wix to deliver the plan (PENDING → ENABLED on the sandbox's clock).
    await eventually(async () => expect(a.operations.runner.runningCount).toBe(1));
    for (let i = 0; i < 40 && a.operations.runner.runningCount > 0; i++) {
      await sandbox.advance(60_000);
      await sleep(50);
    }
    const [seenA, seenB, seenC] = (await Promise.all(follow)) as [string[], string[], string[]];
    expect(JSON.parse(seenA.at(-1) as string)[0]).toBe('SUCCEEDED');
    // Each subscriber starts at the state current when it subscribed, then gets every later one: the same tail as A's.
    for (const seen of [seenB, seenC]) {
      const start = seenA.indexOf(seen[0] as string);
      expect(start, `${JSON.stringify(seen)} vs ${JSON.stringify(seenA)}`).toBeGreaterThanOrEqual(0);
      expect(seen).toEqual(seenA.slice(start));
      expect(seen.length).toBeGreaterThanOrEqual(3);
    }
    // B and C did not poll the store for them: the runner on A published every state.
    expect(a.shared?.operations.published).toBeGreaterThanOrEqual(seenA.length);
    expect(b.shared?.operations.published).toBe(0);
    expect(c.shared?.operations.published).toBe(0);
    // The instances the flow waited on were polled once per interval in all, not by each instance.
    expect(cluster.holders().length).toBeLessThanOrEqual(1);
  });

  it('300 subscribers over three instances: one poll per interval in all; the poller moves on close and on death', async () => {
    const [g0, g1, g2] = (await startCluster()).gateways as [
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
    ];
    const [site] = mainSites(sandbox) as [string];
    const domain = await freeName(sandbox, 'com', 'shared');
    const res = await sandbox.call('POST', '/domains/v1/registered-domains', {
      body: registration(domain, await instance(sandbox, { tld: 'com' })),
      siteId: site,
    });
    expect(res.status).toBe(200);
    await sandbox.clearCalls();

    const subs = [g0, g1, g2].flatMap((g) => {
      const c = client(g.url);
      return Array.from(
        { length: 100 },
        () => new TestSubscription<RegisteredDomainUpdatedSubscription>(c, RegisteredDomainUpdatedDocument, { domain }),
      );
    });
    const firsts = await Promise.all(subs.map((s) => s.data(10_000)));
    expect(firsts.every((f) => f.registeredDomainUpdated.status === 'PENDING_REGISTRATION')).toBe(true);
    expect(cluster.holders()).toHaveLength(1);

    // One instance polls for all 300: in 1.5 s about 15 polls (each instance polling would be about 45).
    const polls = async () => (await sandbox.calls('getRegisteredDomain')).length;
    const before = await polls();
    await sleep(1_500);
    const during = (await polls()) - before;
    expect(during).toBeGreaterThanOrEqual(10);
    expect(during).toBeLessThanOrEqual(18);

    // The holder closes: it lets go of the lease and another instance polls at once.
    const first = cluster.holders()[0] as number;
    await (cluster.gateways[first] as (typeof cluster.gateways)[0]).close();
    await eventually(() => expect(cluster.holders().filter((i) => i !== first)).toHaveLength(1), 2_000);
    const second = cluster.holders().find((i) => i !== first) as number;

    // The new holder dies: its Redis connection drops without releasing the lease and its pollers stop. The last
    // instance takes the resource over only once the lease has expired.
    const dying = cluster.gateways[second] as (typeof cluster.gateways)[0];
    const diedAt = Date.now();
    dying.shared?.link.kill();
    dying.polling.close();
    const last = [0, 1, 2].find((i) => i !== first && i !== second) as number;
    await eventually(() => expect(cluster.holders()).toEqual([last]), 3_000);
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(LEASE_MS * 0.5);

    // The remaining subscribers still get every change: registration completes on the sandbox's clock.
    const onLast = subs.slice(last * 100, last * 100 + 100);
    await sandbox.advance((await settings(sandbox)).registrationMs);
    const next = await Promise.all(onLast.map((s) => s.data(5_000)));
    expect(next.every((n) => n.registeredDomainUpdated.status === 'ACTIVE')).toBe(true);
  });

  it('caches shared: a DNS zone read on A serves B and C; an edit through B is seen on A and C', async () => {
    const [a, b, c] = (await startCluster()).gateways as [
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
      (typeof cluster.gateways)[0],
    ];
    const domain = 'pixelco-agency.com';
    const zoneReads = async () => (await sandbox.calls('getDnsZone')).length;
    const zone = async (g: typeof a) => (await gatewayData(g, DnsZoneByNameDocument, { domain })).dnsZone!;
    const before = await zone(a);
    expect(await zoneReads()).toBe(1);
    expect(await zone(b)).toEqual(before);
    expect(await zone(c)).toEqual(before);
    expect(await zoneReads()).toBe(1);
    expect(b.shared?.cacheTier.hits).toBeGreaterThanOrEqual(1);

    const old = before.records.find((r) => r.type === 'A')!;
    const { updateDnsZone } = await gatewayData(b, UpdateDnsZoneDocument, {
      input: {
        domain,
        deletions: [{ type: 'A', hostName: old.hostName, values: old.values }],
        additions: [{ type: 'A', hostName: domain, ttl: 600, values: ['203.0.113.10'] }],
      },
    });
    expect(updateDnsZone.userErrors).toEqual([]);
    // The write on B dropped the zone on every instance (published invalidation): A reads Wix once, C takes A's read.
    await eventually(async () =>
      expect((await zone(a)).records.find((r) => r.type === 'A')?.values).toEqual(['203.0.113.10']),
    );
    expect((await zone(c)).records.find((r) => r.type === 'A')?.values).toEqual(['203.0.113.10']);
    expect(await zoneReads()).toBe(2);
  });
});
