import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FlowOperationUpdatedDocument,
  FlowSetUpCustomerSiteDocument,
  RegisteredDomainUpdatedDocument,
  type FlowOperationUpdatedSubscription,
  type RegisteredDomainUpdatedSubscription,
  UpstreamBudgetDocument,
} from '../../gql/graphql.js';
import { Cluster, type ClusterInstance } from '../../helpers/cluster.js';
import { PrivateRedis, randomPrefix } from '../../helpers/redis-cluster.js';
import { TestSubscription, sleep, wsClient } from '../../helpers/ws.js';
import { freeName, instance, mainSites, registration, settings } from '../gateway/domain-fixtures.js';
import { customerSiteInput } from '../gateway/flow-fixtures.js';
import { expectOnePurchase, expectSameRun, purchaseTenTimes, statesOf, statusOf, until } from './scenarios.js';
import { expectReadCacheShared } from './shared-reads.js';

/**
 * Three gateway processes on one PostgreSQL database, one Redis and one sandbox (README "Running several
 * instances"): what issue 16 asks of them, each scenario against real processes killed with SIGKILL. Redis is a
 * redis-server of the test's own (the outage scenario kills it); polls every 100 ms, poll leases of 600 ms, operation
 * leases of 1 s; no rate budget to speak of (the budget scenario, last, restarts the instances with one).
 */
const LEASE_MS = 600;

describe('three gateway processes on PostgreSQL and Redis', () => {
  let redis: PrivateRedis;
  let cluster: Cluster;
  let clients: Client[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    cluster = await Cluster.start({
      instances: 3,
      env: {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: randomPrefix(),
        GATEWAY_INSTANCES: '3',
        POLL_LEASE_MS: String(LEASE_MS),
        POLL_INTERVAL_MS: '100',
        POLL_MAX_INTERVAL_MS: '100',
        OPERATION_LEASE_MS: '1000',
        READ_CACHE: 'on',
        WIX_RATE_LIMIT_PER_MINUTE: '1000000',
        METRICS_PORT: '0',
      },
    });
    for (const i of cluster.instances) expect((await i.readyz()).body.status).toBe('ready');
  }, 120_000);
  afterEach(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    clients = [];
    // A scenario that killed an instance leaves it started again for the next one.
    for (const i of cluster.instances) if (i.process.exited) await cluster.restart(i.index);
  });
  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  const client = (instance: ClusterInstance) => {
    const c = wsClient(instance.baseUrl, { token: null });
    clients.push(c);
    return c;
  };
  /** The instances that poll for all (they hold a poll lease), by index. */
  const holders = async () => {
    const leased = await Promise.all(cluster.alive.map(async (i) => [i.index, await i.metric('wag_pollers_leased')]));
    return leased.filter(([, n]) => (n as number) > 0).map(([i]) => i as number);
  };
  const polls = async () => (await cluster.sandbox.calls('getRegisteredDomain')).length;
  const pollsIn = async (ms: number) => {
    const before = await polls();
    await sleep(ms);
    return (await polls()) - before;
  };
  /** A registration the sandbox completes on its clock, made directly (not through the gateway). */
  async function pendingDomain(prefix: string): Promise<string> {
    const sandbox = cluster.sandbox;
    const domain = await freeName(sandbox, 'com', prefix);
    const res = await sandbox.call('POST', '/domains/v1/registered-domains', {
      body: registration(domain, await instance(sandbox, { tld: 'com' })),
      siteId: mainSites(sandbox)[0] as string,
    });
    expect(res.status).toBe(200);
    return domain;
  }
  const domainSubs = (domain: string, perInstance: number) =>
    cluster.instances.flatMap((i) => {
      const c = client(i);
      return Array.from(
        { length: perInstance },
        () => new TestSubscription<RegisteredDomainUpdatedSubscription>(c, RegisteredDomainUpdatedDocument, { domain }),
      );
    });

  it('a flow started on A, followed on A, B and C; A SIGKILLed mid-flow: B or C finishes it, all see every update, one purchase', async () => {
    const [a, b, c] = [cluster.at(0), cluster.at(1), cluster.at(2)];
    const input = await customerSiteInput(cluster.sandbox, `redis-crash-${Date.now()}`);
    const key = input.idempotencyKey;
    await cluster.sandbox.clearCalls();
    const id = (await a.data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation?.id as string;
    const subs = [a, b, c].map(
      (i) => new TestSubscription<FlowOperationUpdatedSubscription>(client(i), FlowOperationUpdatedDocument, { id }),
    );
    const follow = subs.map((s) => statesOf(s));
    // The sandbox's clock stands still: the flow bought the plan and waits for Wix to deliver it.
    await until(
      () => cluster.sandbox.calls('createPackage'),
      (calls) => calls.length === 1,
      'the purchase',
    );
    await sleep(300);
    await cluster.kill(0);
    const op = await until(
      async () => {
        await cluster.sandbox.advance(60_000);
        return statusOf(c, id);
      },
      (o) => o?.status === 'SUCCEEDED' || o?.status === 'FAILED',
      'B or C to finish the operation',
    );
    expect(op).toMatchObject({ id, status: 'SUCCEEDED', userErrors: [] });
    const [seenA, seenB, seenC] = (await Promise.all(follow)) as [string[], string[], string[]];
    // B and C saw the flow to its end, every state from when they subscribed (published by A, then by the finisher).
    for (const seen of [seenB, seenC]) {
      expect(JSON.parse(seen.at(-1) as string)[0]).toBe('SUCCEEDED');
      expect(seen.length).toBeGreaterThanOrEqual(3);
    }
    expectSameRun(seenB, seenC);
    // A's subscriber saw the same states until A died.
    expect(seenA.length).toBeGreaterThanOrEqual(1);
    expectSameRun(seenA, seenB);
    expectSameRun(seenA, seenC);
    await expectOnePurchase(cluster, key);
  }, 120_000);

  it('300 subscribers to one domain over the three: one poll per interval in all; the poller moves when its holder dies', async () => {
    const domain = await pendingDomain('cluster-watch');
    await cluster.sandbox.clearCalls();
    const subs = domainSubs(domain, 100);
    const firsts = await Promise.all(subs.map((s) => s.data(15_000)));
    expect(firsts.every((f) => f.registeredDomainUpdated.status === 'PENDING_REGISTRATION')).toBe(true);
    await until(holders, (h) => h.length === 1, 'one instance polling for all');
    // One process polls for all 300: in 2 s about 20 polls (each instance polling would make about 60).
    const during = await pollsIn(2_000);
    expect(during).toBeGreaterThanOrEqual(8);
    expect(during).toBeLessThanOrEqual(26);

    // The holder dies (SIGKILL: its lease is not let go); another instance polls once the lease has expired.
    const [first] = (await holders()) as [number];
    const diedAt = Date.now();
    await cluster.kill(first);
    const [next] = (await until(holders, (h) => h.length === 1, 'the poller to move', 10_000)) as [number];
    expect(next).not.toBe(first);
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(LEASE_MS * 0.5);
    expect(await pollsIn(1_000)).toBeLessThanOrEqual(14);

    // The subscribers of the living instances still get the change: registration completes on the sandbox's clock.
    await cluster.sandbox.advance((await settings(cluster.sandbox)).registrationMs);
    const living = subs.filter((_, n) => Math.floor(n / 100) !== first);
    const next2 = await Promise.all(living.map((s) => s.data(10_000)));
    expect(next2.every((n) => n.registeredDomainUpdated.status === 'ACTIVE')).toBe(true);
  }, 120_000);

  it('10 concurrent identical purchaseDomain requests over the three: one operation, one purchase', async () => {
    await purchaseTenTimes(cluster, 'redis-buy');
  }, 120_000);

  it('the read cache is shared: a read on A serves B without a Wix call; a write through C is seen on A at once', async () => {
    await expectReadCacheShared(cluster);
  }, 60_000);

  it('Redis stopped during a run: subscriptions and a flow go on degraded, nothing lost; back: shared again', async () => {
    const domain = await pendingDomain('cluster-outage');
    const subs = domainSubs(domain, 10);
    await Promise.all(subs.map((s) => s.data(15_000)));
    await until(holders, (h) => h.length === 1, 'one instance polling for all');
    const [a, b] = [cluster.at(0), cluster.at(1)];
    const input = await customerSiteInput(cluster.sandbox, `redis-outage-${Date.now()}`);
    const id = (await a.data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation?.id as string;
    const opSub = new TestSubscription<FlowOperationUpdatedSubscription>(client(b), FlowOperationUpdatedDocument, {
      id,
    });
    await opSub.data(10_000);

    await redis.stop();
    for (const i of cluster.instances) {
      const ready = await until(i.readyz.bind(i), (r) => r.body.status === 'degraded', 'degraded', 10_000);
      expect(ready.status).toBe(200);
      expect(ready.body.checks.map((c) => c.name)).toContain('redis');
    }
    // Each budgets a third of the limit on its own.
    const degraded = (await a.data(UpstreamBudgetDocument, {})).upstreamBudget;
    expect(degraded).toMatchObject({ mode: 'degraded', limit: 1_000_000 });
    expect(Math.round(degraded.effectiveLimit)).toBe(Math.round(1_000_000 / 3));
    // Each instance polls on its own now: about three polls per interval.
    expect(await pollsIn(1_000)).toBeGreaterThanOrEqual(15);

    // Every subscriber on every instance still sees the registration complete, and the flow on A finishes; B's
    // subscriber, without A's published states, reads them from PostgreSQL.
    await cluster.sandbox.advance((await settings(cluster.sandbox)).registrationMs);
    const actives = await Promise.all(subs.map((s) => s.data(10_000)));
    expect(actives.every((n) => n.registeredDomainUpdated.status === 'ACTIVE')).toBe(true);
    let last = '';
    for (let n = 0; n < 60 && !['SUCCEEDED', 'FAILED'].includes(last); n++) {
      await cluster.sandbox.advance(60_000);
      last = (await opSub.data(10_000)).operationUpdated.status;
    }
    expect(last).toBe('SUCCEEDED');

    // Redis is back: the instances share again, one of them polls the domain for all.
    await redis.start();
    for (const i of cluster.instances)
      await until(i.readyz.bind(i), (r) => r.body.status === 'ready', 'ready again', 15_000);
    await until(holders, (h) => h.length === 1, 'one instance polling for all again', 10_000);
    expect((await a.data(UpstreamBudgetDocument, {})).upstreamBudget.mode).toBe('shared');
    const shared = await pollsIn(1_000);
    expect(shared).toBeGreaterThanOrEqual(4);
    expect(shared).toBeLessThanOrEqual(13);
    await cluster.sandbox.advance((await settings(cluster.sandbox)).propagationMs);
    const done = await Promise.all(subs.map((s) => s.data(10_000)));
    expect(done.every((n) => n.registeredDomainUpdated.dnsPropagationStatus === 'COMPLETED')).toBe(true);
  }, 120_000);
});
