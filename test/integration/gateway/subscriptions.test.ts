import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegisteredDomainUpdatedDocument, type RegisteredDomainUpdatedSubscription } from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';
import { TestSubscription, eventually, sleep, wsClient } from '../../helpers/ws.js';
import { freeName, instance, mainSites, registration } from './domain-fixtures.js';

/**
 * Status subscriptions over graphql-ws against the sandbox (manual clock): the stream of a registering domain, one
 * upstream poll per interval whatever the number of subscribers, polling that stops with the last subscriber, and
 * pollers that back off through upstream failures without dropping their subscribers. Poll intervals are real time
 * (small here); the sandbox's registration happens on its virtual clock, advanced by the tests.
 */
const INTERVAL_MS = 100;

describe('gateway: status subscriptions (graphql-ws) fed by shared pollers', () => {
  let stack: TestStack;
  let clients: Client[] = [];
  const client = (options?: Parameters<typeof wsClient>[1]) => {
    const c = wsClient(stack.gateway.url, options);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    // No backoff while nothing changes (max = base), so the poll rate is exactly one per interval; no jitter.
    stack = await TestStack.start({
      gateway: {
        polling: { intervalMs: INTERVAL_MS, maxIntervalMs: INTERVAL_MS, jitter: 0 },
        websocket: { maxOperationsPerConnection: 100 },
      },
    });
  });
  afterAll(async () => stack.close());
  beforeEach(async () => {
    await stack.sandbox.reset();
  });
  afterEach(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    clients = [];
    await eventually(() => expect(stack.gateway.polling.stats().pollers).toBe(0));
  });

  /** Starts a registration through the sandbox's Create Registered Domain endpoint (as a partner would). */
  async function register(options: { siteId?: string } = {}): Promise<string> {
    const domain = await freeName(stack.sandbox, 'com', 'stream');
    const res = await stack.sandbox.call('POST', '/domains/v1/registered-domains', {
      body: registration(domain, await instance(stack.sandbox, { tld: 'com' })),
      siteId: options.siteId,
    });
    expect(res.status).toBe(200);
    expect(res.body.registeredDomain.status).toBe('PENDING_REGISTRATION');
    return domain;
  }

  async function settings(): Promise<{ registrationMs: number; propagationMs: number }> {
    return (await stack.sandbox.admin('GET', 'settings')).settings;
  }

  it('streams PENDING_REGISTRATION, then ACTIVE, then DNS COMPLETED as the clock advances, and completes', async () => {
    const [m0] = mainSites(stack.sandbox) as [string];
    const domain = await register({ siteId: m0 });
    const { registrationMs, propagationMs } = await settings();
    const sub = new TestSubscription<RegisteredDomainUpdatedSubscription>(client(), RegisteredDomainUpdatedDocument, {
      domain,
    });

    const first = (await sub.data()).registeredDomainUpdated;
    expect(first).toMatchObject({
      domain,
      status: 'PENDING_REGISTRATION',
      icannConfirmationStatus: 'PENDING',
      dnsPropagationStatus: 'UNKNOWN',
      ownerAccountId: stack.sandbox.seed.mainAccountId,
      site: null,
    });

    await stack.sandbox.advance(registrationMs);
    const active = (await sub.data()).registeredDomainUpdated;
    // The nested site is resolved with a fresh context per event (the domain was assigned when it became ACTIVE).
    expect(active).toMatchObject({
      status: 'ACTIVE',
      icannConfirmationStatus: 'CONFIRMED_BY_ALL',
      dnsPropagationStatus: 'IN_PROGRESS',
      site: { wixId: m0, premium: true },
    });

    await stack.sandbox.advance(propagationMs);
    expect((await sub.data()).registeredDomainUpdated).toMatchObject({
      status: 'ACTIVE',
      dnsPropagationStatus: 'COMPLETED',
    });
    await sub.ended();
    expect(sub.results).toHaveLength(3);
    expect(stack.gateway.polling.stats().pollers).toBe(0);
    // Every poll was a Get Registered Domain as the tenant.
    const polls = await stack.sandbox.calls('getRegisteredDomain');
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(
      polls.every(
        (c) =>
          c.accountId === stack.sandbox.seed.mainAccountId && c.path === `/domains/v1/registered-domains/${domain}`,
      ),
    ).toBe(true);
  });

  it('serves 200 subscribers with one upstream poll per interval, and stops polling when they all leave', async () => {
    const [m0] = mainSites(stack.sandbox) as [string];
    const domain = await register({ siteId: m0 });
    await stack.sandbox.clearCalls();
    // 4 connections × 50 subscriptions.
    const subs: Array<TestSubscription<RegisteredDomainUpdatedSubscription>> = [];
    for (let c = 0; c < 4; c++) {
      const cl = client();
      for (let i = 0; i < 50; i++) subs.push(new TestSubscription(cl, RegisteredDomainUpdatedDocument, { domain }));
    }
    const firsts = await Promise.all(subs.map((s) => s.data()));
    expect(firsts.every((d) => d.registeredDomainUpdated.status === 'PENDING_REGISTRATION')).toBe(true);
    expect(stack.gateway.polling.stats()).toMatchObject({ pollers: 1, listeners: 200, tenants: 1 });

    // A measured window: polls happen once per interval (the poller waits the interval after each answer).
    const before = (await stack.sandbox.calls('getRegisteredDomain')).length;
    const started = Date.now();
    await sleep(1_000);
    const during = (await stack.sandbox.calls('getRegisteredDomain')).length - before;
    const elapsed = Date.now() - started;
    expect(during).toBeGreaterThanOrEqual(Math.floor(elapsed / INTERVAL_MS / 2));
    expect(during).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL_MS) + 1);

    // One change reaches all 200 subscribers, from one poll; their nested `site` comes from one batched Query Sites
    // (the per-event context is shared by the tenant's subscriptions for a moment), not 200.
    await stack.sandbox.clearCalls();
    await stack.sandbox.advance((await settings()).registrationMs);
    const actives = await Promise.all(subs.map((s) => s.data()));
    expect(
      actives.every(
        (d) => d.registeredDomainUpdated.status === 'ACTIVE' && d.registeredDomainUpdated.site?.wixId === m0,
      ),
    ).toBe(true);
    expect((await stack.sandbox.calls('querySites')).length).toBeLessThanOrEqual(2);

    await Promise.all(subs.map((s) => s.stop()));
    await eventually(() =>
      expect(stack.gateway.polling.stats()).toMatchObject({ pollers: 0, listeners: 0, tenants: 0 }),
    );
    await sleep(INTERVAL_MS * 2); // a poll in flight when the last one left may still land
    await stack.sandbox.clearCalls();
    await sleep(INTERVAL_MS * 5);
    expect(await stack.sandbox.calls('getRegisteredDomain')).toHaveLength(0);
  });
});

describe('gateway: pollers under upstream failures', () => {
  const MAX_MS = 800;
  let stack: TestStack;
  let clients: Client[] = [];
  const client = () => {
    const c = wsClient(stack.gateway.url);
    clients.push(c);
    return c;
  };
  async function register(prefix: string): Promise<string> {
    const domain = await freeName(stack.sandbox, 'com', prefix);
    expect(
      (
        await stack.sandbox.call('POST', '/domains/v1/registered-domains', {
          body: registration(domain, await instance(stack.sandbox, { tld: 'com' })),
        })
      ).status,
    ).toBe(200);
    return domain;
  }

  beforeAll(async () => {
    stack = await TestStack.start({
      gateway: { polling: { intervalMs: INTERVAL_MS, maxIntervalMs: MAX_MS, jitter: 0 } },
    });
  });
  afterAll(async () => stack.close());
  beforeEach(async () => stack.sandbox.reset());
  afterEach(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    clients = [];
    await eventually(() => expect(stack.gateway.polling.stats().pollers).toBe(0));
  });

  it("backs off ×2 per upstream 500 up to the max, keeps the subscribers' stream, and resets on the next change", async () => {
    const sb = stack.sandbox;
    const domain = await register('errors');
    const sub = new TestSubscription<RegisteredDomainUpdatedSubscription>(client(), RegisteredDomainUpdatedDocument, {
      domain,
    });
    expect((await sub.data()).registeredDomainUpdated.status).toBe('PENDING_REGISTRATION');
    const delay = () => stack.gateway.polling.currentDelayMs(sb.seed.mainAccountId, `registeredDomain:${domain}`);

    await sb.admin('POST', 'faults', { target: 'getRegisteredDomain', errorShare: 1, errorStatus: 500 });
    const seen = new Set<number>();
    await eventually(() => {
      seen.add(delay() ?? 0);
      expect(delay()).toBe(MAX_MS);
    }, 15_000);
    // 100 → 150 → 225 … while unchanged, then ×2 per failure, capped at the max.
    expect([...seen].every((d) => d <= MAX_MS)).toBe(true);
    const faulted = (await sb.calls('getRegisteredDomain')).filter((c) => c.outcome === 'fault-5xx');
    expect(faulted.length).toBeGreaterThan(0);
    // Recovery: the stream was never broken, and the change resets the delay to the base interval.
    await sb.admin('DELETE', 'faults');
    await sb.advance((await sb.admin('GET', 'settings')).settings.registrationMs);
    expect((await sub.data(10_000)).registeredDomainUpdated.status).toBe('ACTIVE');
    expect(delay()).toBeLessThanOrEqual(INTERVAL_MS * 1.5);
    expect(sub.results.every((r) => !r.errors)).toBe(true);
  }, 30_000);

  it('honours Retry-After on 429 even above the max interval, and keeps the stream', async () => {
    const sb = stack.sandbox;
    const domain = await register('limited');
    const sub = new TestSubscription<RegisteredDomainUpdatedSubscription>(client(), RegisteredDomainUpdatedDocument, {
      domain,
    });
    expect((await sub.data()).registeredDomainUpdated.status).toBe('PENDING_REGISTRATION');

    // 429 with Retry-After: 2 s on three calls in a row — the HTTP client's two retries wait it out, then the poll
    // fails and the poller waits at least the Retry-After (2 s) although its max interval is 800 ms.
    await sb.admin('POST', 'faults', {
      target: 'getRegisteredDomain',
      rateLimitShare: 1,
      retryAfterSeconds: 2,
      times: 3,
    });
    await eventually(
      async () =>
        expect((await sb.calls('getRegisteredDomain')).filter((r) => r.outcome === 'fault-429')).toHaveLength(3),
      10_000,
    );
    const limited = (await sb.calls('getRegisteredDomain')).filter((r) => r.outcome === 'fault-429').at(-1)!;
    const limitedAt = Date.now();
    await eventually(
      async () =>
        expect((await sb.calls('getRegisteredDomain')).filter((r) => r.seq > limited.seq)).not.toHaveLength(0),
      10_000,
    );
    expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(1_900);

    // The stream survived and still delivers the change.
    await sb.advance((await sb.admin('GET', 'settings')).settings.registrationMs);
    expect((await sub.data(5_000)).registeredDomainUpdated.status).toBe('ACTIVE');
    expect(sub.results.every((r) => !r.errors)).toBe(true);
  }, 30_000);
});
