import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors.js';
import { PollerRegistry, type WatchSpec } from '../../src/polling/pollers.js';

/**
 * The registry's timing, dedup and caps with a fake fetcher (the poller's own input) and fake timers. The
 * integration tests (test/integration/gateway/subscriptions.test.ts) are the evidence against the sandbox.
 */
interface State {
  status: string;
  noise?: number;
}

/** A resource whose fetcher answers from `script` (a state, or an error to throw) and records call times. */
function fakeResource(initial: State | Error) {
  const resource = {
    state: initial,
    calls: [] as number[],
    spec(tenantId = 'tenant-a', name = 'thing:1'): WatchSpec<State> {
      return {
        tenantId,
        resource: name,
        fetch: async () => {
          resource.calls.push(Date.now());
          if (resource.state instanceof Error) throw resource.state;
          return { ...resource.state };
        },
        project: (v) => v.status,
        isFinal: (v) => v.status === 'DONE',
      };
    },
  };
  return resource;
}

async function take<T>(iter: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = await iter.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

describe('PollerRegistry', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const registry = (o: ConstructorParameters<typeof PollerRegistry>[0] = {}) =>
    new PollerRegistry({ intervalMs: 100, maxIntervalMs: 1_000, jitter: 0, ...o });

  it('shares one poller between listeners, pushes only projected changes, and completes at a final state', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING', noise: 1 });
    const a = reg.watch(res.spec());
    const b = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    expect(res.calls).toHaveLength(1);
    expect(await take(a, 1)).toEqual([{ status: 'PENDING', noise: 1 }]);
    expect(await take(b, 1)).toEqual([{ status: 'PENDING', noise: 1 }]);
    res.state = { status: 'PENDING', noise: 2 }; // not a projected change
    await vi.advanceTimersByTimeAsync(100);
    res.state = { status: 'DONE', noise: 3 };
    await vi.advanceTimersByTimeAsync(150);
    expect(res.calls).toHaveLength(3);
    expect(await take(a, 5)).toEqual([{ status: 'DONE', noise: 3 }]);
    expect(await take(b, 5)).toEqual([{ status: 'DONE', noise: 3 }]);
    expect(reg.stats()).toMatchObject({ pollers: 0, listeners: 0, tenants: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(res.calls).toHaveLength(3);
  });

  it('gives a late listener the latest state at once, without an upstream read', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const a = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    const late = reg.watch(res.spec());
    expect(await take(late, 1)).toEqual([{ status: 'PENDING' }]);
    expect(res.calls).toHaveLength(1);
    await a.return();
    await late.return();
  });

  it('backs off ×1.5 while nothing changes, up to the max, and resets on a change', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const w = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(5_000);
    const gaps = res.calls.slice(1).map((t, i) => t - (res.calls[i] as number));
    expect(gaps.slice(0, 7)).toEqual([100, 150, 225, 338, 506, 759, 1000]);
    res.state = { status: 'RUNNING' };
    const before = res.calls.length;
    await vi.advanceTimersToNextTimerAsync(); // the poll that sees the change
    expect(res.calls.length).toBe(before + 1);
    expect(reg.currentDelayMs('tenant-a', 'thing:1')).toBe(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(res.calls.length).toBe(before + 2);
    expect(reg.currentDelayMs('tenant-a', 'thing:1')).toBe(150);
    await w.return();
  });

  it('stops polling when the last listener leaves', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const a = reg.watch(res.spec());
    const b = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    await a.return();
    await vi.advanceTimersByTimeAsync(100);
    expect(res.calls).toHaveLength(2);
    await b.return();
    expect(reg.stats().pollers).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(res.calls).toHaveLength(2);
  });

  it('backs off on transient failures, honours Retry-After, and keeps the stream open', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const w = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    expect(await take(w, 1)).toEqual([{ status: 'PENDING' }]);
    res.state = new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Wix failed');
    await vi.advanceTimersByTimeAsync(100); // fails → 200
    expect(reg.currentDelayMs('tenant-a', 'thing:1')).toBe(200);
    await vi.advanceTimersByTimeAsync(200); // fails → 400
    expect(reg.currentDelayMs('tenant-a', 'thing:1')).toBe(400);
    res.state = new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, 'slow down', { retryAfterSeconds: 3 });
    await vi.advanceTimersByTimeAsync(400);
    const rateLimitedAt = res.calls.at(-1) as number;
    res.state = { status: 'DONE' };
    await vi.advanceTimersByTimeAsync(2_999);
    expect(res.calls.at(-1)).toBe(rateLimitedAt); // waits the full Retry-After, above maxIntervalMs
    await vi.advanceTimersByTimeAsync(1);
    expect(await take(w, 2)).toEqual([{ status: 'DONE' }]);
  });

  it('ends the stream with a non-transient error', async () => {
    const reg = registry();
    const res = fakeResource(new GatewayError(ErrorCode.NOT_FOUND, 'gone'));
    const w = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    await expect(w.next()).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect((await w.next()).done).toBe(true);
    expect(reg.stats().pollers).toBe(0);
  });

  it('caps pollers per tenant (joining an existing one is free), never sharing across tenants', async () => {
    const reg = registry({ maxPollersPerTenant: 2 });
    const res = fakeResource({ status: 'PENDING' });
    const w1 = reg.watch(res.spec('tenant-a', 'r:1'));
    const w2 = reg.watch(res.spec('tenant-a', 'r:2'));
    const again = reg.watch(res.spec('tenant-a', 'r:1'));
    let error: unknown;
    try {
      reg.watch(res.spec('tenant-a', 'r:3'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).extensions).toMatchObject({
      code: ErrorCode.UPSTREAM_RATE_LIMITED,
      limit: 'MAX_POLLERS_PER_TENANT',
    });
    const other = reg.watch(res.spec('tenant-b', 'r:1'));
    expect(reg.stats()).toMatchObject({ pollers: 3, tenants: 2, listeners: 4 });
    await w2.return();
    const w3 = reg.watch(res.spec('tenant-a', 'r:3'));
    for (const w of [w1, again, other, w3]) await w.return();
    expect(reg.stats()).toMatchObject({ pollers: 0, tenants: 0 });
  });

  it('waitFor resolves on the predicate or a final state, and leaves on abort', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const waiting = reg.waitFor(res.spec(), (v) => v.status === 'RUNNING');
    const controller = new AbortController();
    const aborted = reg.waitFor(res.spec(), () => false, controller.signal);
    await vi.advanceTimersByTimeAsync(0);
    res.state = { status: 'RUNNING' };
    await vi.advanceTimersByTimeAsync(100);
    await expect(waiting).resolves.toEqual({ status: 'RUNNING' });
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    expect(reg.stats().pollers).toBe(0);
  });

  it("bounds a slow listener's queue, keeping the newest states", async () => {
    const reg = registry({ listenerBuffer: 2 });
    const res = fakeResource({ status: 'S0' });
    const w = reg.watch(res.spec());
    for (let i = 1; i <= 5; i++) {
      await vi.advanceTimersByTimeAsync(100);
      res.state = { status: `S${i}` };
    }
    await vi.advanceTimersByTimeAsync(100);
    expect((await take(w, 2)).map((s) => s.status)).toEqual(['S4', 'S5']);
    await w.return();
  });

  it('close() completes every listener and refuses new watches', async () => {
    const reg = registry();
    const res = fakeResource({ status: 'PENDING' });
    const w = reg.watch(res.spec());
    await vi.advanceTimersByTimeAsync(0);
    reg.close();
    expect(await take(w, 5)).toEqual([{ status: 'PENDING' }]);
    expect(() => reg.watch(res.spec())).toThrow(/shutting down/);
  });
});
