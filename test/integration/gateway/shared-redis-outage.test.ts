import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FlowOperationUpdatedDocument,
  FlowSetUpCustomerSiteDocument,
  RegisteredDomainUpdatedDocument,
  type FlowOperationUpdatedSubscription,
  type RegisteredDomainUpdatedSubscription,
} from '../../gql/graphql.js';
import { PrivateRedis, randomPrefix, TestCluster } from '../../helpers/redis-cluster.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { TestSubscription, eventually, sleep, wsClient } from '../../helpers/ws.js';
import { freeName, instance, mainSites, registration, settings } from './domain-fixtures.js';
import { customerSiteInput, gatewayData } from './flow-fixtures.js';
import { key } from './write-fixtures.js';

/**
 * Redis stopped during a run (a private redis-server the test kills with SIGKILL and starts again on the same port):
 * the instances go on degraded — each polls its own resources, `/readyz` answers 200 `degraded`, subscribers on
 * every instance still get every status change and the flow completes — and once Redis is back they share again:
 * one instance polls the resource for all.
 */
const INTERVAL_MS = 100;

describe('several instances: Redis stopped during a run, then back', () => {
  let sandbox: TestSandbox;
  let redis: PrivateRedis;
  let cluster: TestCluster;
  const clients: Client[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    sandbox = await TestSandbox.start();
    cluster = new TestCluster(sandbox, {
      redisUrl: redis.url,
      prefix: randomPrefix(),
      intervalMs: INTERVAL_MS,
      leaseMs: 600,
    });
    await cluster.add(3);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await cluster.close();
    await sandbox.close();
    await redis.stop();
  });

  const readyz = async (url: string) => {
    const res = await fetch(`${url}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Array<{ name: string }> } };
  };
  const polls = async () => (await sandbox.calls('getRegisteredDomain')).length;
  /** Polls of the resource in a window of `ms`. */
  const pollsIn = async (ms: number) => {
    const before = await polls();
    await sleep(ms);
    return (await polls()) - before;
  };

  it('subscriptions and a flow go on degraded, nothing lost; back: shared again', async () => {
    const gateways = cluster.gateways;
    for (const g of gateways) expect((await readyz(g.url)).body.status).toBe('ready');
    const [site] = mainSites(sandbox) as [string];
    const domain = await freeName(sandbox, 'com', 'outage');
    const res = await sandbox.call('POST', '/domains/v1/registered-domains', {
      body: registration(domain, await instance(sandbox, { tld: 'com' })),
      siteId: site,
    });
    expect(res.status).toBe(200);
    const subs = gateways.flatMap((g) => {
      const c = wsClient(g.url);
      clients.push(c);
      return Array.from(
        { length: 10 },
        () => new TestSubscription<RegisteredDomainUpdatedSubscription>(c, RegisteredDomainUpdatedDocument, { domain }),
      );
    });
    const firsts = await Promise.all(subs.map((s) => s.data(10_000)));
    expect(firsts.every((f) => f.registeredDomainUpdated.status === 'PENDING_REGISTRATION')).toBe(true);
    expect(cluster.holders()).toHaveLength(1);

    // A flow on instance 0 (it waits for Wix to deliver a plan), followed from instance 1.
    const [a, b] = gateways as [(typeof gateways)[0], (typeof gateways)[0]];
    const input = await customerSiteInput(sandbox, key());
    const id = (await gatewayData(a, FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation
      ?.id as string;
    const bClient = wsClient(b.url);
    clients.push(bClient);
    const opSub = new TestSubscription<FlowOperationUpdatedSubscription>(bClient, FlowOperationUpdatedDocument, { id });
    await opSub.data(10_000);

    // Redis dies.
    await redis.stop();
    await eventually(() => expect(gateways.map((g) => g.shared?.healthy)).toEqual([false, false, false]), 5_000);
    for (const g of gateways) {
      const ready = await readyz(g.url);
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.checks.map((c) => c.name)).toContain('redis');
    }
    expect(cluster.logs.filter((c) => c.lines.some((l) => l.includes('connection lost')))).toHaveLength(3);
    // Each instance polls on its own now: about three polls per interval.
    expect(await pollsIn(1_000)).toBeGreaterThanOrEqual(18);

    // Every subscriber on every instance still sees the registration complete, and the flow finishes.
    const { registrationMs } = await settings(sandbox);
    await sandbox.advance(registrationMs);
    const actives = await Promise.all(subs.map((s) => s.data(5_000)));
    expect(actives.every((n) => n.registeredDomainUpdated.status === 'ACTIVE')).toBe(true);
    let last = '';
    for (let i = 0; i < 60 && !['SUCCEEDED', 'FAILED'].includes(last); i++) {
      await sandbox.advance(60_000);
      last = (await opSub.data(5_000)).operationUpdated.status;
    }
    expect(last).toBe('SUCCEEDED');

    // Redis is back: the instances share again, one of them polls the domain for all.
    await redis.start();
    await eventually(() => expect(gateways.map((g) => g.shared?.healthy)).toEqual([true, true, true]), 10_000);
    for (const g of gateways) expect((await readyz(g.url)).body.status).toBe('ready');
    await eventually(() => expect(cluster.holders()).toHaveLength(1), 3_000);
    const shared = await pollsIn(1_000);
    expect(shared).toBeGreaterThanOrEqual(5);
    expect(shared).toBeLessThanOrEqual(12);

    // And the next change still reaches everyone, through the one poller.
    const { propagationMs } = await settings(sandbox);
    await sandbox.advance(propagationMs);
    const done = await Promise.all(subs.map((s) => s.data(5_000)));
    expect(done.every((n) => n.registeredDomainUpdated.dnsPropagationStatus === 'COMPLETED')).toBe(true);
    await Promise.all(subs.map((s) => s.ended(5_000)));
  });
});
