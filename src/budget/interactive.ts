import { BudgetClass, UpstreamUsage, type BudgetContext } from './call-budget.js';

/** Longest account header kept as a fairness key (a longer one is refused later by the tenancy check anyway). */
const MAX_TENANT_KEY = 64;

/**
 * The budget context of one GraphQL request (HTTP, or one operation over a WebSocket): interactive class, its tenant
 * (the `wix-account-id` it names, or the main account) for fairness between tenants, fresh reads when it sent
 * `Cache-Control: no-cache`, and fresh usage counts.
 */
export function interactiveBudget(
  accountHeader: string | null | undefined,
  cacheControl?: string | null,
): BudgetContext {
  const tenant = accountHeader?.trim().toLowerCase().slice(0, MAX_TENANT_KEY);
  return {
    class: BudgetClass.INTERACTIVE,
    tenantId: tenant || 'main',
    fresh: /(^|,)\s*no-cache\s*(,|$)/i.test(cacheControl ?? ''),
    usage: new UpstreamUsage(),
  };
}
