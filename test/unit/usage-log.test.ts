import { describe, expect, it } from 'vitest';
import { BudgetClass } from '../../src/budget/call-budget.js';
import { UsageLog } from '../../src/budget/usage-log.js';

describe('UsageLog: the budget use of the last window, in sixtieths of it', () => {
  it('counts calls by class and tenant while they are in the window, and forgets them after it', () => {
    let now = 0;
    const log = new UsageLog(60_000, () => now);
    log.record(BudgetClass.INTERACTIVE, 'a');
    now = 500;
    log.record(BudgetClass.POLL, 'b');
    now = 30_000;
    for (let i = 0; i < 3; i++) log.record(BudgetClass.FLOW, 'b');
    now = 59_900;
    expect(log.snapshot()).toEqual({
      usedInWindow: 5,
      byClass: { interactive: 1, flow: 3, poll: 1 },
      byTenant: [
        { tenantId: 'b', calls: 4 },
        { tenantId: 'a', calls: 1 },
      ],
    });
    // The first second's slot leaves the window a minute after it began; the calls at 30 s stay until 90 s.
    now = 60_000;
    expect(log.snapshot().usedInWindow).toBe(3);
    now = 90_000;
    expect(log.snapshot()).toMatchObject({ usedInWindow: 0, byTenant: [] });
    // A slot used again a window later starts from zero.
    log.record(BudgetClass.POLL, 'c');
    expect(log.snapshot()).toMatchObject({ usedInWindow: 1, byClass: { poll: 1, flow: 0 } });
  });

  it('keeps the same memory whatever the load: past 1,000 tenants in a second the rest count together', () => {
    const log = new UsageLog(60_000, () => 1_000);
    for (let i = 0; i < 1_500; i++) log.record(BudgetClass.INTERACTIVE, `tenant-${i}`);
    log.record(BudgetClass.INTERACTIVE, 'tenant-1');
    const snapshot = log.snapshot();
    expect(snapshot.usedInWindow).toBe(1_501);
    expect(snapshot.byTenant[0]).toEqual({ tenantId: '(other tenants)', calls: 500 });
    expect(snapshot.byTenant[1]).toEqual({ tenantId: 'tenant-1', calls: 2 });
    expect(snapshot.byTenant).toHaveLength(20);
  });
});
