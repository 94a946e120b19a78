import { ErrorCode, GatewayError } from '../errors.js';
import { BUDGET_CLASSES, BudgetClass } from './call-budget.js';
import { TokenBucket } from './token-bucket.js';
import { UsageLog, type UsageSnapshot } from './usage-log.js';
import { WaitQueues } from './wait-queues.js';

/** Settings of the rate budget (WIX_RATE_LIMIT_PER_MINUTE and friends; see README "The rate budget"). */
export interface BudgetOptions {
  /** Upstream calls allowed per window (Wix: 200 a minute). */
  limit: number;
  /** The window the limit counts over (60 s; tests shorten it to run a "minute" faster). */
  windowMs?: number;
  /** Calls that may go at once after a quiet spell (default limit / 20, 1 to 10). */
  burst?: number;
  /** Longest wait of an interactive call for budget before UPSTREAM_RATE_LIMITED (UPSTREAM_QUEUE_MAX_WAIT_MS). */
  maxWaitMs?: number;
  /** Share of the limit status polls may use at most (POLL_BUDGET_SHARE). */
  pollShare?: number;
  /** Calls that may wait in each class at once; past it a call fails at once (UPSTREAM_RATE_LIMITED). */
  maxQueued?: Partial<Record<BudgetClass, number>>;
  /** The clock (ms); tests may pass their own. */
  now?: () => number;
}

/** Longest pause a Retry-After may impose on the whole budget. */
const MAX_PAUSE_MS = 300_000;

export const DEFAULT_BUDGET = {
  limit: 200,
  windowMs: 60_000,
  maxWaitMs: 5_000,
  pollShare: 0.5,
  maxQueued: { interactive: 1_000, flow: 2_000, poll: 10_000 },
} as const;

/** The budget as the `upstreamBudget` query and the metrics show it. */
export interface BudgetSnapshot extends UsageSnapshot {
  limit: number;
  effectiveLimit: number;
  windowMs: number;
  burst: number;
  tokens: number;
  pausedForMs: number;
  throttled: number;
  rejected: number;
  queued: Record<BudgetClass, number>;
}

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
  readonly options: Required<Omit<BudgetOptions, 'maxQueued'>> & { maxQueued: Record<BudgetClass, number> };
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
    this.bucket = new TokenBucket(limit, burst, this.options.windowMs, now);
    this.queues = new WaitQueues();
    this.usage = new UsageLog(this.options.windowMs, 2 * limit + 16, now);
    this.lastStep = now();
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
    this.recover();
    const keep = budgetClass === BudgetClass.POLL ? this.reserve : 0;
    if (!this.queues.aheadOf(budgetClass) && this.bucket.tryTake(keep)) {
      this.usage.record(budgetClass, tenant);
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
    this.bucket.limit = Math.max(floor, Math.floor(this.bucket.limit / 2));
    this.lastStep = now;
    // A Retry-After is obeyed up to five minutes (a misbehaving upstream must not park the gateway for a day).
    this.bucket.pause(now + Math.min(MAX_PAUSE_MS, retryAfterMs ?? 1 / this.bucket.ratePerMs));
    this.arm();
  }

  /** Share of the limit in force that polls may use, in polls per ms. */
  pollRatePerMs(): number {
    return (this.options.pollShare * this.bucket.limit) / this.options.windowMs;
  }

  snapshot(): BudgetSnapshot {
    this.recover();
    return {
      limit: this.bucket.maxLimit,
      effectiveLimit: this.bucket.limit,
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
      waiter.resolve(this.options.now() - waiter.since);
    }
    this.arm();
  };

  private arm(): void {
    if (this.timer || !this.queues.peekClass()) return;
    const next = this.queues.peekClass();
    const keep = next === BudgetClass.POLL ? this.reserve : 0;
    const delay = Math.max(1, Math.ceil(this.bucket.msUntil(1 + keep)));
    this.timer = setTimeout(this.drain, delay);
    this.timer.unref();
  }

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

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
