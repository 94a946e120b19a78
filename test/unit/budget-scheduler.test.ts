import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetClass } from '../../src/budget/call-budget.js';
import { UpstreamScheduler } from '../../src/budget/scheduler.js';

/** The scheduler on vitest's fake clock: every wait below is simulated time, so the figures are exact. */
function scheduler(options: Partial<ConstructorParameters<typeof UpstreamScheduler>[0]> = {}) {
  return new UpstreamScheduler({ limit: 60, windowMs: 60_000, now: () => Date.now(), ...options });
}

describe('the rate budget scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never lets more than the limit through in any sliding window, whatever the demand', async () => {
    const s = scheduler({ limit: 60, maxWaitMs: 600_000 });
    const granted: number[] = [];
    // 400 calls wanting to go at once, from three classes and several tenants: far more than 60 a minute.
    for (let i = 0; i < 400; i++) {
      const cls = [BudgetClass.INTERACTIVE, BudgetClass.FLOW, BudgetClass.POLL][i % 3] as BudgetClass;
      void Promise.resolve(s.acquire(cls, `t${i % 7}`)).then(
        () => granted.push(Date.now()),
        () => undefined,
      );
    }
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(granted.length).toBeGreaterThan(200);
    for (const start of granted) {
      const inWindow = granted.filter((t) => t >= start && t < start + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(60);
    }
    s.close();
  });

  it('serves interactive calls before flow steps before polls, and tenants in turn within a class', async () => {
    const s = scheduler({ limit: 60, burst: 1, maxWaitMs: 600_000 });
    await s.acquire(BudgetClass.FLOW, 'x'); // empties the bucket
    const order: string[] = [];
    const take = (cls: BudgetClass, tenant: string, label: string) =>
      void Promise.resolve(s.acquire(cls, tenant)).then(() => order.push(label));
    take(BudgetClass.POLL, 'a', 'poll-a');
    take(BudgetClass.FLOW, 'a', 'flow-a');
    for (let i = 1; i <= 3; i++) take(BudgetClass.INTERACTIVE, 'busy', `busy-${i}`);
    take(BudgetClass.INTERACTIVE, 'quiet', 'quiet-1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(order).toEqual(['busy-1', 'quiet-1', 'busy-2', 'busy-3', 'flow-a', 'poll-a']);
    s.close();
  });

  it('refuses an interactive call at once when it would wait longer than maxWaitMs, with retryAfterSeconds', async () => {
    const s = scheduler({ limit: 60, burst: 2, maxWaitMs: 2_500 });
    expect(s.acquire(BudgetClass.INTERACTIVE, 't')).toBe(0);
    expect(s.acquire(BudgetClass.INTERACTIVE, 't')).toBe(0);
    // One token per 60 s / 58 ≈ 1.03 s: the next two wait (1.03 s, 2.07 s), the third would wait 3.1 s > 2.5 s.
    const waiting = s.acquire(BudgetClass.INTERACTIVE, 't');
    const second = s.acquire(BudgetClass.INTERACTIVE, 't');
    let refused: unknown;
    try {
      void s.acquire(BudgetClass.INTERACTIVE, 't');
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ extensions: { code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 4 } });
    await vi.advanceTimersByTimeAsync(2_200);
    await expect(waiting).resolves.toBeGreaterThan(1_000);
    await expect(second).resolves.toBeGreaterThan(2_000);
    expect(s.snapshot().rejected).toBe(1);
    s.close();
  });

  it('bounds every queue: past maxQueued a call is refused instead of queued', () => {
    const s = scheduler({ limit: 60, burst: 1, maxQueued: { poll: 5 } });
    void s.acquire(BudgetClass.POLL, 't');
    const queued = Array.from({ length: 5 }, () => Promise.resolve(s.acquire(BudgetClass.POLL, 't')));
    expect(() => s.acquire(BudgetClass.POLL, 't')).toThrow(/queue is full/);
    expect(s.snapshot().queued.poll).toBe(5);
    s.close();
    return Promise.allSettled(queued);
  });

  it('a 429 pauses every class for its Retry-After and halves the rate, which then climbs back', async () => {
    const s = scheduler({ limit: 120, maxWaitMs: 600_000 });
    s.throttledBy(5_000);
    expect(s.snapshot()).toMatchObject({ effectiveLimit: 60, throttled: 1, tokens: 0 });
    let at = 0;
    void Promise.resolve(s.acquire(BudgetClass.INTERACTIVE, 't')).then(() => (at = Date.now()));
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(4_900);
    expect(at).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(at - start).toBeGreaterThanOrEqual(5_000);
    // Additive increase: a twentieth of the limit (6) back per sixth of a window (10 s).
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.snapshot().effectiveLimit).toBe(96);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.snapshot().effectiveLimit).toBe(120);
    s.close();
  });

  it('polls leave a reserve for interactive calls', () => {
    const s = scheduler({ limit: 200, burst: 4 });
    // Burst 4, reserve 2: two polls go, the third waits although two tokens are left.
    expect(s.acquire(BudgetClass.POLL, 't')).toBe(0);
    expect(s.acquire(BudgetClass.POLL, 't')).toBe(0);
    const third = s.acquire(BudgetClass.POLL, 't');
    expect(third).toBeInstanceOf(Promise);
    expect(s.acquire(BudgetClass.INTERACTIVE, 't')).toBe(0);
    s.close();
    return Promise.allSettled([Promise.resolve(third)]);
  });
});
