import { print } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardDocument, DomainAvailabilityDocument, UpstreamBudgetDocument } from '../../gql/graphql.js';
import { TestStack, type StackOptions } from '../../helpers/stack.js';

/**
 * The rate budget against the sandbox over HTTP: interactive calls past the budget fail fast with
 * UPSTREAM_RATE_LIMITED and retryAfterSeconds (nothing more reaches Wix); a sandbox stricter than the gateway's
 * setting makes the gateway step down and stay quiet during every Retry-After; every answer tells its upstream cost
 * in `extensions.upstream`; `upstreamBudget` is for admins only.
 */
describe('gateway: the rate budget', () => {
  let stack: TestStack | undefined;
  const start = async (options: StackOptions) => (stack = await TestStack.start(options));
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('answers a burst beyond the budget at once with UPSTREAM_RATE_LIMITED and retryAfterSeconds', async () => {
    const s = await start({ gateway: { budget: { limit: 60, maxWaitMs: 500, readCache: false } } });
    const began = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => s.run(DomainAvailabilityDocument, { domain: `burst-${i}.com` })),
    );
    const elapsed = performance.now() - began;
    const limited = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'UPSTREAM_RATE_LIMITED');
    const served = answers.filter((a) => a.data?.domainAvailability);
    // Burst 3 (one spent by the start-up check) and a token every ~1.05 s: what is in the bucket goes at once, no
    // other call could get budget within 500 ms, so the rest are refused at once.
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeLessThanOrEqual(4);
    expect(limited.length).toBe(40 - served.length);
    for (const a of limited) expect(a.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeLessThan(3_000);
    // Refused calls never reached Wix.
    expect((await s.sandbox.calls('checkDomainAvailability')).length).toBe(served.length);
    const { upstreamBudget } = await s.data(UpstreamBudgetDocument, {});
    expect(upstreamBudget).toMatchObject({ limit: 60, rejected: limited.length, burst: 3 });
    expect(upstreamBudget.classes.map((c) => c.name)).toEqual(['interactive', 'flow', 'poll']);
  });

  it('steps down under a stricter Wix limit and sends nothing during a Retry-After', { timeout: 60_000 }, async () => {
    // The gateway thinks it may make 60 calls per 2 s; Wix (the sandbox) allows 10.
    const s = await start({ gateway: { budget: { limit: 60, windowMs: 2_000, maxWaitMs: 20_000, readCache: false } } });
    await s.sandbox.setRateLimit(10, 2_000);
    await s.sandbox.clearCalls();
    const until = Date.now() + 6_000;
    const failures: string[] = [];
    let i = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() < until) {
          const a = await s.run(DomainAvailabilityDocument, { domain: `adapt-${i++}.com` });
          if (a.errors?.length) failures.push(String(a.errors[0]?.extensions?.code));
        }
      }),
    );
    const calls = await s.sandbox.calls();
    const refused = calls.filter((c) => c.outcome === 'rate-limited');
    expect(refused.length).toBeGreaterThan(0);
    // No call arrived while a Retry-After was running (50 ms for a call already on the wire when the 429 came).
    for (const r of refused) {
      const retryAfterMs = 1_000; // the sandbox's Retry-After here is at least 1 s (whole seconds, rounded up)
      const during = calls.filter(
        (c) => c.receivedAt > r.receivedAt + 50 && c.receivedAt < r.receivedAt + retryAfterMs,
      );
      expect(during, `calls during the Retry-After of the 429 at ${r.receivedAt}`).toEqual([]);
    }
    const { upstreamBudget } = await s.data(UpstreamBudgetDocument, {});
    expect(upstreamBudget.throttled).toBeGreaterThan(0);
    expect(upstreamBudget.effectiveLimit).toBeLessThan(60);
    // Most calls went through: the gateway adapted rather than failing its callers.
    expect(calls.filter((c) => c.outcome === 'ok').length).toBeGreaterThan(failures.length);
  });

  it('tells each answer its upstream cost; a second dashboard comes from the cache; no-cache reads fresh', async () => {
    const s = await start({ gateway: { budget: { limit: 100_000, readCache: {} } } });
    const first = await s.run(DashboardDocument, { first: 100 });
    expect(first.errors).toBeUndefined();
    const cold = first.extensions?.upstream as { calls: number; cached: number; shared: number; waitedMs: number };
    expect(cold.calls).toBe((await s.sandbox.calls()).length);
    expect(cold).toMatchObject({ cached: 0 });
    expect(cold.calls).toBeGreaterThanOrEqual(3);

    await s.sandbox.clearCalls();
    const second = await s.run(DashboardDocument, { first: 100 });
    expect(second.data).toEqual(first.data);
    // Every read answered from the read cache (setup info and DNS zones also from the gateway's domain-details cache).
    expect(second.extensions?.upstream).toMatchObject({ calls: 0 });
    expect((second.extensions?.upstream as { cached: number }).cached).toBeGreaterThanOrEqual(3);
    expect(await s.sandbox.calls()).toHaveLength(0);

    const fresh = await s.run(DashboardDocument, { first: 100 }, { 'cache-control': 'no-cache' });
    expect(fresh.extensions?.upstream).toMatchObject({ calls: cold.calls, cached: 0 });
    expect(await s.sandbox.calls()).toHaveLength(cold.calls);
  });

  it('shows upstreamBudget to admins only', async () => {
    const s = await start({ gateway: { budget: { limit: 200, readCache: {} } } });
    const reader = await s.token({ scopes: ['read'] });
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
      body: JSON.stringify({ query: print(UpstreamBudgetDocument) }),
    });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { upstreamBudget } = await s.data(UpstreamBudgetDocument, {});
    expect(upstreamBudget).toMatchObject({ limit: 200, effectiveLimit: 200, windowSeconds: 60, burst: 10 });
    expect(upstreamBudget.readCache).not.toBeNull();
    expect(upstreamBudget.pollPace).toMatchObject({ flowResources: 0, subscriptionResources: 0 });
  });
});
