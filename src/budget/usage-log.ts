import { BUDGET_CLASSES, type BudgetClass } from './call-budget.js';

/** Calls in the last window, by class and by tenant (the busiest few). */
export interface UsageSnapshot {
  usedInWindow: number;
  byClass: Record<BudgetClass, number>;
  /** The tenants that used the most, busiest first (at most {@link TOP_TENANTS}). */
  byTenant: Array<{ tenantId: string; calls: number }>;
}

/** Tenants listed in a snapshot. */
export const TOP_TENANTS = 20;

/**
 * The calls given a token in the last window, in a ring of fixed size: the bucket lets at most `limit` through per
 * window, so a ring of twice that always holds the whole window.
 */
export class UsageLog {
  private readonly times: Float64Array;
  private readonly classes: Array<BudgetClass | undefined>;
  private readonly tenants: Array<string | undefined>;
  private next = 0;

  constructor(
    private readonly windowMs: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.times = new Float64Array(capacity).fill(Number.NEGATIVE_INFINITY);
    this.classes = new Array<BudgetClass | undefined>(capacity);
    this.tenants = new Array<string | undefined>(capacity);
  }

  record(budgetClass: BudgetClass, tenant: string): void {
    const i = this.next;
    this.times[i] = this.now();
    this.classes[i] = budgetClass;
    this.tenants[i] = tenant;
    this.next = (i + 1) % this.capacity;
  }

  snapshot(): UsageSnapshot {
    const since = this.now() - this.windowMs;
    const byClass = Object.fromEntries(BUDGET_CLASSES.map((c) => [c, 0])) as Record<BudgetClass, number>;
    const byTenant = new Map<string, number>();
    let used = 0;
    for (let i = 0; i < this.capacity; i++) {
      if (!((this.times[i] ?? Number.NEGATIVE_INFINITY) > since)) continue;
      used++;
      const c = this.classes[i] as BudgetClass;
      byClass[c]++;
      const t = this.tenants[i] as string;
      byTenant.set(t, (byTenant.get(t) ?? 0) + 1);
    }
    const top = [...byTenant]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_TENANTS)
      .map(([tenantId, calls]) => ({ tenantId, calls }));
    return { usedInWindow: used, byClass, byTenant: top };
  }
}
