import type { UpstreamSession } from '../upstream-services.js';
import type { ProductInstance } from '../model/product-instance.js';
import { ASSIGN_ERRORS, RESELLER_ERRORS } from '../user-errors/resellers.js';
import type { Flow } from './flow-deps.js';
import { flowError, sessionOf, inputOf, wix, type Ctx, type Step } from './steps.js';

/**
 * reassignPaidService (Wix's sample flow "Reassign a paid service to a different site"): unassign the product
 * instance from its site, then assign it to the target site — or assign directly, which moves it. Both calls act as
 * the account that owns the instance; both are skipped when the instance already sits where the step wants it.
 */
export interface ReassignPaidServiceFlowInput {
  productInstanceId: string;
  targetSiteId: string;
  unassignFirst: boolean;
}

const input = (ctx: Ctx) => inputOf<ReassignPaidServiceFlowInput>(ctx);

/** The instance as Wix has it now; NOT_FOUND (a user error) when the tenant cannot see it. */
async function instanceNow(ctx: Ctx, session: UpstreamSession): Promise<ProductInstance> {
  const { productInstanceId } = input(ctx);
  const instance = await session.tenant.resellers.instance(productInstanceId);
  if (!instance)
    throw flowError(
      'NOT_FOUND',
      `No product instance ${productInstanceId} is visible to this account.`,
      'input.productInstanceId',
    );
  ctx.set('accountId', instance.accountId);
  return instance;
}

const unassign: Step = {
  name: 'unassignFromSite',
  description: 'Unassign the product instance from its current site (Wix Unassign Product Instance From Site).',
  paid: false,
  applies: (ctx) => input(ctx).unassignFirst,
  async check(ctx) {
    const instance = await instanceNow(ctx, sessionOf(ctx));
    if (instance.siteWixId === input(ctx).targetSiteId)
      return `Instance ${instance.wixId} is already on site ${instance.siteWixId}.`;
    return instance.siteWixId ? null : `Instance ${instance.wixId} is assigned to no site (floating).`;
  },
  async act(ctx) {
    const session = sessionOf(ctx);
    const instance = await instanceNow(ctx, session);
    const owner = await session.scope(instance.accountId);
    await wix(
      () => owner.resellers.unassignInstance(instance.wixId, ctx.op.idempotencyKey),
      'input.productInstanceId',
      RESELLER_ERRORS,
    );
    return `Unassigned instance ${instance.wixId} from site ${instance.siteWixId}.`;
  },
};

const assign: Step = {
  name: 'assignToSite',
  description:
    'Assign the product instance to the target site (Wix Assign Product Instance To Site; moves it when assigned elsewhere).',
  paid: false,
  async check(ctx) {
    const instance = await instanceNow(ctx, sessionOf(ctx));
    return instance.siteWixId === input(ctx).targetSiteId
      ? `Instance ${instance.wixId} is already on site ${instance.siteWixId}.`
      : null;
  },
  async act(ctx) {
    const session = sessionOf(ctx);
    const instance = await instanceNow(ctx, session);
    const owner = await session.scope(instance.accountId);
    const { targetSiteId } = input(ctx);
    await wix(
      () => owner.resellers.assignInstance(instance.wixId, targetSiteId, ctx.op.idempotencyKey),
      'input.targetSiteId',
      ASSIGN_ERRORS,
    );
    return `Assigned instance ${instance.wixId} to site ${targetSiteId}${instance.siteWixId ? ` (moved from site ${instance.siteWixId})` : ''}.`;
  },
};

/** The reassignPaidService flow (see the module comment). */
export const reassignPaidServiceFlow: Flow = {
  kind: 'REASSIGN_PAID_SERVICE',
  steps: [unassign, assign],
  result: (op) => {
    const i = op.input as unknown as ReassignPaidServiceFlowInput;
    return {
      productInstanceWixId: i.productInstanceId,
      siteWixId: i.targetSiteId,
      accountId: op.state.accountId ?? null,
    };
  },
};
