import type { BudgetClass } from './call-budget.js';
import type { SharedBucket } from './shared-bucket.js';
import type { UsageSnapshot } from './usage-log.js';

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
  /**
   * The bucket shared by every instance through Redis (REDIS_URL). While Redis answers, every token comes from it;
   * while it is away, this instance falls back to a local bucket of limit / `instances`.
   */
  shared?: SharedBucket;
  /** Instances sharing the key (GATEWAY_INSTANCES): the local share of the limit without Redis. */
  instances?: number;
  /** Told how long each call waited for budget (ms; 0 when it went at once), e.g. for the metrics. */
  observeWait?: (budgetClass: BudgetClass, waitedMs: number) => void;
}

/** Longest pause a Retry-After may impose on the whole budget. */
export const MAX_PAUSE_MS = 300_000;

export const DEFAULT_BUDGET = {
  instances: 1,
  limit: 200,
  windowMs: 60_000,
  maxWaitMs: 5_000,
  pollShare: 0.5,
  maxQueued: { interactive: 1_000, flow: 2_000, poll: 10_000 },
} as const;

/** The budget as the `upstreamBudget` query and the metrics show it. */
export interface BudgetSnapshot extends UsageSnapshot {
  limit: number;
  /** `local` (one instance), `shared` (through Redis) or `degraded` (Redis away: this instance's share). */
  mode: 'local' | 'shared' | 'degraded';
  effectiveLimit: number;
  windowMs: number;
  burst: number;
  tokens: number;
  pausedForMs: number;
  throttled: number;
  rejected: number;
  queued: Record<BudgetClass, number>;
}

/** The options without those left unset (so the defaults apply). */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
