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
/** Slots a window is counted in: the window's use is known to a sixtieth of it (a second of Wix's minute). */
const SLOTS = 60;
/** Tenants counted apart in one slot; the calls of any more are counted under {@link OTHER_TENANTS}. */
const MAX_TENANTS_PER_SLOT = 1_000;
const OTHER_TENANTS = '(other tenants)';

interface Slot {
  /** Which slot of time it counts (floor(now / slotMs)); -1 while unused. */
  index: number;
  total: number;
  byClass: Record<BudgetClass, number>;
  byTenant: Map<string, number>;
}

const emptyCounts = () => Object.fromEntries(BUDGET_CLASSES.map((c) => [c, 0])) as Record<BudgetClass, number>;

/**
 * The calls given a token in the last window, counted in 60 slots of a sixtieth of the window each (per class and per
 * tenant): memory and the cost of a snapshot stay the same whatever the limit (a ring of one entry per call held
 * 2 × limit entries: 48 MB at a limit of a million). A snapshot counts the slots that started within the window, so it
 * may include calls up to one slot older than the window.
 */
export class UsageLog {
  private readonly slotMs: number;
  private readonly slots: Slot[];

  constructor(
    windowMs: number,
    private readonly now: () => number,
  ) {
    this.slotMs = Math.max(1, windowMs / SLOTS);
    this.slots = Array.from({ length: SLOTS }, () => ({
      index: -1,
      total: 0,
      byClass: emptyCounts(),
      byTenant: new Map<string, number>(),
    }));
  }

  record(budgetClass: BudgetClass, tenant: string): void {
    const index = Math.floor(this.now() / this.slotMs);
    const slot = this.slots[index % SLOTS] as Slot;
    if (slot.index !== index) {
      slot.index = index;
      slot.total = 0;
      slot.byClass = emptyCounts();
      slot.byTenant.clear();
    }
    slot.total++;
    slot.byClass[budgetClass]++;
    const key = slot.byTenant.has(tenant) || slot.byTenant.size < MAX_TENANTS_PER_SLOT ? tenant : OTHER_TENANTS;
    slot.byTenant.set(key, (slot.byTenant.get(key) ?? 0) + 1);
  }

  snapshot(): UsageSnapshot {
    const current = Math.floor(this.now() / this.slotMs);
    const byClass = emptyCounts();
    const byTenant = new Map<string, number>();
    let used = 0;
    for (const slot of this.slots) {
      if (slot.index < 0 || slot.index <= current - SLOTS) continue;
      used += slot.total;
      for (const c of BUDGET_CLASSES) byClass[c] += slot.byClass[c];
      for (const [tenant, calls] of slot.byTenant) byTenant.set(tenant, (byTenant.get(tenant) ?? 0) + calls);
    }
    const top = [...byTenant]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_TENANTS)
      .map(([tenantId, calls]) => ({ tenantId, calls }));
    return { usedInWindow: used, byClass, byTenant: top };
  }
}
