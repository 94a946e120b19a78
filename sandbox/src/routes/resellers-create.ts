import { appError } from '../errors.js';
import { scheduleActivation } from '../lifecycle.js';
import type { z } from 'zod/v4';
import type { CreatePackageRequest } from '../contract/resellers.js';
import type { RouteContext } from '../router.js';
import type { BillingInfo, CatalogProduct, Package, ProductInstance } from '../types.js';
import type { World } from '../world.js';
import { idempotent, productRequests, type ProductRequest } from './resellers-input.js';
import {
  catalogProduct,
  checkLimit,
  checkReference,
  checkSellable,
  checkSupportedOnSite,
  checkTypeFree,
  ownedSite,
  resolveCycle,
} from './resellers-rules.js';

/**
 * Create Package V2 — `POST /resellers/v2/packages` (CONTRACT §1.4). Every rule is checked before anything is
 * stored, so a refused request changes nothing. New instances are PENDING; the clock activates them (lifecycle.ts).
 * Rule order: shapes (400) → products (PRODUCT_NOT_FOUND, INVALID_PRODUCTS, PRODUCT_SETTINGS_NOT_FOUND) → billing
 * cycles → sites (SITE_NOT_FOUND, MULTIPLE_PRODUCT_ASSIGNMENTS, PRODUCT_TYPE_ALREADY_ASSIGNED,
 * PRODUCT_NOT_SUPPORTED_ON_SITE) → PRODUCT_LIMIT_EXCEEDED → reference instances.
 */
interface Planned {
  request: ProductRequest;
  product: CatalogProduct;
  billing: BillingInfo;
}

/**
 * Sandbox rule: two products of the same product type (the same product included) for one site in one request are
 * MULTIPLE_PRODUCT_ASSIGNMENTS — a site holds one instance per type.
 */
function checkSites(world: World, accountId: string, planned: Planned[]): void {
  const bySite = new Map<string, Planned[]>();
  for (const item of planned) {
    const siteId = item.request.siteId;
    if (!siteId) continue;
    ownedSite(world, siteId, accountId);
    bySite.set(siteId, [...(bySite.get(siteId) ?? []), item]);
  }
  for (const [siteId, items] of bySite) {
    const types = new Map<string, string[]>();
    for (const { product } of items)
      types.set(product.productTypeId, [...(types.get(product.productTypeId) ?? []), product.id]);
    for (const productIds of types.values()) {
      if (productIds.length > 1) {
        throw appError(
          428,
          'MULTIPLE_PRODUCT_ASSIGNMENTS',
          `Products ${productIds.join(', ')} can't be assigned together to site ${siteId} in one request`,
          { metaSiteId: siteId, productIds },
        );
      }
    }
    const planInRequest = items.some(({ product }) => product.type === 'PREMIUM_PLAN');
    for (const { product } of items) {
      checkTypeFree(world, siteId, product);
      checkSupportedOnSite(world, siteId, product, planInRequest);
    }
  }
}

function checkLimits(world: World, accountId: string, planned: Planned[]): void {
  const counts = new Map<string, { product: CatalogProduct; n: number }>();
  for (const { product } of planned) counts.set(product.id, { product, n: (counts.get(product.id)?.n ?? 0) + 1 });
  for (const { product, n } of counts.values()) checkLimit(world, accountId, product, n);
}

function checkReferences(world: World, accountId: string, planned: Planned[]): void {
  const used = new Set<string>();
  for (const { request, product } of planned) {
    const ref = request.referenceProductInstanceId;
    if (!ref) continue;
    checkReference(world, accountId, ref, product, used);
    used.add(ref);
  }
}

function buildInstance(world: World, item: Planned, now: string): ProductInstance {
  const r = item.request;
  return {
    instanceId: world.rng.uuid(),
    ...(r.siteId ? { siteId: r.siteId } : {}),
    catalogProductId: item.product.id,
    status: 'PENDING',
    billingInfo: item.billing,
    countryCode: r.countryCode,
    createdDate: now,
    updatedDate: now,
    ...(r.discountCode ? { discountCode: r.discountCode } : {}),
    ...(r.referenceProductInstanceId ? { referenceProductInstanceId: r.referenceProductInstanceId } : {}),
  };
}

function create(ctx: RouteContext, body: z.output<typeof CreatePackageRequest>): { package: Package } {
  const { world, accountId } = ctx;
  const requests = productRequests(body.products);
  // Wix's own example posts `external_id`; the documented field is `externalId`. Both are accepted.
  const externalId = body.externalId ?? body.external_id ?? undefined;
  const products = requests.map((r) => catalogProduct(world, r.catalogProductId));
  checkSellable(products);
  const planned: Planned[] = requests.map((request, i) => {
    const product = products[i] as CatalogProduct;
    return { request, product, billing: resolveCycle(product, request.billingInfo) };
  });
  checkSites(world, accountId, planned);
  checkLimits(world, accountId, planned);
  checkReferences(world, accountId, planned);

  const now = world.now();
  const pkg: Package = {
    id: world.rng.uuid(),
    accountId,
    ...(externalId !== undefined ? { externalId } : {}),
    productInstances: planned.map((item) => buildInstance(world, item, now)),
    createdDate: now,
    updatedDate: now,
    parentAccountId: world.rootOf(accountId),
  };
  world.putPackage(pkg);
  for (const instance of pkg.productInstances) {
    if (instance.referenceProductInstanceId) world.usedReferences.add(instance.referenceProductInstanceId);
    scheduleActivation(world, instance.instanceId);
  }
  return { package: pkg };
}

/** Route handler of Create Package V2 (with idempotency). */
export function createPackage(ctx: RouteContext, body: z.output<typeof CreatePackageRequest>): Record<string, unknown> {
  return idempotent(ctx, 'createPackage', () => create(ctx, body));
}
