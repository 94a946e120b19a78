import type { BillingCycleUnit } from '../model/product-instance.js';
import { externalIdFor } from '../idempotency/external-ids.js';
import {
  enabledAlready,
  flowError,
  sessionOf,
  inputOf,
  livePlanOf,
  packageStep,
  recurring,
  waitForEnabled,
  type BoughtPackage,
  type Ctx,
  type Step,
} from './steps.js';

/**
 * Steps shared by purchaseDomain and connectDomain: find the site, and give it a Premium plan when it has none
 * (Wix sells domains and connects them only for Premium sites).
 */

/** The Premium plan to buy when the site has none (normalised by the resolver). */
export interface PlanOrder {
  /** Null: the catalog's first plan covering the domain's TLD. */
  catalogProductId: string | null;
  countryCode: string;
  billingCycle: { unit: BillingCycleUnit; count: number } | null;
}

/** What both domain flows' inputs have. */
export interface DomainFlowInput {
  siteId: string;
  /** The account that owns the site (the tenant unless the input named another it may act on). */
  accountId: string;
  domain: string;
  planOrder: PlanOrder | null;
}

/** The plan instance the site has or was given: remembered for the waits and the domain's reference instance. */
export interface PlanInstance {
  instanceId: string;
  catalogProductId: string;
}

export const domainInput = (ctx: Ctx) => inputOf<DomainFlowInput>(ctx);

/** The TLD of a domain (last label). */
export function tldOf(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
}

/** A read step: the site must be in the account (else SITE_NOT_FOUND on `input.siteId`). */
export const findSite: Step = {
  name: 'findSite',
  description: 'Find the site in the account (Wix Query Sites).',
  paid: false,
  async check(ctx) {
    const { siteId, accountId } = domainInput(ctx);
    const site = await (await sessionOf(ctx).scope(accountId)).sites.byId.load(siteId);
    if (!site)
      throw flowError('SITE_NOT_FOUND', `Site ${siteId} was not found in account ${accountId}.`, 'input.siteId');
    return `Site ${site.wixId} (${site.displayName}) is in account ${accountId}${site.premium ? ', with a Premium plan' : ', free'}.`;
  },
  act: async () => 'Site found.',
};

/** Buys the plan of `planOrder` for the site unless it already has a live Premium plan. */
export function premiumPlanStep(description: string, applies?: (ctx: Ctx) => boolean): Step {
  const step = packageStep({
    name: 'premiumPlan',
    description,
    stateKey: 'planPackage',
    applies,
    account: (ctx) => domainInput(ctx).accountId,
    externalId: (ctx) => externalIdFor(ctx.op.tenantId, ctx.op.idempotencyKey, 'plan'),
    idempotencyKey: (ctx) => `${ctx.op.idempotencyKey}:plan`,
    async inPlace(ctx, session) {
      const { accountId, siteId } = domainInput(ctx);
      const plan = await livePlanOf(session, accountId, siteId);
      if (!plan) return null;
      ctx.set('planInstance', {
        instanceId: plan.wixId,
        catalogProductId: plan.catalogProductId,
      } satisfies PlanInstance);
      return `Site ${siteId} already has a Premium plan (instance ${plan.wixId}, ${plan.status}).`;
    },
    async products(ctx, session) {
      const { siteId, domain, planOrder } = domainInput(ctx);
      const order = planOrder as PlanOrder;
      const catalogProductId =
        order.catalogProductId ?? session.catalog.productsCovering(tldOf(domain), 'PREMIUM_PLAN')[0];
      if (!catalogProductId)
        throw flowError(
          'NO_PREMIUM_PLAN_FOR_TLD',
          `The catalog has no Premium plan covering .${tldOf(domain)}; name one in premiumPlan.catalogProductId.`,
          'input.premiumPlan.catalogProductId',
        );
      return [{ catalogProductId, countryCode: order.countryCode, siteId, billing: recurring(order.billingCycle) }];
    },
  });
  // Remember the plan instance bought (or found by its external ID) like the one found on the site.
  const remember = (ctx: Ctx) => {
    const pkg = ctx.get<BoughtPackage>('planPackage');
    if (pkg?.instanceIds[0] && !ctx.get('planInstance'))
      ctx.set('planInstance', {
        instanceId: pkg.instanceIds[0],
        catalogProductId: pkg.catalogProductIds[0] ?? '',
      } satisfies PlanInstance);
  };
  return {
    ...step,
    check: async (ctx) => {
      const detail = await step.check(ctx);
      remember(ctx);
      return detail;
    },
    act: async (ctx) => {
      const detail = await step.act(ctx);
      remember(ctx);
      return detail;
    },
  };
}

/** The plan instance of the operation (found on the site or bought), if known yet. */
export function planInstanceOf(ctx: Ctx): PlanInstance | undefined {
  return ctx.get<PlanInstance>('planInstance');
}

/** Waits until the site's plan is ENABLED (Wix treats the site as Premium only then). */
export function waitForPlanStep(applies?: (ctx: Ctx) => boolean): Step {
  return {
    name: 'waitForPlan',
    description: 'Wait until Wix has delivered the Premium plan (product instance ENABLED).',
    paid: false,
    applies,
    async check(ctx) {
      const plan = planInstanceOf(ctx);
      return plan ? enabledAlready(sessionOf(ctx), [plan.instanceId]) : null;
    },
    act: (ctx) => waitForEnabled(ctx, [planInstanceOf(ctx)?.instanceId ?? '']),
  };
}
