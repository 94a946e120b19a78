import { ErrorCode, GatewayError } from '../errors.js';
import { BUDGET_CLASSES, BudgetClass } from './call-budget.js';
import {
  DEFAULT_BUDGET,
  definedOnly,
  MAX_PAUSE_MS,
  type BudgetOptions,
  type BudgetSnapshot,
} from './budget-options.js';
import type { SharedBucket } from './shared-bucket.js';
import { TokenBucket } from './token-bucket.js';
import { UsageLog } from './usage-log.js';
import { WaitQueues, type Waiter } from './wait-queues.js';

/**
 * The one scheduler in front of every upstream call (WixHttp asks it before each attempt, retries included). Calls
 * take tokens from a {@link TokenBucket}; when none is left they wait in bounded queues served class by class
 * (interactive, then flow steps, then polls) and, within a class, round-robin over tenants, so one busy customer
 * cannot starve the others. Polls leave a small reserve for interactive calls. An interactive call that would wait
 * longer than `maxWaitMs` fails at once with UPSTREAM_RATE_LIMITED and `retryAfterSeconds`. A 429 from Wix pauses
 * every class for its Retry-After and halves the limit in force, which then climbs back by a twentieth of the limit
 * every sixth of a window without another 429 (AIMD).
 */
export class UpstreamScheduler {
  readonly bucket: TokenBucket;
  readonly options: Required<Omit<BudgetOptions, 'maxQueued' | 'shared' | 'observeWait'>> & {
    maxQueued: Record<BudgetClass, number>;
  };
  private readonly shared: SharedBucket | undefined;
  private readonly observeWait: BudgetOptions['observeWait'];
  /** A drain of the shared bucket is running (one at a time). */
  private sharedDraining = false;
  /** After a failed Redis call, the local fallback serves until then. */
  private sharedBackoffUntil = 0;
  private readonly queues: WaitQueues;
  private readonly usage: UsageLog;
  private timer: NodeJS.Timeout | undefined;
  private lastStep: number;
  /** 429s seen. */
  throttled = 0;
  /** Calls refused for budget (interactive over maxWaitMs, or a full queue). */
  rejected = 0;

  constructor(options: BudgetOptions) {
    const now = options.now ?? (() => performance.now());
    const limit = options.limit;
    const burst = options.burst ?? Math.min(10, Math.max(1, Math.floor(limit / 20)));
    this.options = {
      ...DEFAULT_BUDGET,
      ...definedOnly(options),
      burst,
      now,
      maxQueued: { ...DEFAULT_BUDGET.maxQueued, ...options.maxQueued },
    };
    if (!(this.options.pollShare > 0 && this.options.pollShare <= 1))
      throw new RangeError('pollShare must be in (0, 1]');
    this.shared = options.shared;
    this.observeWait = options.observeWait;
    // With a shared bucket, the local one is the fallback: this instance's share of the limit.
    const local = this.shared ? Math.max(burst + 1, Math.floor(limit / this.options.instances)) : limit;
    this.bucket = new TokenBucket(local, burst, this.options.windowMs, now);
    this.queues = new WaitQueues();
    this.usage = new UsageLog(this.options.windowMs, now);
    this.lastStep = now();
  }

  /** True while tokens come from the shared bucket (Redis up, and no failure in the last second). */
  private get sharedUp(): boolean {
    return this.shared?.healthy === true && this.options.now() >= this.sharedBackoffUntil;
  }

  /** Tokens polls leave for interactive calls (half the burst, rounded down: a burst of 1 keeps none). */
  private get reserve(): number {
    return Math.floor(this.options.burst / 2);
  }

  /**
   * Waits for a token for one call of `budgetClass` for `tenant`; resolves with the time waited (ms). Rejects with
   * UPSTREAM_RATE_LIMITED when the call cannot get budget soon enough (interactive) or its queue is full.
   */
  acquire(budgetClass: BudgetClass, tenant: string): Promise<number> | number {
    if (this.sharedUp) return this.enqueueShared(budgetClass, tenant);
    this.recover();
    const keep = budgetClass === BudgetClass.POLL ? this.reserve : 0;
    if (!this.queues.aheadOf(budgetClass) && this.bucket.tryTake(keep)) {
      this.usage.record(budgetClass, tenant);
      this.observeWait?.(budgetClass, 0);
      return 0;
    }
    if (this.queues.size(budgetClass) >= this.options.maxQueued[budgetClass])
      throw this.refuse(this.bucket.msUntil(this.queues.size(budgetClass) + 1), `the ${budgetClass} queue is full`);
    if (budgetClass === BudgetClass.INTERACTIVE) {
      const expected = this.bucket.msUntil(this.queues.size(budgetClass) + 1);
      if (expected > this.options.maxWaitMs) throw this.refuse(expected, 'the rate budget is used up');
    }
    const promise = this.queues.add(
      budgetClass,
      tenant,
      this.options.now(),
      budgetClass === BudgetClass.INTERACTIVE ? this.options.maxWaitMs : undefined,
      () => this.refuse(this.bucket.msUntil(this.queues.size(budgetClass)), 'no budget came in time'),
    );
    this.arm();
    return promise;
  }

  /** Wix answered 429: every class pauses for `retryAfterMs` (a token's time when absent) and the limit halves. */
  throttledBy(retryAfterMs: number | undefined): void {
    const now = this.options.now();
    this.throttled++;
    const floor = Math.max(this.options.burst + 1, Math.ceil(this.bucket.maxLimit / 10));
    if (this.shared && this.sharedUp) {
      const pauseMs = Math.min(MAX_PAUSE_MS, retryAfterMs ?? this.options.windowMs / this.options.limit);
      const sharedFloor = Math.max(this.options.burst + 1, Math.ceil(this.options.limit / 10));
      void this.shared.throttle(pauseMs, sharedFloor).catch(() => undefined);
    }
    this.bucket.limit = Math.max(floor, Math.floor(this.bucket.limit / 2));
    this.lastStep = now;
    // A Retry-After is obeyed up to five minutes (a misbehaving upstream must not park the gateway for a day).
    this.bucket.pause(now + Math.min(MAX_PAUSE_MS, retryAfterMs ?? 1 / this.bucket.ratePerMs));
    this.arm();
  }

  /** Share of the limit in force that polls may use, in polls per ms. */
  pollRatePerMs(): number {
    const limit = this.shared && this.sharedUp ? this.shared.limit : this.bucket.limit;
    return (this.options.pollShare * limit) / this.options.windowMs;
  }

  snapshot(): BudgetSnapshot {
    this.recover();
    const shared = this.sharedUp;
    return {
      limit: this.options.limit,
      effectiveLimit: shared ? (this.shared as SharedBucket).limit : this.bucket.limit,
      mode: this.shared ? (shared ? 'shared' : 'degraded') : 'local',
      windowMs: this.options.windowMs,
      burst: this.options.burst,
      tokens: Math.floor(this.bucket.available()),
      pausedForMs: Math.max(0, Math.round(this.bucket.pausedUntil - this.options.now())),
      throttled: this.throttled,
      rejected: this.rejected,
      queued: Object.fromEntries(BUDGET_CLASSES.map((c) => [c, this.queues.size(c)])) as Record<BudgetClass, number>,
      ...this.usage.snapshot(),
    };
  }

  /** Refuses every waiting call (the gateway is closing). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queues.rejectAll(() => new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The gateway is shutting down'));
  }

  /** Additive increase: a twentieth of the limit back per sixth of a window without a 429. */
  private recover(): void {
    const now = this.options.now();
    const step = this.options.windowMs / 6;
    while (this.bucket.limit < this.bucket.maxLimit && now - this.lastStep >= step) {
      this.bucket.limit = Math.min(
        this.bucket.maxLimit,
        this.bucket.limit + Math.max(1, Math.ceil(this.bucket.maxLimit / 20)),
      );
      this.lastStep += step;
    }
    if (this.bucket.limit >= this.bucket.maxLimit) this.lastStep = now;
  }

  /** Serves waiting calls while tokens last, then sleeps until the next token. */
  private drain = (): void => {
    this.timer = undefined;
    this.recover();
    for (;;) {
      const next = this.queues.peekClass();
      if (!next) return;
      const keep = next === BudgetClass.POLL ? this.reserve : 0;
      if (!this.bucket.tryTake(keep)) break;
      const waiter = this.queues.shift(next);
      if (!waiter) continue;
      this.usage.record(next, waiter.tenant);
      this.grant(next, waiter);
    }
    this.arm();
  };

  private arm(): void {
    if (this.timer || !this.queues.peekClass()) return;
    if (this.sharedUp) {
      void this.drainShared();
      return;
    }
    const next = this.queues.peekClass();
    const keep = next === BudgetClass.POLL ? this.reserve : 0;
    const delay = Math.max(1, Math.ceil(this.bucket.msUntil(1 + keep)));
    this.timer = setTimeout(this.drain, delay);
    this.timer.unref();
  }

  /**
   * Shared mode: every call queues (classes and tenants in order, as locally) and a single drain takes the shared
   * bucket's tokens for them one by one. An interactive call refused at once when the queue ahead of it already
   * needs more than maxWaitMs at the limit in force.
   */
  private enqueueShared(budgetClass: BudgetClass, tenant: string): Promise<number> {
    const shared = this.shared as SharedBucket;
    const perToken = this.options.windowMs / shared.limit;
    if (this.queues.size(budgetClass) >= this.options.maxQueued[budgetClass])
      throw this.refuse((this.queues.size(budgetClass) + 1) * perToken, `the ${budgetClass} queue is full`);
    const interactive = budgetClass === BudgetClass.INTERACTIVE;
    if (interactive && this.queues.size(budgetClass) * perToken > this.options.maxWaitMs)
      throw this.refuse((this.queues.size(budgetClass) + 1) * perToken, 'the rate budget is used up');
    const promise = this.queues.add(
      budgetClass,
      tenant,
      this.options.now(),
      interactive ? this.options.maxWaitMs : undefined,
      () => this.refuse(this.queues.size(budgetClass) * perToken, 'no budget came in time'),
    );
    this.arm();
    return promise;
  }

  /** Serves waiting calls from the shared bucket; sleeps as long as it says; falls back to local when Redis fails. */
  private async drainShared(): Promise<void> {
    if (this.sharedDraining) return;
    this.sharedDraining = true;
    const shared = this.shared as SharedBucket;
    try {
      for (let next = this.queues.peekClass(); next; next = this.queues.peekClass()) {
        if (!this.sharedUp) break;
        const answer = await shared.take(next === BudgetClass.POLL ? this.reserve : 0);
        if (!answer.ok) {
          this.timer = setTimeout(this.wake, Math.max(1, Math.ceil(answer.waitMs)));
          this.timer.unref();
          return;
        }
        const waiter = this.queues.shift(this.queues.peekClass() ?? next);
        if (!waiter) continue;
        this.usage.record(next, waiter.tenant);
        this.grant(next, waiter);
      }
    } catch {
      // Redis failed mid-drain: the local fallback serves what waits for a second, then Redis is tried again.
      this.sharedBackoffUntil = this.options.now() + 1_000;
    } finally {
      this.sharedDraining = false;
    }
    if (!this.sharedUp && this.queues.peekClass()) this.arm();
  }

  /** Hands a waiting call its token. */
  private grant(budgetClass: BudgetClass, waiter: Waiter): void {
    const waited = this.options.now() - waiter.since;
    this.observeWait?.(budgetClass, waited);
    waiter.resolve(waited);
  }

  private wake = (): void => {
    this.timer = undefined;
    if (this.sharedUp) void this.drainShared();
    else this.drain();
  };

  private refuse(waitMs: number, why: string): GatewayError {
    this.rejected++;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new GatewayError(
      ErrorCode.UPSTREAM_RATE_LIMITED,
      `The gateway's Wix rate budget is used up (${why}); retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}
