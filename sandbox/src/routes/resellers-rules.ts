import { appError } from '../errors.js';
import { isLive, isPremiumPlan } from '../lifecycle.js';
import type { BillingInfo, CatalogProduct, Package, ProductInstance, Site } from '../types.js';
import type { World } from '../world.js';

/**
 * The business rules of the reseller API (CONTRACT §1.4, §1.10, §1.13), shared by Create Package V2 and the
 * instance writes. Codes and statuses are the documented ones; the UNCONFIRMED choices are named constants below.
 */

/** Sandbox choice: a package unknown or outside the caller's reach is 404 PACKAGE_NOT_FOUND (Wix: "fails"). */
export const PACKAGE_NOT_FOUND = { status: 404, code: 'PACKAGE_NOT_FOUND' } as const;
/**
 * Sandbox choice: Assign/Unassign/Cancel answer 404 PRODUCT_INSTANCE_NOT_FOUND for an unknown instance or one outside
 * the caller's reach; Adjust answers the documented 428. A foreign instance is indistinguishable from an unknown one.
 */
export const INSTANCE_NOT_FOUND_STATUS = { adjust: 428, other: 404 } as const;
/** Sandbox choices (UNCONFIRMED upstream): reference-instance misuse codes, all 428. */
export const REFERENCE_NOT_FOUND = 'REFERENCE_PRODUCT_INSTANCE_NOT_FOUND';
export const REFERENCE_ALREADY_USED = 'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED';
export const INVALID_REFERENCE = 'INVALID_REFERENCE_PRODUCT_INSTANCE';
/** Statuses a referenced instance may have ("PENDING or ACTIVE"; ACTIVE = ENABLED). */
const REFERENCE_STATUSES = ['PENDING', 'ENABLED'];
/** Statuses of a Premium plan that make a site accept products that require one. */
const PLAN_STATUSES_FOR_ADDONS = ['PENDING', 'ENABLED'];

/** True when `accountId` is `ancestorId` or below it. */
function isWithin(world: World, ancestorId: string, accountId: string): boolean {
  let current: string | undefined = accountId;
  for (let guard = 0; current && guard < 16; guard++) {
    if (current === ancestorId) return true;
    current = world.parentOf(current);
  }
  return false;
}

/**
 * Reference lookups see the whole tree of the header account's root, like Query Packages does. Writes other than
 * Adjust reach the header account's own packages and those of its descendants (sandbox choice, UNCONFIRMED).
 * Get Package and Adjust need the header to be the package's own account (Wix: "the call fails if the package and
 * Wix account don't match") — see {@link isOwnAccount}.
 */
export function canRead(world: World, headerAccountId: string, pkg: Package): boolean {
  return world.rootOf(pkg.accountId) === world.rootOf(headerAccountId);
}

/** Get Package and Adjust: the `wix-account-id` header must be the package's own account. */
export function isOwnAccount(_world: World, headerAccountId: string, pkg: Package): boolean {
  return pkg.accountId === headerAccountId;
}

export function canWrite(world: World, headerAccountId: string, pkg: Package): boolean {
  return isWithin(world, headerAccountId, pkg.accountId);
}

/** The package, or 404 PACKAGE_NOT_FOUND when unknown or out of reach. */
export function findPackage(world: World, headerAccountId: string, packageId: string, mode: 'own' | 'write'): Package {
  const pkg = world.packages.get(packageId);
  const allowed =
    pkg && (mode === 'own' ? isOwnAccount(world, headerAccountId, pkg) : canWrite(world, headerAccountId, pkg));
  if (!pkg || !allowed)
    throw appError(PACKAGE_NOT_FOUND.status, PACKAGE_NOT_FOUND.code, `Package ${packageId} not found`, { packageId });
  return pkg;
}

/**
 * The instance and its package for a write, or PRODUCT_INSTANCE_NOT_FOUND (428 on Adjust, 404 elsewhere). Adjust
 * (`own`) needs the header to be the package's own account; the other writes reach descendants too.
 */
export function findInstanceForWrite(
  world: World,
  headerAccountId: string,
  instanceId: string,
  status: number,
  mode: 'own' | 'write' = 'write',
): { pkg: Package; instance: ProductInstance } {
  const found = world.findInstance(instanceId);
  const allowed =
    found &&
    (mode === 'own' ? isOwnAccount(world, headerAccountId, found.pkg) : canWrite(world, headerAccountId, found.pkg));
  if (!found || !allowed) {
    throw appError(status, 'PRODUCT_INSTANCE_NOT_FOUND', `Product instance ${instanceId} not found`, { instanceId });
  }
  return found;
}

/** The catalog product, or 404 PRODUCT_NOT_FOUND. */
export function catalogProduct(world: World, productId: string | undefined): CatalogProduct {
  const product = productId ? world.catalog.get(productId) : undefined;
  if (!product)
    throw appError(404, 'PRODUCT_NOT_FOUND', `Product ${productId ?? '(none)'} not found in the catalog`, {
      productId: productId ?? null,
    });
  return product;
}

/** INVALID_PRODUCTS (not resellable), then PRODUCT_SETTINGS_NOT_FOUND (no Wix-side settings). */
export function checkSellable(products: CatalogProduct[]): void {
  const invalid = [...new Set(products.filter((p) => !p.resellable).map((p) => p.id))];
  if (invalid.length > 0)
    throw appError(428, 'INVALID_PRODUCTS', `Products ${invalid.join(', ')} are not resellable`, {
      productIds: invalid,
    });
  const unset = products.find((p) => !p.hasSettings);
  if (unset)
    throw appError(428, 'PRODUCT_SETTINGS_NOT_FOUND', `Product ${unset.id} has no cancel/notification settings`, {
      productId: unset.id,
    });
}

function cycleText(b: BillingInfo): string {
  return b.type === 'RECURRING' && b.cycleDuration
    ? `RECURRING ${b.cycleDuration.count} ${b.cycleDuration.unit}`
    : b.type;
}

function sameCycle(a: BillingInfo, b: BillingInfo): boolean {
  if (a.type !== b.type) return false;
  if (a.type !== 'RECURRING') return true;
  return a.cycleDuration?.unit === b.cycleDuration?.unit && a.cycleDuration?.count === b.cycleDuration?.count;
}

/** True when the cycle is well-formed as a cycle (a known type; RECURRING with a real duration; ONE_TIME without one). */
export function wellFormedCycle(b: BillingInfo): boolean {
  if (b.type === 'ONE_TIME') return b.cycleDuration === undefined;
  if (b.type !== 'RECURRING' || !b.cycleDuration) return false;
  return b.cycleDuration.unit !== 'UNKNOWN' && b.cycleDuration.count >= 1;
}

/** True when the product offers this cycle. */
export function offersCycle(product: CatalogProduct, billing: BillingInfo): boolean {
  return product.cycles.some((c) => sameCycle(c, billing));
}

/**
 * The cycle an instance of `product` gets. No cycle: the product's only one, or MISSING_BILLING_CYCLE when it has
 * several. Sandbox split of two documented codes: INVALID_BILLING_CYCLE = not a well-formed cycle at all (type
 * UNKNOWN, RECURRING without a real duration, ONE_TIME with one); INCOMPATIBLE_BILLING_CYCLE = a real cycle the
 * product does not offer.
 */
export function resolveCycle(product: CatalogProduct, billing: BillingInfo | undefined): BillingInfo {
  const offered = product.cycles.map(cycleText);
  if (!billing) {
    const only = product.cycles.length === 1 ? product.cycles[0] : undefined;
    if (!only)
      throw appError(
        428,
        'MISSING_BILLING_CYCLE',
        `Product ${product.id} supports several billing cycles (${offered.join(', ')}); billingInfo is required`,
        { productId: product.id, cycles: offered },
      );
    return structuredClone(only);
  }
  if (!wellFormedCycle(billing))
    throw appError(
      428,
      'INVALID_BILLING_CYCLE',
      `Billing info ${cycleText(billing)} is not a valid contract for product ${product.id}`,
      { productId: product.id, cycles: offered },
    );
  if (!offersCycle(product, billing))
    throw appError(
      428,
      'INCOMPATIBLE_BILLING_CYCLE',
      `Cycle ${cycleText(billing)} is not among ${offered.join(', ')} for product ${product.id}`,
      { productId: product.id, cycle: cycleText(billing), cycles: offered },
    );
  return structuredClone(billing);
}

/** The site, or 404 SITE_NOT_FOUND unless it is owned by `accountId`. */
export function ownedSite(world: World, siteId: string, accountId: string): Site {
  const site = world.sites.get(siteId);
  if (site?.ownerAccountId === accountId) return site;
  // Name the owner only inside the caller's own tree: another tree's accounts are not the caller's business.
  const owner = site && world.rootOf(site.ownerAccountId) === world.rootOf(accountId) ? site.ownerAccountId : undefined;
  const message = owner
    ? `Site ${siteId} is owned by ${owner}, not by requesting account ${accountId}`
    : `Site ${siteId} not found in account ${accountId}`;
  throw appError(404, 'SITE_NOT_FOUND', message, {
    metaSiteId: siteId,
    requestingAccountId: accountId,
    ...(owner ? { ownerAccountId: owner } : {}),
  });
}

/** PRODUCT_TYPE_ALREADY_ASSIGNED: the site already has a live instance of this product type (other than `exceptId`). */
export function checkTypeFree(world: World, siteId: string, product: CatalogProduct, exceptId?: string): void {
  const taken = world
    .instancesOfSite(siteId)
    .find(
      ({ instance }) =>
        instance.instanceId !== exceptId &&
        isLive(instance) &&
        world.catalog.get(instance.catalogProductId)?.productTypeId === product.productTypeId,
    );
  if (taken) {
    throw appError(
      428,
      'PRODUCT_TYPE_ALREADY_ASSIGNED',
      `Site ${siteId} already has a product of type ${product.productTypeId}`,
      { metaSiteId: siteId, productTypeId: product.productTypeId, instanceId: taken.instance.instanceId },
    );
  }
}

/** True when the site has a PENDING or ENABLED Premium plan. */
export function siteHasPlanForAddons(world: World, siteId: string): boolean {
  return world
    .instancesOfSite(siteId)
    .some(
      ({ instance }) =>
        PLAN_STATUSES_FOR_ADDONS.includes(instance.status) && isPremiumPlan(world, instance.catalogProductId),
    );
}

/** PRODUCT_NOT_SUPPORTED_ON_SITE: a product that requires a Premium plan, for a site without one. */
export function checkSupportedOnSite(
  world: World,
  siteId: string,
  product: CatalogProduct,
  planInRequest = false,
): void {
  if (!product.requiresPremium || planInRequest || siteHasPlanForAddons(world, siteId)) return;
  throw appError(
    428,
    'PRODUCT_NOT_SUPPORTED_ON_SITE',
    `Site ${siteId} is incompatible with product ${product.id}: it needs a Premium plan first`,
    { metaSiteId: siteId, productId: product.id },
  );
}

/** PRODUCT_LIMIT_EXCEEDED: live instances of the product in the account, plus `adding`, above the product's limit. */
export function checkLimit(
  world: World,
  accountId: string,
  product: CatalogProduct,
  adding: number,
  exceptId?: string,
): void {
  if (product.limitPerAccount === undefined) return;
  let current = 0;
  for (const pkg of world.packages.values()) {
    if (pkg.accountId !== accountId) continue;
    current += pkg.productInstances.filter(
      (i) => i.catalogProductId === product.id && i.instanceId !== exceptId && isLive(i),
    ).length;
  }
  if (current + adding > product.limitPerAccount) {
    throw appError(
      428,
      'PRODUCT_LIMIT_EXCEEDED',
      `Limit of ${product.limitPerAccount} reached for product ${product.id}: the account has ${current} subscriptions`,
      { productId: product.id, limit: product.limitPerAccount, currentCount: current },
    );
  }
}

/**
 * A `referenceProductInstanceId`: it must exist in the caller's account tree (else REFERENCE_PRODUCT_INSTANCE_NOT_FOUND), be of a product that can be a
 * reference, be PENDING/ENABLED, not have been used before, and (sandbox rule) the new product must be a domain
 * whose TLD the referenced plan's free-domain voucher covers.
 */
export function checkReference(
  world: World,
  headerAccountId: string,
  referenceId: string,
  product: CatalogProduct,
  usedInRequest: Set<string>,
): void {
  const found = world.findInstance(referenceId);
  const invalid = (why: string) =>
    appError(428, INVALID_REFERENCE, `Product instance ${referenceId} can't be used as a reference: ${why}`, {
      referenceProductInstanceId: referenceId,
      reason: why,
    });
  if (!found || !canRead(world, headerAccountId, found.pkg)) {
    throw appError(428, REFERENCE_NOT_FOUND, `Reference product instance ${referenceId} not found`, {
      referenceProductInstanceId: referenceId,
    });
  }
  const referenced = world.catalog.get(found.instance.catalogProductId);
  if (!referenced?.canBeReference) throw invalid(`product ${found.instance.catalogProductId} can't be a reference`);
  if (!REFERENCE_STATUSES.includes(found.instance.status))
    throw invalid(`status is ${found.instance.status}; it must be PENDING or ENABLED`);
  if (product.type !== 'DOMAIN' || !product.tlds.every((tld) => referenced.tlds.includes(tld)))
    throw invalid(`it does not entitle product ${product.id}`);
  if (world.usedReferences.has(referenceId) || usedInRequest.has(referenceId)) {
    throw appError(428, REFERENCE_ALREADY_USED, `Product instance ${referenceId} was already used as a reference`, {
      referenceProductInstanceId: referenceId,
    });
  }
}
