import { premiumPlanAsked, RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { accountIdOf } from './account-input.js';
import { wixIdOf } from './ids.js';
import { connectDomainFlow, type ConnectDomainFlowInput } from '../flows/connect-domain.js';
import { FlowUserError } from '../flows/flow.js';
import { purchaseDomainFlow, type PurchaseDomainFlowInput } from '../flows/purchase-domain.js';
import { reassignPaidServiceFlow, type ReassignPaidServiceFlowInput } from '../flows/reassign-paid-service.js';
import type { Flow } from '../flows/flow-deps.js';
import { setUpCustomerSiteFlow, type SetUpCustomerSiteFlowInput } from '../flows/set-up-customer-site.js';
import type { BillingCycleInput } from '../schema/reseller-mutations.input.js';
import { ConnectDomainInput, PurchaseDomainInput } from '../schema/flow-domain.input.js';
import { ReassignPaidServiceInput, SetUpCustomerSiteInput, type PremiumPlanOrderInput } from '../schema/flow.input.js';
import { toGlobalId } from '../schema/node.type.js';
import {
  ConnectDomainPayload,
  PurchaseDomainPayload,
  ReassignPaidServicePayload,
  SetUpCustomerSitePayload,
  type FlowPayload,
} from '../schema/flow.payload.js';
import { GatewayUserErrorCode, toUserError, userError } from '../user-errors/index.js';
import { toOperation, toPlan } from './operation.map.js';

/**
 * The flow mutations: each normalises its input (Wix GUIDs, lower-case domains, defaults resolved, tenancy checked —
 * FORBIDDEN before anything else), then either plans (dryRun: reads only, nothing stored) or submits the operation
 * (one per tenant and idempotency key) and answers it at once; the flow runs on in the gateway.
 */
/** Inputs are validated already (IsWixIdOf); the field name only matters if that ever changes. */
const guid = (id: string, type: string) => wixIdOf(id, type, 'input').toLowerCase();
const cycle = (c?: BillingCycleInput | null) => (c ? { unit: c.unit, count: c.count } : null);

/** The account an input names (tenancy-checked: FORBIDDEN before anything else), lower-cased as operations store it. */
async function accountOf(ctx: GatewayContext, accountId: string | null | undefined, field: string): Promise<string> {
  return accountId ? (await accountIdOf(ctx, accountId, field)).toLowerCase() : ctx.tenantId;
}

async function run(ctx: GatewayContext, flow: Flow, key: string, dryRun: boolean, input: object): Promise<FlowPayload> {
  const plain = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  if (dryRun) {
    try {
      return {
        operation: null,
        plan: toPlan(flow.kind, await ctx.operations.plan(flow, ctx.tenantId, key, plain, ctx.ambient)),
        userErrors: [],
      };
    } catch (error) {
      const ue = error instanceof FlowUserError ? error.userError : toUserError(error);
      if (!ue) throw error;
      return { operation: null, plan: null, userErrors: [ue] };
    }
  }
  const requestedBy = { id: ctx.caller.id, name: ctx.caller.name };
  const submitted = await ctx.operations.submit(flow, ctx.tenantId, key, plain, requestedBy);
  if (submitted.kind === 'conflict') {
    const message = `The idempotency key was already used for another ${submitted.op.kind} input (operation ${toGlobalId('Operation', submitted.op.id)}); use a new key for a new operation.`;
    return {
      operation: null,
      plan: null,
      userErrors: [userError(GatewayUserErrorCode.IDEMPOTENCY_CONFLICT, message, 'input.idempotencyKey')],
    };
  }
  const current = (await ctx.operations.get(submitted.op.id)) ?? submitted.op;
  return { operation: toOperation(current), plan: null, userErrors: [] };
}

function planOrder(order: PremiumPlanOrderInput | null | undefined, fallbackCountry: string) {
  return {
    catalogProductId: order?.catalogProductId ? guid(order.catalogProductId, 'CatalogProduct') : null,
    countryCode: (order?.countryCode ?? fallbackCountry).toUpperCase(),
    billingCycle: cycle(order?.billingCycle),
  };
}

@Resolver()
export class FlowResolver {
  @RequiresScope('purchase', { dryRun: 'read' })
  @Mutation(() => SetUpCustomerSitePayload, {
    description:
      "Flow: transfer a site to the customer's account (refused while it has paid services), buy its paid services there, wait until they are delivered. Returns the Operation at once; retry-safe with `idempotencyKey`; `dryRun` plans only.",
  })
  async setUpCustomerSite(
    @Arg('input', () => SetUpCustomerSiteInput, { description: 'Site, customer account and services.' })
    input: SetUpCustomerSiteInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<SetUpCustomerSitePayload> {
    const normalised: SetUpCustomerSiteFlowInput = {
      siteId: guid(input.siteId, 'Site'),
      targetAccountId: await accountOf(ctx, input.targetAccountId, 'input.targetAccountId'),
      sourceAccountId: await accountOf(ctx, input.sourceAccountId, 'input.sourceAccountId'),
      products: input.products.map((p) => ({
        catalogProductId: guid(p.catalogProductId, 'CatalogProduct'),
        countryCode: p.countryCode.toUpperCase(),
        billingCycle: cycle(p.billingCycle),
        discountCode: p.discountCode ?? null,
      })),
      enableNotifications: input.enableNotifications,
    };
    return run(ctx, setUpCustomerSiteFlow, input.idempotencyKey, input.dryRun, normalised);
  }

  @RequiresScope('write', { dryRun: 'read' })
  @Mutation(() => ReassignPaidServicePayload, {
    description:
      'Flow: move a paid service (product instance) to another site — unassign then assign, or assign directly. Returns the Operation at once; retry-safe with `idempotencyKey`; `dryRun` plans only.',
  })
  async reassignPaidService(
    @Arg('input', () => ReassignPaidServiceInput, { description: 'Instance and target site.' })
    input: ReassignPaidServiceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<ReassignPaidServicePayload> {
    const normalised: ReassignPaidServiceFlowInput = {
      productInstanceId: guid(input.productInstanceId, 'ProductInstance'),
      targetSiteId: guid(input.targetSiteId, 'Site'),
      unassignFirst: input.unassignFirst,
    };
    return run(ctx, reassignPaidServiceFlow, input.idempotencyKey, input.dryRun, normalised);
  }

  @RequiresScope('purchase', { dryRun: 'read' })
  @Mutation(() => PurchaseDomainPayload, {
    description:
      "Flow: buy a domain for a site — Premium plan if it has none, domain product (free with the plan's voucher where it covers the TLD), registration, until ACTIVE. Returns the Operation at once; retry-safe with `idempotencyKey` (never buys twice); `dryRun` plans only.",
  })
  async purchaseDomain(
    @Arg('input', () => PurchaseDomainInput, { description: 'Site, domain and contacts.' }) input: PurchaseDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<PurchaseDomainPayload> {
    const countryCode = (input.countryCode ?? input.contacts.registrant.countryCode).toUpperCase();
    const normalised: PurchaseDomainFlowInput = {
      siteId: guid(input.siteId, 'Site'),
      accountId: await accountOf(ctx, input.accountId, 'input.accountId'),
      domain: input.domain.toLowerCase(),
      planOrder: planOrder(input.premiumPlan, countryCode),
      contacts: JSON.parse(JSON.stringify(input.contacts)) as PurchaseDomainFlowInput['contacts'],
      registrationYears: input.registrationYears,
      countryCode,
      domainProductInstanceId: input.domainProductInstanceId
        ? guid(input.domainProductInstanceId, 'ProductInstance')
        : null,
    };
    return run(ctx, purchaseDomainFlow, input.idempotencyKey, input.dryRun, normalised);
  }

  @RequiresScope('write', { dryRun: 'read', paidWhen: premiumPlanAsked })
  @Mutation(() => ConnectDomainPayload, {
    description:
      'Flow: connect a domain bought elsewhere (NAMESERVERS, POINTING or SUBDOMAIN) — optional Premium plan, connection, the records the owner must set (on the operation), NAMESERVERS zone records, until DNS propagation is COMPLETED. Returns the Operation at once; retry-safe with `idempotencyKey`; `dryRun` plans only.',
  })
  async connectDomain(
    @Arg('input', () => ConnectDomainInput, { description: 'Site, domain and method.' }) input: ConnectDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<ConnectDomainPayload> {
    const normalised: ConnectDomainFlowInput = {
      siteId: guid(input.siteId, 'Site'),
      accountId: await accountOf(ctx, input.accountId, 'input.accountId'),
      domain: input.domain.toLowerCase(),
      method: input.method,
      planOrder: input.premiumPlan ? planOrder(input.premiumPlan, input.premiumPlan.countryCode) : null,
      dnsRecords: (input.dnsRecords ?? []).map((r) => ({
        type: r.type,
        hostName: r.hostName.toLowerCase(),
        ttl: r.ttl,
        values: [...r.values],
      })),
    };
    return run(ctx, connectDomainFlow, input.idempotencyKey, input.dryRun, normalised);
  }
}
