import { BUDGET_CLASSES, type BudgetClass } from './call-budget.js';

/** One call waiting for a token. */
export interface Waiter {
  tenant: string;
  /** When it started waiting (the scheduler's clock). */
  since: number;
  resolve: (waitedMs: number) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The calls waiting for budget: per class, per tenant FIFO queues served round-robin (a tenant that is served moves
 * to the back), so a tenant with a hundred calls waiting does not hold back one with a single call. The scheduler
 * bounds how many wait (maxQueued per class).
 */
export class WaitQueues {
  private readonly classes = new Map<BudgetClass, Map<string, Waiter[]>>(BUDGET_CLASSES.map((c) => [c, new Map()]));
  private readonly sizes = new Map<BudgetClass, number>(BUDGET_CLASSES.map((c) => [c, 0]));

  size(budgetClass: BudgetClass): number {
    return this.sizes.get(budgetClass) ?? 0;
  }

  /** True when a call of this class or of a class served before it is waiting (a newcomer must queue too). */
  aheadOf(budgetClass: BudgetClass): boolean {
    for (const c of BUDGET_CLASSES) {
      if (this.size(c) > 0) return true;
      if (c === budgetClass) return false;
    }
    return false;
  }

  /** The first class with a waiting call. */
  peekClass(): BudgetClass | undefined {
    return BUDGET_CLASSES.find((c) => this.size(c) > 0);
  }

  /**
   * Queues a call; it rejects with `onTimeout()` if still waiting after `maxWaitMs` (when given). Resolves with the
   * time waited once {@link shift} hands it a token.
   */
  add(
    budgetClass: BudgetClass,
    tenant: string,
    now: number,
    maxWaitMs: number | undefined,
    onTimeout: () => Error,
  ): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { tenant, since: now, resolve, reject };
      const tenants = this.classes.get(budgetClass) as Map<string, Waiter[]>;
      const queue = tenants.get(tenant);
      if (queue) queue.push(waiter);
      else tenants.set(tenant, [waiter]);
      this.sizes.set(budgetClass, this.size(budgetClass) + 1);
      if (maxWaitMs !== undefined) {
        waiter.timer = setTimeout(() => {
          if (this.remove(budgetClass, waiter)) reject(onTimeout());
        }, maxWaitMs);
        waiter.timer.unref();
      }
    });
  }

  /** Takes the next call of `budgetClass`: the first of the tenant at the front, which then moves to the back. */
  shift(budgetClass: BudgetClass): Waiter | undefined {
    const tenants = this.classes.get(budgetClass) as Map<string, Waiter[]>;
    for (const [tenant, queue] of tenants) {
      const waiter = queue.shift();
      tenants.delete(tenant);
      if (queue.length > 0) tenants.set(tenant, queue);
      if (!waiter) continue;
      this.sizes.set(budgetClass, this.size(budgetClass) - 1);
      if (waiter.timer) clearTimeout(waiter.timer);
      return waiter;
    }
    return undefined;
  }

  /** Rejects every waiting call with `error()`. */
  rejectAll(error: () => Error): void {
    for (const c of BUDGET_CLASSES) {
      let waiter: Waiter | undefined;
      while ((waiter = this.shift(c))) waiter.reject(error());
    }
  }

  private remove(budgetClass: BudgetClass, waiter: Waiter): boolean {
    const tenants = this.classes.get(budgetClass) as Map<string, Waiter[]>;
    const queue = tenants.get(waiter.tenant);
    const index = queue?.indexOf(waiter) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) tenants.delete(waiter.tenant);
    this.sizes.set(budgetClass, this.size(budgetClass) - 1);
    return true;
  }
}
