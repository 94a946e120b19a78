import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { RegistrationRequest } from '../datasources/registered-domains.dto.js';
import { BillingCycleUnit } from '../schema/product-instance.type.js';
import { RegisteredDomainStatus, type RegisteredDomain } from '../schema/registered-domain.type.js';
import { domainInput, findSite, planInstanceOf, premiumPlanStep, tldOf, type DomainFlowInput } from './domain-steps.js';
import type { Flow } from './services.js';
import { enabledAlready, flowError, gatewayOf, inputOf, packageStep, recurring, waitForEnabled, wix, type BoughtPackage, type Ctx, type Step } from './steps.js';
import { externalIdFor } from './submit.js';

/**
 * purchaseDomain (Wix's sample flow "Purchase a domain"): find the site → give it a Premium plan when it has none
 * (the catalog's plan covering the TLD) → buy a domain product covering the TLD (with the plan's instance as the
 * reference instance when the plan's voucher covers the TLD, so the domain is free) → wait until both are ENABLED →
 * register the domain for the site → poll until the registration is ACTIVE. Each paid step finds what an earlier
 * attempt bought (deterministic external IDs) and skips a domain already registered to the account.
 */
export interface PurchaseDomainFlowInput extends DomainFlowInput {
  contacts: RegistrationRequest['contacts'];
  registrationYears: number;
  countryCode: string;
  domainProductInstanceId: string | null;
}

const input = (ctx: Ctx) => inputOf<PurchaseDomainFlowInput>(ctx);

/** The account's registration of the domain, read afresh; null when it has none (or only a failed one). */
async function registrationOf(gw: GatewayContext, ctx: Ctx): Promise<RegisteredDomain | null> {
  const { accountId, domain } = domainInput(ctx);
  const rd = await (await gw.scope(accountId)).registeredDomains.reload(domain);
  return rd && rd.status !== RegisteredDomainStatus.FAILED_REGISTRATION ? rd : null;
}

/** The domain product instance the registration uses: the client's, the one bought, or the existing registration's. */
function domainInstanceOf(ctx: Ctx): string | undefined {
  return input(ctx).domainProductInstanceId ?? ctx.get<BoughtPackage>('domainPackage')?.instanceIds[0] ?? ctx.get<string>('registeredWith');
}

/** True when another instance already names `planInstanceId` as its reference (Wix lets each serve once). */
async function referenceUsed(gw: GatewayContext, accountId: string, planInstanceId: string): Promise<boolean> {
  const packages = await (await gw.scope(accountId)).resellers.allPackages();
  return packages.some((p) => p.productInstances.some((i) => i.referenceInstanceWixId === planInstanceId));
}

const domainProduct = packageStep({
  name: 'domainProduct',
  description: 'Buy a domain product covering the TLD (Wix Create Package V2; free with the plan as reference instance when its voucher covers the TLD).',
  stateKey: 'domainPackage',
  account: (ctx) => input(ctx).accountId,
  externalId: (ctx) => externalIdFor(ctx.op.tenantId, ctx.op.idempotencyKey, 'domain'),
  idempotencyKey: (ctx) => `${ctx.op.idempotencyKey}:domain`,
  async inPlace(ctx, gw) {
    const given = input(ctx).domainProductInstanceId;
    if (given) return `Using your domain product instance ${given}.`;
    const rd = await registrationOf(gw, ctx);
    if (!rd) return null;
    if (rd.productInstanceId) ctx.set('registeredWith', rd.productInstanceId);
    return `${rd.domain} is already registered to this account (${rd.status}); no domain product needed.`;
  },
  async products(ctx, gw) {
    const { domain, accountId, registrationYears, countryCode } = input(ctx);
    const tld = tldOf(domain);
    const catalogProductId = gw.catalog.productsCovering(tld, 'DOMAIN')[0];
    if (!catalogProductId) throw flowError('TLD_NOT_SUPPORTED', `The catalog has no domain product for .${tld}.`, 'input.domain');
    const plan = planInstanceOf(ctx);
    const free = plan && gw.catalog.coversTld(plan.catalogProductId, tld) && !(await referenceUsed(gw, accountId, plan.instanceId));
    return [{ catalogProductId, countryCode, billing: recurring({ unit: BillingCycleUnit.YEAR, count: registrationYears }), referenceProductInstanceId: free ? plan.instanceId : null }];
  },
});

const waitForInstances: Step = {
  name: 'waitForInstances',
  description: 'Wait until Wix has delivered the Premium plan and the domain product (product instances ENABLED).',
  paid: false,
  async check(ctx) {
    const gw = await gatewayOf(ctx);
    if (await registrationOf(gw, ctx)) return 'The domain is already registered; nothing to wait for.';
    const domainInstance = domainInstanceOf(ctx);
    if (!domainInstance) return null;
    return enabledAlready(gw, [planInstanceOf(ctx)?.instanceId, domainInstance].filter((id): id is string => Boolean(id)));
  },
  act: (ctx) => waitForEnabled(ctx, [planInstanceOf(ctx)?.instanceId, domainInstanceOf(ctx)].filter((id): id is string => Boolean(id))),
};

const registerDomain: Step = {
  name: 'registerDomain',
  description: 'Register the domain for the site (Wix Create Registered Domain), unless it is already registered to this account.',
  paid: true,
  async check(ctx) {
    const rd = await registrationOf(await gatewayOf(ctx), ctx);
    return rd ? `${rd.domain} is already registered to this account (${rd.status}).` : null;
  },
  async act(ctx) {
    const { accountId, domain, siteId, contacts } = input(ctx);
    const productInstanceId = domainInstanceOf(ctx);
    if (!productInstanceId) throw flowError('DOMAIN_PRODUCT_MISSING', 'No domain product instance to register the domain with.');
    const scope = await (await gatewayOf(ctx)).scope(accountId);
    const rd = await wix(() => activated(() => scope.registeredDomains.create({ domain, productInstanceId, siteId, contacts })), 'input.domain');
    return `Registration of ${rd.domain} started (${rd.status}).`;
  },
};

const waitForActive: Step = {
  name: 'waitForActive',
  description: 'Poll the registration until the domain is ACTIVE (Wix Get Registered Domain).',
  paid: false,
  async check(ctx) {
    const rd = await registrationOf(await gatewayOf(ctx), ctx);
    if (rd) failIfOver(rd);
    return rd?.status === RegisteredDomainStatus.ACTIVE ? `${rd.domain} is ACTIVE.` : null;
  },
  async act(ctx) {
    const { accountId, domain } = input(ctx);
    await ctx.waiting(`Waiting for the registrar: ${domain} is PENDING_REGISTRATION (Wix may take up to 48 hours).`);
    const gw = await gatewayOf(ctx);
    const rd = await gw.watches.waitFor(gw.watches.registeredDomain(accountId, domain), (d) => d.status === RegisteredDomainStatus.ACTIVE, ctx.signal);
    failIfOver(rd);
    return `${rd.domain} is ACTIVE.`;
  },
};

/**
 * Wix answers AWAITING_PRODUCT_ACTIVATION for a short while after an instance became ENABLED ("retry in minutes"):
 * a transient state, so the runner retries the step with backoff instead of failing the operation.
 */
async function activated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GatewayError && error.wixCode === 'AWAITING_PRODUCT_ACTIVATION') {
      throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Wix is still activating the domain product; retrying', { wixCode: error.wixCode });
    }
    throw error;
  }
}

/** A registration that failed or was canceled will not become ACTIVE. */
function failIfOver(rd: RegisteredDomain): void {
  if (rd.status !== RegisteredDomainStatus.FAILED_REGISTRATION && rd.status !== RegisteredDomainStatus.CANCELED) return;
  throw flowError(rd.status, `Registration of ${rd.domain} ended ${rd.status}${rd.failure?.message ? `: ${rd.failure.message}` : ''}.`, 'input.domain');
}

/** The purchaseDomain flow (see the module comment). */
export const purchaseDomainFlow: Flow = {
  kind: 'PURCHASE_DOMAIN',
  steps: [findSite, premiumPlanStep('Give the site a Premium plan covering the TLD when it has none (Wix Create Package V2).'), domainProduct, waitForInstances, registerDomain, waitForActive],
  result: (op) => {
    const i = op.input as unknown as PurchaseDomainFlowInput;
    const domainPackage = op.state.domainPackage as BoughtPackage | undefined;
    return {
      domain: i.domain,
      siteWixId: i.siteId,
      accountId: i.accountId,
      domainProductInstanceWixId: i.domainProductInstanceId ?? domainPackage?.instanceIds[0] ?? op.state.registeredWith ?? null,
      planPackageWixId: (op.state.planPackage as BoughtPackage | undefined)?.packageId ?? null,
    };
  },
};
