import type { Poller } from './poller.js';

/** The poll intervals the budget allows now (shown by `upstreamBudget`). */
export interface PollPace {
  /** Shortest delay between polls of a resource a running flow waits on (ms). */
  flowIntervalMs: number;
  /** Shortest delay between polls of a resource only subscribers watch (ms). */
  subscriptionIntervalMs: number;
  /** Resources polled for flows, and for subscribers only. */
  flowResources: number;
  subscriptionResources: number;
}

/** How often the pace is worked out again (and pollers due much later than it allows are hurried). */
const RECOMPUTE_MS = 1_000;

/**
 * Spreads the polls' share of the rate budget over every watched resource: polls together never ask for more than
 * `ratePerMs()` (the budget's poll share of the limit in force). Resources a running flow waits on come first, up to
 * three quarters of the share while subscriptions also watch; subscriber-only resources share the rest. Intervals
 * stretch as resources are added or the limit drops after a 429, and shrink back when they end or the limit
 * recovers (pollers due much later than the new pace allows are moved up).
 */
export class PollPacer {
  private pace: PollPace;
  private computedAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Polls per ms the budget gives all pollers together. */
    private readonly ratePerMs: () => number,
    /** The configured poll interval: never poll faster than this. */
    private readonly baseIntervalMs: number,
    private readonly pollers: () => Iterable<Poller<unknown>>,
  ) {
    this.pace = {
      flowIntervalMs: baseIntervalMs,
      subscriptionIntervalMs: baseIntervalMs,
      flowResources: 0,
      subscriptionResources: 0,
    };
  }

  /** The shortest delay allowed before `poller`'s next poll. */
  floorFor(poller: { readonly forFlow: boolean }): number {
    const pace = this.current();
    return poller.forFlow ? pace.flowIntervalMs : pace.subscriptionIntervalMs;
  }

  /** The pace now (worked out at most once a second). */
  current(): PollPace {
    const now = performance.now();
    if (now - this.computedAt < RECOMPUTE_MS) return this.pace;
    this.computedAt = now;
    let flows = 0;
    let others = 0;
    const all = [...this.pollers()];
    for (const poller of all) {
      if (poller.forFlow) flows++;
      else others++;
    }
    const base = this.baseIntervalMs;
    const rate = this.ratePerMs();
    const flowRate = flows > 0 ? Math.min(flows / base, others > 0 ? 0.75 * rate : rate) : 0;
    const otherRate = Math.max(rate - flowRate, rate * 0.25);
    const previous = this.pace;
    this.pace = {
      flowIntervalMs: flows > 0 ? Math.max(base, Math.ceil(flows / flowRate)) : base,
      subscriptionIntervalMs: others > 0 ? Math.max(base, Math.ceil(others / otherRate)) : base,
      flowResources: flows,
      subscriptionResources: others,
    };
    // The budget freed up: pollers parked on the old, longer interval poll at the new one.
    if (
      this.pace.flowIntervalMs * 2 <= previous.flowIntervalMs ||
      this.pace.subscriptionIntervalMs * 2 <= previous.subscriptionIntervalMs
    )
      for (const poller of all)
        poller.hurry(poller.forFlow ? this.pace.flowIntervalMs : this.pace.subscriptionIntervalMs);
    return this.pace;
  }
}
