import { createHash } from 'node:crypto';
import type { UpstreamSession } from '../upstream-services.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Package } from '../model/package.js';
import { BillingCycleUnit, ProductInstanceStatus, type ProductInstance } from '../model/product-instance.js';
import { RegisteredDomainStatus } from '../model/registered-domain.js';
import { RESELLER_ERRORS } from '../user-errors/resellers.js';
import { planInstanceOf, tldOf } from './domain-steps.js';
import { flowError, sessionOf, inputOf, recurring, wix, type BoughtPackage, type Ctx, type Step } from './steps.js';

/**
 * The domain product step of purchaseDomain: a paid Create Package V2 whose product is NOT tied to the site (it stays
 * floating until the registration uses it), so nothing at Wix stops a second one from being bought — the step itself
 * must find the one bought before.
 *
 * Its package `externalId` is derived from (tenant, account, domain), not from the client's idempotency key: a flow
 * that failed after buying it (the registration refused, Wix unavailable) and is run again — with the same key or a
 * new one, for the same site or another — finds that package and uses its instance, as long as the instance is still
 * usable (PENDING or ENABLED, a DOMAIN product for the TLD with the requested registration years, and not spent on
 * another domain's registration). Only when none is usable does it buy, with a Wix `idempotencyKey` derived from the
 * same (tenant, account, domain) and the number of such packages already bought: two operations racing for one
 * domain send the same key, and Wix answers the second with the first's package rather than selling another.
 */
export interface PurchaseDomainProductInput {
  accountId: string;
  domain: string;
  registrationYears: number;
  countryCode: string;
  domainProductInstanceId: string | null;
}

const input = (ctx: Ctx) => inputOf<PurchaseDomainProductInput>(ctx);

/** Deterministic reference of the domain product bought for `domain` in `accountId` (≤ 100 chars, Wix's limit). */
export function domainProductExternalId(tenantId: string, accountId: string, domain: string): string {
  return `wag-${digest('domain-product', tenantId, accountId, domain.toLowerCase())}-domain`;
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Instance statuses a registration can still use (PENDING becomes ENABLED; the flow waits for it). */
const USABLE: ReadonlySet<ProductInstanceStatus> = new Set([
  ProductInstanceStatus.PENDING,
  ProductInstanceStatus.ENABLED,
]);

/** The packages bought for this domain in this account (every earlier attempt, newest first). */
async function earlierPackages(ctx: Ctx, session: UpstreamSession): Promise<Package[]> {
  const { accountId, domain } = input(ctx);
  const scope = await session.scope(accountId);
  return (
    await scope.resellers.packagesByExternalId(domainProductExternalId(ctx.op.tenantId, accountId, domain))
  ).filter((p) => p.accountId === accountId);
}

/** An instance of those packages this purchase can use, if any. */
async function usableInstance(
  ctx: Ctx,
  session: UpstreamSession,
  packages: Package[],
): Promise<ProductInstance | undefined> {
  const { accountId, domain, registrationYears } = input(ctx);
  const tld = tldOf(domain);
  const candidates = packages
    .flatMap((p) => p.productInstances)
    .filter(
      (i) =>
        USABLE.has(i.status) &&
        session.catalog.get(i.catalogProductId)?.type === 'DOMAIN' &&
        session.catalog.coversTld(i.catalogProductId, tld),
    )
    .filter(
      (i) =>
        !i.billing?.cycle ||
        (i.billing.cycle.unit === BillingCycleUnit.YEAR && i.billing.cycle.count === registrationYears),
    );
  if (candidates.length === 0) return undefined;
  // Spent: used by a registration of another domain that did not fail (Wix lets an instance register one domain).
  const registrations = await (await session.scope(accountId)).registeredDomains.all();
  const spent = new Set(
    registrations
      .filter((rd) => rd.domain !== domain && rd.status !== RegisteredDomainStatus.FAILED_REGISTRATION)
      .map((rd) => rd.productInstanceId),
  );
  return candidates.find((i) => !spent.has(i.wixId));
}

function remember(ctx: Ctx, instance: ProductInstance, bought: boolean): void {
  ctx.set('domainPackage', {
    packageId: instance.packageWixId,
    instanceIds: [instance.wixId],
    catalogProductIds: [instance.catalogProductId],
    bought,
  } satisfies BoughtPackage);
}

/** True when another instance already names `planInstanceId` as its reference (Wix lets each serve once). */
async function referenceUsed(session: UpstreamSession, accountId: string, planInstanceId: string): Promise<boolean> {
  const packages = await (await session.scope(accountId)).resellers.allPackages();
  return packages.some((p) => p.productInstances.some((i) => i.referenceInstanceWixId === planInstanceId));
}

/**
 * The step (see the module comment). `alreadyRegistered` says (a sentence) when the account holds the domain already,
 * so that no domain product is needed.
 */
export function domainProductStep(
  alreadyRegistered: (ctx: Ctx, session: UpstreamSession) => Promise<string | null>,
): Step {
  return {
    name: 'domainProduct',
    description:
      'Buy a domain product covering the TLD (Wix Create Package V2; free with the plan as reference instance when its voucher covers the TLD), unless one bought for this domain before is unused.',
    paid: true,
    async check(ctx) {
      const given = input(ctx).domainProductInstanceId;
      if (given) return `Using your domain product instance ${given}.`;
      const session = sessionOf(ctx);
      const registered = await alreadyRegistered(ctx, session);
      if (registered) return registered;
      const found = await usableInstance(ctx, session, await earlierPackages(ctx, session));
      if (!found) return null;
      remember(ctx, found, ctx.get<BoughtPackage>('domainPackage')?.bought ?? false);
      return `Domain product instance ${found.wixId} (package ${found.packageWixId}) was bought for ${input(ctx).domain} before and is unused (${found.status}): not bought again.`;
    },
    async act(ctx) {
      const session = sessionOf(ctx);
      const { accountId, domain, registrationYears, countryCode } = input(ctx);
      const tld = tldOf(domain);
      const catalogProductId = session.catalog.productsCovering(tld, 'DOMAIN')[0];
      if (!catalogProductId)
        throw flowError('TLD_NOT_SUPPORTED', `The catalog has no domain product for .${tld}.`, 'input.domain');
      const plan = planInstanceOf(ctx);
      const free =
        plan &&
        session.catalog.coversTld(plan.catalogProductId, tld) &&
        !(await referenceUsed(session, accountId, plan.instanceId));
      const generation = (await earlierPackages(ctx, session)).length;
      const externalId = domainProductExternalId(ctx.op.tenantId, accountId, domain);
      const products = [
        {
          catalogProductId,
          countryCode,
          billing: recurring({ unit: BillingCycleUnit.YEAR, count: registrationYears }),
          referenceProductInstanceId: free ? plan.instanceId : null,
        },
      ];
      const scope = await session.scope(accountId);
      const pkg = await wix(
        () =>
          racing(() =>
            scope.resellers.createPackage({
              products,
              externalId,
              idempotencyKey: `wag-domain-${digest(ctx.op.tenantId, accountId, domain)}-${generation}`,
            }),
          ),
        null,
        RESELLER_ERRORS,
      );
      const instance = pkg.productInstances[0];
      if (!instance)
        throw flowError('DOMAIN_PRODUCT_MISSING', `Wix answered package ${pkg.wixId} without a product instance.`);
      remember(ctx, instance, true);
      return `Bought package ${pkg.wixId} (instance ${instance.wixId}${free ? `, free with reference instance ${plan.instanceId}` : ''}).`;
    },
  };
}

/**
 * Another operation bought this domain's product with the same derived key but another body (e.g. for another site's
 * plan as reference): transient, so the runner checks again and finds that package instead of buying.
 */
async function racing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GatewayError && error.wixCode === 'IDEMPOTENCY_KEY_REUSED')
      throw new GatewayError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        'Another operation is buying this domain product; checking again',
        { wixCode: error.wixCode },
      );
    throw error;
  }
}

/** The instance the registration uses: the client's, the one bought or found, or the existing registration's. */
export function domainInstanceOf(ctx: Ctx): string | undefined {
  return (
    input(ctx).domainProductInstanceId ??
    ctx.get<BoughtPackage>('domainPackage')?.instanceIds[0] ??
    ctx.get<string>('registeredWith')
  );
}
