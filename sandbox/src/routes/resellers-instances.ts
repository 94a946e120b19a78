import type { z } from 'zod/v4';
import type { AdjustInstanceRequest } from '../contract/resellers.js';
import { appError } from '../errors.js';
import { cancelInstance, isLive, isPremiumPlan, planLeftSite, touch } from '../lifecycle.js';
import type { RouteContext } from '../router.js';
import { refreshPremium } from '../seed.js';
import type { BillingInfo, CatalogProduct, Package, ProductInstance } from '../types.js';
import { billingOf, idempotent } from './resellers-input.js';
import {
  INSTANCE_NOT_FOUND_STATUS,
  catalogProduct,
  checkLimit,
  checkSellable,
  checkSupportedOnSite,
  checkTypeFree,
  findInstanceForWrite,
  offersCycle,
  ownedSite,
  resolveCycle,
} from './resellers-rules.js';

/**
 * Instance writes (CONTRACT §1.8–§1.11): Assign (also reassigns), Unassign, Adjust, Cancel. Each answers
 * `{idempotencyKey?, package}`. Assign/Unassign/Adjust keep the instance's status (Wix: "features change
 * immediately"); Cancel answers CANCELED at once. A Premium plan leaving a site runs the cascade in lifecycle.ts.
 */

/** Statuses Adjust accepts (UNCONFIRMED upstream; the contract's safest choice). */
const ADJUSTABLE = ['PENDING', 'ENABLED'];

function incompatibleStatus(instance: ProductInstance, action: string) {
  return appError(
    428,
    'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS',
    `Product instance ${instance.instanceId} has status ${instance.status}, which forbids ${action}`,
    { instanceId: instance.instanceId, status: instance.status },
  );
}

function productOf(ctx: RouteContext, instance: ProductInstance): CatalogProduct {
  return catalogProduct(ctx.world, instance.catalogProductId);
}

function assign(ctx: RouteContext): { package: Package } {
  const { world } = ctx;
  const { pkg, instance } = findInstanceForWrite(
    world,
    ctx.accountId,
    ctx.params.instanceId ?? '',
    INSTANCE_NOT_FOUND_STATUS.other,
  );
  const siteId = ctx.params.siteId ?? '';
  if (!isLive(instance)) throw incompatibleStatus(instance, 'assigning it to a site');
  // Sandbox choice: the site must belong to the package's account (the account the instance is sold to).
  ownedSite(world, siteId, pkg.accountId);
  if (instance.siteId === siteId) return { package: pkg };
  const product = productOf(ctx, instance);
  checkTypeFree(world, siteId, product, instance.instanceId);
  checkSupportedOnSite(world, siteId, product);
  const from = instance.siteId;
  instance.siteId = siteId;
  touch(world, pkg, instance);
  if (isPremiumPlan(world, instance.catalogProductId)) {
    refreshPremium(world, siteId);
    if (from) planLeftSite(world, from);
  }
  return { package: pkg };
}

function unassign(ctx: RouteContext): { package: Package } {
  const { world } = ctx;
  const { pkg, instance } = findInstanceForWrite(
    world,
    ctx.accountId,
    ctx.params.instanceId ?? '',
    INSTANCE_NOT_FOUND_STATUS.other,
  );
  const from = instance.siteId;
  if (!from) return { package: pkg };
  delete instance.siteId;
  touch(world, pkg, instance);
  if (isPremiumPlan(world, instance.catalogProductId)) planLeftSite(world, from);
  return { package: pkg };
}

function missingDetails(missing: string, message: string) {
  return appError(428, 'MISSING_PRODUCT_DETAILS', message, { missing });
}

/** The cycle after an adjust: the requested one, else the current one if the target offers it, else its only one. */
function adjustedCycle(
  target: CatalogProduct,
  requested: BillingInfo | undefined,
  current: BillingInfo | undefined,
): BillingInfo {
  if (requested) return resolveCycle(target, requested);
  if (current && offersCycle(target, current)) return current;
  const only = target.cycles.length === 1 ? target.cycles[0] : undefined;
  if (only) return structuredClone(only);
  throw missingDetails(
    'billingInfo',
    `Product ${target.id} does not offer the instance's current billing cycle; billingInfo is required`,
  );
}

function adjust(ctx: RouteContext, body: z.output<typeof AdjustInstanceRequest>): { package: Package } {
  const { world } = ctx;
  const { pkg, instance } = findInstanceForWrite(
    world,
    ctx.accountId,
    ctx.params.instanceId ?? '',
    INSTANCE_NOT_FOUND_STATUS.adjust,
    'own',
  );
  const newProductId = body.catalogProductId || undefined;
  const billing = billingOf(body.billingInfo);
  const discountCode = body.discountCode ?? undefined;
  if (!newProductId && !billing)
    throw missingDetails('catalogProductId', 'Either catalogProductId or billingInfo is required');
  if (billing?.type === 'RECURRING' && (!billing.cycleDuration || billing.cycleDuration.unit === 'UNKNOWN')) {
    throw missingDetails(
      'billingInfo.cycleDuration',
      'billingInfo.cycleDuration.unit is required for a RECURRING cycle',
    );
  }
  if (!ADJUSTABLE.includes(instance.status)) throw incompatibleStatus(instance, 'adjusting its specifications');
  const current = productOf(ctx, instance);
  const target = newProductId ? catalogProduct(world, newProductId) : current;
  if (target.id !== current.id) {
    checkSellable([target]);
    if (target.productTypeId !== current.productTypeId) {
      throw appError(
        428,
        'INCOMPATIBLE_PRODUCT',
        `Can't switch from product type ${current.productTypeId}/${current.id} to ${target.id}`,
        { existingProductType: current.productTypeId, existingProductId: current.id, targetProductId: target.id },
      );
    }
  }
  const cycle = adjustedCycle(target, billing, instance.billingInfo);
  if (target.id !== current.id) {
    checkLimit(world, pkg.accountId, target, 1, instance.instanceId);
    if (instance.siteId) checkSupportedOnSite(world, instance.siteId, target);
  }
  instance.catalogProductId = target.id;
  instance.billingInfo = cycle;
  // A discount code is honoured only together with a new product (CONTRACT §1.10).
  if (newProductId && discountCode) instance.discountCode = discountCode;
  touch(world, pkg, instance);
  return { package: pkg };
}

function cancel(ctx: RouteContext): { package: Package } {
  const { pkg, instance } = findInstanceForWrite(
    ctx.world,
    ctx.accountId,
    ctx.params.instanceId ?? '',
    INSTANCE_NOT_FOUND_STATUS.other,
  );
  cancelInstance(ctx.world, pkg, instance);
  return { package: pkg };
}

/** Route handlers, each under its optional idempotency key. */
export const assignInstance = (ctx: RouteContext) => idempotent(ctx, 'assignProductInstance', () => assign(ctx));
export const unassignInstance = (ctx: RouteContext) => idempotent(ctx, 'unassignProductInstance', () => unassign(ctx));
export const adjustInstance = (ctx: RouteContext, body: z.output<typeof AdjustInstanceRequest>) =>
  idempotent(ctx, 'adjustProductInstance', () => adjust(ctx, body));
export const cancelProductInstance = (ctx: RouteContext) => idempotent(ctx, 'cancelProductInstance', () => cancel(ctx));
