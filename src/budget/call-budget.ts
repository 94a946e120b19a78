/**
 * The classes of upstream work, served in this order when the rate budget is short: what a caller waits for now
 * (queries and mutations), then flow steps (work already paid for or promised), then status polls and background
 * cache refreshes (they can wait: a subscriber sees the change later, never misses it).
 */
export const BudgetClass = {
  INTERACTIVE: 'interactive',
  FLOW: 'flow',
  POLL: 'poll',
} as const;
/** One of {@link BudgetClass}. */
export type BudgetClass = (typeof BudgetClass)[keyof typeof BudgetClass];

/** The classes from first served to last. */
export const BUDGET_CLASSES: readonly BudgetClass[] = [BudgetClass.INTERACTIVE, BudgetClass.FLOW, BudgetClass.POLL];

/** What one GraphQL request (or flow step) cost upstream: reported as `extensions.upstream` on the answer. */
export class UpstreamUsage {
  /** Calls sent to Wix (retries included). */
  calls = 0;
  /** Reads answered from the gateway's read cache. */
  cached = 0;
  /** Reads that joined an identical call already in flight. */
  shared = 0;
  /** Time spent waiting for the rate budget, in ms (summed over calls; calls made in parallel overlap). */
  waitedMs = 0;

  toJSON(): { calls: number; cached: number; shared: number; waitedMs: number } {
    return { calls: this.calls, cached: this.cached, shared: this.shared, waitedMs: Math.round(this.waitedMs) };
  }
}

/**
 * Who a request's (or flow run's, or poll's) upstream calls are for, as far as the rate budget is concerned (carried
 * in its ambient, src/ambient.ts).
 */
export interface BudgetContext {
  class: BudgetClass;
  /** The tenant the work is for (fairness within a class); the call's `wix-account-id` when absent. */
  tenantId?: string;
  /** The caller asked for fresh data (`Cache-Control: no-cache`): reads skip the read cache, at budget cost. */
  fresh?: boolean;
  /** Where the calls are counted (a GraphQL request's `extensions.upstream`). */
  usage?: UpstreamUsage;
}
