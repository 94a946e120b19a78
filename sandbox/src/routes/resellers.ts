import { cancelInstance, touch } from '../lifecycle.js';
import {
  AdjustInstanceRequest,
  CreatePackageRequest,
  ExternalIdParam,
  IdempotencyRequest,
  QueryPackagesRequest,
} from '../contract/resellers.js';
import { withBody, type RouteContext, type RouteDef } from '../router.js';
import { parseBody } from '../validate.js';
import { createPackage } from './resellers-create.js';
import { idempotent } from './resellers-input.js';
import { adjustInstance, assignInstance, cancelProductInstance, unassignInstance } from './resellers-instances.js';
import { queryPackages } from './resellers-query.js';
import { findPackage } from './resellers-rules.js';

/**
 * Resellers — Packages and Product Instances (CONTRACT §1). The deprecated v1 Create Package is deliberately absent.
 * Get answers only a package of the header account itself (Wix: "fails if the package and Wix account don't match");
 * writes reach the header account and its descendants, Adjust only the header account's own instances
 * (404 PACKAGE_NOT_FOUND / PRODUCT_INSTANCE_NOT_FOUND otherwise — see resellers-rules.ts).
 */
function getPackage(ctx: RouteContext) {
  return { package: findPackage(ctx.world, ctx.accountId, ctx.params.id ?? '', 'own') };
}

/** Cancels every instance of the package (CANCELED at once; FAILED ones stay FAILED) and runs the cascades. */
function cancelPackage(ctx: RouteContext) {
  return idempotent(ctx, 'cancelPackage', () => {
    const pkg = findPackage(ctx.world, ctx.accountId, ctx.params.id ?? '', 'write');
    for (const instance of pkg.productInstances) cancelInstance(ctx.world, pkg, instance);
    return { package: pkg };
  });
}

/** `updatedPackage` (not `package`) is the documented key of this one endpoint. */
function updateExternalId(ctx: RouteContext) {
  const { externalId } = parseBody(ExternalIdParam, { externalId: ctx.params.externalId ?? '' });
  const pkg = findPackage(ctx.world, ctx.accountId, ctx.params.packageId ?? '', 'write');
  pkg.externalId = externalId;
  touch(ctx.world, pkg);
  return { updatedPackage: pkg };
}

const base = '/resellers/v1/packages';
const instances = `${base}/product-instances`;

/** Reseller routes in match order: the static `unassign` segment before the `:siteId` parameter. */
export const resellerRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/resellers/v2/packages',
    operation: 'createPackage',
    auth: 'account',
    ...withBody(CreatePackageRequest, createPackage),
  },
  {
    method: 'POST',
    path: `${base}/query`,
    operation: 'queryPackages',
    auth: 'account',
    ...withBody(QueryPackagesRequest, queryPackages),
  },
  {
    method: 'PATCH',
    path: `${base}/update/:packageId/:externalId`,
    operation: 'updatePackageExternalId',
    auth: 'account',
    handle: updateExternalId,
  },
  {
    method: 'PATCH',
    path: `${instances}/:instanceId/unassign`,
    operation: 'unassignProductInstance',
    auth: 'account',
    ...withBody(IdempotencyRequest, unassignInstance),
  },
  {
    method: 'PATCH',
    path: `${instances}/:instanceId/:siteId`,
    operation: 'assignProductInstance',
    auth: 'account',
    ...withBody(IdempotencyRequest, assignInstance),
  },
  {
    method: 'PATCH',
    path: `${instances}/:instanceId`,
    operation: 'adjustProductInstance',
    auth: 'account',
    ...withBody(AdjustInstanceRequest, adjustInstance),
  },
  {
    method: 'DELETE',
    path: `${instances}/:instanceId`,
    operation: 'cancelProductInstance',
    auth: 'account',
    ...withBody(IdempotencyRequest, cancelProductInstance),
  },
  { method: 'GET', path: `${base}/:id`, operation: 'getPackage', auth: 'account', handle: getPackage },
  {
    method: 'DELETE',
    path: `${base}/:id`,
    operation: 'cancelPackage',
    auth: 'account',
    ...withBody(IdempotencyRequest, cancelPackage),
  },
];
