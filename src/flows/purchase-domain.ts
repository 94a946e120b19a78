import type { UpstreamSession } from '../upstream-services.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { RegistrationRequest } from '../datasources/registered-domains.dto.js';
import { RegisteredDomainStatus, type RegisteredDomain } from '../model/registered-domain.js';
import { REGISTERED_DOMAIN_ERRORS } from '../user-errors/domains.js';
import { domainInstanceOf, domainProductStep } from './domain-product.js';
import { domainInput, findSite, planInstanceOf, premiumPlanStep, type DomainFlowInput } from './domain-steps.js';
import type { Flow } from './flow-deps.js';
import {
  enabledAlready,
  flowError,
  sessionOf,
  inputOf,
  waitForEnabled,
  wix,
  type BoughtPackage,
  type Ctx,
  type Step,
} from './steps.js';

/**
 * purchaseDomain (Wix's sample flow "Purchase a domain"): find the site → give it a Premium plan when it has none
 * (the catalog's plan covering the TLD) → buy a domain product covering the TLD (with the plan's instance as the
 * reference instance when the plan's voucher covers the TLD, so the domain is free) → wait until both are ENABLED →
 * register the domain for the site → poll until the registration is ACTIVE. The plan is found on the site, the
 * domain product by an external ID derived from the domain (domain-product.ts), so a run after a failure — with any
 * key — buys neither again; a domain the account already holds for the site is not registered again, and one it
 * holds for another site (or none) fails the flow before anything is bought.
 */
export interface PurchaseDomainFlowInput extends DomainFlowInput {
  contacts: RegistrationRequest['contacts'];
  registrationYears: number;
  countryCode: string;
  domainProductInstanceId: string | null;
}

const input = (ctx: Ctx) => inputOf<PurchaseDomainFlowInput>(ctx);

/**
 * The account's registration of the domain for this site, read afresh; null when it has none (or only a failed one).
 * One for another site, or for none, fails the flow: Wix registers a name once per account, and this flow cannot
 * move a registration to another site.
 */
async function registrationOf(session: UpstreamSession, ctx: Ctx): Promise<RegisteredDomain | null> {
  const { accountId, domain } = domainInput(ctx);
  const rd = await (await session.scope(accountId)).registeredDomains.reload(domain);
  if (!rd || rd.status === RegisteredDomainStatus.FAILED_REGISTRATION) return null;
  assertForSite(rd, domainInput(ctx).siteId);
  return rd;
}

/**
 * Fails unless the registration is (or may become) this site's. Wix assigns the site once the domain is registered,
 * so a PENDING_REGISTRATION shows none yet; an ACTIVE one without a site, or one with another site, is not ours.
 */
function assertForSite(rd: RegisteredDomain, siteId: string): void {
  if (rd.siteWixId ? rd.siteWixId === siteId : rd.status !== RegisteredDomainStatus.ACTIVE) return;
  throw flowError(
    'REGISTERED_DOMAIN_ALREADY_EXISTS',
    `${rd.domain} is already registered to this account (${rd.status}) ${rd.siteWixId ? `for site ${rd.siteWixId}` : 'without a site'}, not for site ${siteId}.`,
    'input.domain',
  );
}

/** Finds the site, and refuses at once a domain the account holds for another site. */
const findSiteAndDomain: Step = {
  ...findSite,
  async check(ctx) {
    const found = await findSite.check(ctx);
    await registrationOf(sessionOf(ctx), ctx);
    return found;
  },
};

const domainProduct = domainProductStep(async (ctx, session) => {
  const rd = await registrationOf(session, ctx);
  if (!rd) return null;
  if (rd.productInstanceId) ctx.set('registeredWith', rd.productInstanceId);
  return `${rd.domain} is already registered to this account (${rd.status}); no domain product needed.`;
});

const waitForInstances: Step = {
  name: 'waitForInstances',
  description: 'Wait until Wix has delivered the Premium plan and the domain product (product instances ENABLED).',
  paid: false,
  async check(ctx) {
    const session = sessionOf(ctx);
    if (await registrationOf(session, ctx)) return 'The domain is already registered; nothing to wait for.';
    const domainInstance = domainInstanceOf(ctx);
    if (!domainInstance) return null;
    return enabledAlready(
      session,
      [planInstanceOf(ctx)?.instanceId, domainInstance].filter((id): id is string => Boolean(id)),
    );
  },
  act: (ctx) =>
    waitForEnabled(
      ctx,
      [planInstanceOf(ctx)?.instanceId, domainInstanceOf(ctx)].filter((id): id is string => Boolean(id)),
    ),
};

const registerDomain: Step = {
  name: 'registerDomain',
  description:
    'Register the domain for the site (Wix Create Registered Domain), unless it is already registered to this account.',
  paid: true,
  async check(ctx) {
    const rd = await registrationOf(sessionOf(ctx), ctx);
    return rd ? `${rd.domain} is already registered to this account (${rd.status}).` : null;
  },
  async act(ctx) {
    const { accountId, domain, siteId, contacts } = input(ctx);
    const productInstanceId = domainInstanceOf(ctx);
    if (!productInstanceId)
      throw flowError('DOMAIN_PRODUCT_MISSING', 'No domain product instance to register the domain with.');
    const scope = await sessionOf(ctx).scope(accountId);
    const rd = await wix(
      () => activated(() => scope.registeredDomains.create({ domain, productInstanceId, siteId, contacts })),
      'input.domain',
      REGISTERED_DOMAIN_ERRORS,
    );
    return `Registration of ${rd.domain} started (${rd.status}).`;
  },
};

const waitForActive: Step = {
  name: 'waitForActive',
  description: 'Poll the registration until the domain is ACTIVE (Wix Get Registered Domain).',
  paid: false,
  async check(ctx) {
    const rd = await registrationOf(sessionOf(ctx), ctx);
    if (rd) failIfOver(rd);
    return rd?.status === RegisteredDomainStatus.ACTIVE ? `${rd.domain} is ACTIVE.` : null;
  },
  async act(ctx) {
    const { accountId, domain } = input(ctx);
    await ctx.waiting(`Waiting for the registrar: ${domain} is PENDING_REGISTRATION (Wix may take up to 48 hours).`);
    const session = sessionOf(ctx);
    const rd = await session.watches.waitFor(
      session.watches.registeredDomain(accountId, domain),
      (d) => d.status === RegisteredDomainStatus.ACTIVE,
      ctx.signal,
    );
    failIfOver(rd);
    assertForSite(rd, input(ctx).siteId);
    return `${rd.domain} is ACTIVE.`;
  },
};

/**
 * Refusals the runner retries (checking again first) instead of failing: AWAITING_PRODUCT_ACTIVATION, answered for a
 * short while after an instance became ENABLED ("retry in minutes"); REGISTERED_DOMAIN_ALREADY_EXISTS, answered when
 * another operation registered the domain in between — the check then finds that registration (for this site: done;
 * for another: the flow's own user error).
 */
const RETRIED = new Set(['AWAITING_PRODUCT_ACTIVATION', 'REGISTERED_DOMAIN_ALREADY_EXISTS']);

async function activated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GatewayError && error.wixCode && RETRIED.has(error.wixCode)) {
      throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `Wix answered ${error.wixCode}; checking again`, {
        wixCode: error.wixCode,
      });
    }
    throw error;
  }
}

/** A registration that failed or was canceled will not become ACTIVE. */
function failIfOver(rd: RegisteredDomain): void {
  if (rd.status !== RegisteredDomainStatus.FAILED_REGISTRATION && rd.status !== RegisteredDomainStatus.CANCELED) return;
  throw flowError(
    rd.status,
    `Registration of ${rd.domain} ended ${rd.status}${rd.failure?.message ? `: ${rd.failure.message}` : ''}.`,
    'input.domain',
  );
}

/** The purchaseDomain flow (see the module comment). */
export const purchaseDomainFlow: Flow = {
  kind: 'PURCHASE_DOMAIN',
  steps: [
    findSiteAndDomain,
    premiumPlanStep('Give the site a Premium plan covering the TLD when it has none (Wix Create Package V2).'),
    domainProduct,
    waitForInstances,
    registerDomain,
    waitForActive,
  ],
  result: (op) => {
    const i = op.input as unknown as PurchaseDomainFlowInput;
    const domainPackage = op.state.domainPackage as BoughtPackage | undefined;
    return {
      domain: i.domain,
      siteWixId: i.siteId,
      accountId: i.accountId,
      domainProductInstanceWixId:
        i.domainProductInstanceId ?? domainPackage?.instanceIds[0] ?? op.state.registeredWith ?? null,
      planPackageWixId: (op.state.planPackage as BoughtPackage | undefined)?.packageId ?? null,
    };
  },
};
