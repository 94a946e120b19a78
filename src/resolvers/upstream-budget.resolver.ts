import { Ctx, Query, Resolver } from 'type-graphql';
import { RequiresScope } from '../auth/field-scopes.js';
import { BUDGET_CLASSES } from '../budget/call-budget.js';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { UpstreamBudget } from '../schema/upstream-budget.type.js';

/** The rate budget, for operators: one gateway's view (each instance reports its own). */
@Resolver()
export class UpstreamBudgetResolver {
  @RequiresScope('admin')
  @Query(() => UpstreamBudget, {
    description:
      "The gateway's budget of Wix calls: limit, use in the last window by class and tenant, queues, poll intervals, read cache. Needs the `admin` scope on `all` accounts.",
  })
  upstreamBudget(@Ctx() ctx: GatewayContext): UpstreamBudget {
    if (ctx.caller.accounts !== 'all')
      throw new GatewayError(ErrorCode.FORBIDDEN, 'upstreamBudget needs a credential for all accounts');
    const r = ctx.budget();
    return {
      limit: r.limit,
      mode: r.mode,
      effectiveLimit: r.effectiveLimit,
      windowSeconds: Math.round(r.windowMs / 1000),
      burst: r.burst,
      tokens: r.tokens,
      pausedForMs: r.pausedForMs,
      throttled: r.throttled,
      rejected: r.rejected,
      callsInWindow: r.usedInWindow,
      classes: BUDGET_CLASSES.map((name) => ({ name, callsInWindow: r.byClass[name], queued: r.queued[name] })),
      tenants: r.byTenant,
      pollPace: r.pollPace ?? null,
      readCache: r.readCache ?? null,
    };
  }
}
