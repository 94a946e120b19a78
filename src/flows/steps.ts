import type { UpstreamSession } from '../upstream-services.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { BillingSpec, NewProductSpec } from '../datasources/resellers.dto.js';
import type { Package } from '../model/package.js';
import {
  BillingCycleUnit,
  BillingType,
  ProductInstanceStatus,
  type ProductInstance,
} from '../model/product-instance.js';
import { toUserError, toUserErrorWith, type UserErrorSpec } from '../user-errors/index.js';
import { RESELLER_ERRORS } from '../user-errors/resellers.js';
import { FlowUserError, type FlowStep, type StepContext } from './flow.js';
import type { FlowDeps } from './flow-deps.js';

/**
 * Building blocks the four flows share: a new upstream session per step, Wix refusals as flow user errors, the
 * "buy a package unless the package with our external ID exists" step, and waits on product instances through the
 * shared pollers.
 */
export type Ctx = StepContext<FlowDeps>;
export type Step = FlowStep<FlowDeps>;

/** A new upstream session as the operation's tenant (new loaders: never a read from before the last write). */
export function sessionOf(ctx: Ctx): UpstreamSession {
  return ctx.deps.session();
}

/** The operation's input, typed by the flow. */
export function inputOf<T>(ctx: Ctx): T {
  return ctx.op.input as T;
}

/**
 * Runs a Wix call; a business refusal (a Wix 4xx with its code, NOT_FOUND, FORBIDDEN) fails the operation as a
 * user error with Wix's code, the readable message of the user-error tables (`table` first, when given) and `field`
 * (the flow input's field).
 * Transient failures are rethrown for the runner to retry.
 */
export async function wix<T>(
  run: () => Promise<T>,
  field: string | null = null,
  table?: Record<string, UserErrorSpec>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // The API's own table first: one Wix code can mean different things in different APIs (SITE_NOT_FOUND).
    const ue = table ? toUserErrorWith(error, table) : toUserError(error);
    if (ue) throw new FlowUserError({ code: ue.code, message: ue.message, field });
    throw error;
  }
}

/** A user error of the flow itself (not Wix's). */
export function flowError(code: string, message: string, field: string | null = null): FlowUserError {
  return new FlowUserError({ code, message, field });
}

/** Instance statuses that still hold their product (a plan in one of them makes the site Premium or about to be). */
const LIVE: ReadonlySet<ProductInstanceStatus> = new Set([
  ProductInstanceStatus.PENDING,
  ProductInstanceStatus.ENABLED,
  ProductInstanceStatus.AWAITING_ACTION,
]);

/** The live instances on a site, as `accountId` sees them now (Query Packages `productInstances.siteId $hasSome`). */
export async function liveInstancesOf(
  session: UpstreamSession,
  accountId: string,
  siteId: string,
): Promise<ProductInstance[]> {
  const instances = await (await session.scope(accountId)).resellers.instancesOfSite(siteId);
  return instances.filter((i) => LIVE.has(i.status));
}

/** The live Premium plan on a site, if any. */
export async function livePlanOf(
  session: UpstreamSession,
  accountId: string,
  siteId: string,
): Promise<ProductInstance | undefined> {
  return (await liveInstancesOf(session, accountId, siteId)).find((i) =>
    session.catalog.isPremiumPlan(i.catalogProductId),
  );
}

/** A recurring cycle of `count` `unit`s (default 1 YEAR). */
export function recurring(cycle?: { unit: BillingCycleUnit; count: number } | null): BillingSpec {
  return {
    type: BillingType.RECURRING,
    cycle: cycle ? { unit: cycle.unit, count: cycle.count } : { unit: BillingCycleUnit.YEAR, count: 1 },
  };
}

/** What a package step remembers in the operation state (so a resumed flow and later steps find it). */
export interface BoughtPackage {
  packageId: string;
  instanceIds: string[];
  /** Catalog product of each instance, in the same order. */
  catalogProductIds: string[];
  /** True when this operation's own call bought it (false: found by its external ID). */
  bought: boolean;
}

export interface PackageStepSpec {
  name: string;
  description: string;
  /** Where the package is remembered in the operation state. */
  stateKey: string;
  /** The account the package is bought for (its `wix-account-id`). */
  account: (ctx: Ctx) => string;
  /** Deterministic `externalId` (from the tenant and the client's key): how an earlier attempt's package is found. */
  externalId: (ctx: Ctx) => string;
  /** Wix `idempotencyKey` of the Create Package call. */
  idempotencyKey: (ctx: Ctx) => string;
  /** The products to buy (may read upstream, e.g. to pick a reference instance). */
  products: (ctx: Ctx, session: UpstreamSession) => Promise<NewProductSpec[]>;
  /** Says the package is not needed (a sentence), e.g. the site already has a plan; null to go on. */
  inPlace?: (ctx: Ctx, session: UpstreamSession) => Promise<string | null>;
  applies?: (ctx: Ctx) => boolean;
}

/**
 * A paid step: reconciles by Query Packages on the deterministic external ID — if an earlier attempt (a crash, a
 * timeout, a retry) bought the package, it is found and not bought again; otherwise Create Package V2 with the
 * external ID and an idempotency key.
 */
export function packageStep(spec: PackageStepSpec): Step {
  const remember = (ctx: Ctx, pkg: Package, bought: boolean) => {
    const value: BoughtPackage = {
      packageId: pkg.wixId,
      instanceIds: pkg.productInstances.map((i) => i.wixId),
      catalogProductIds: pkg.productInstances.map((i) => i.catalogProductId),
      bought,
    };
    ctx.set(spec.stateKey, value);
    return value;
  };
  return {
    name: spec.name,
    description: spec.description,
    paid: true,
    applies: spec.applies,
    async check(ctx) {
      const session = sessionOf(ctx);
      const notNeeded = spec.inPlace ? await spec.inPlace(ctx, session) : null;
      if (notNeeded) return notNeeded;
      const scope = await session.scope(spec.account(ctx));
      const [found] = await scope.resellers.packagesByExternalId(spec.externalId(ctx));
      if (!found) return null;
      remember(ctx, found, ctx.get<BoughtPackage>(spec.stateKey)?.bought ?? false);
      return `Package ${found.wixId} with external ID ${spec.externalId(ctx)} already exists (bought by an earlier attempt).`;
    },
    async act(ctx) {
      const session = sessionOf(ctx);
      const scope = await session.scope(spec.account(ctx));
      const products = await spec.products(ctx, session);
      // Everything arrived between the check and now (another run): check again rather than send an empty order.
      if (products.length === 0)
        throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Nothing left to buy; checking again');
      const pkg = await wix(
        () =>
          scope.resellers.createPackage({
            products,
            externalId: spec.externalId(ctx),
            idempotencyKey: spec.idempotencyKey(ctx),
          }),
        null,
        RESELLER_ERRORS,
      );
      remember(ctx, pkg, true);
      const references = products.flatMap((p) => (p.referenceProductInstanceId ? [p.referenceProductInstanceId] : []));
      const free = references.length ? `, free with reference instance ${references.join(', ')}` : '';
      return `Bought package ${pkg.wixId} (instances ${pkg.productInstances.map((i) => i.wixId).join(', ')}${free}).`;
    },
  };
}

/** Reads instances afresh; null for one that is not visible. */
async function instances(session: UpstreamSession, ids: string[]): Promise<Array<ProductInstance | null>> {
  return Promise.all(ids.map((id) => session.tenant.resellers.instance(id)));
}

/** Fails the operation when an instance ended CANCELED or FAILED: it will never be delivered. */
function assertDeliverable(instance: ProductInstance): void {
  if (instance.status !== ProductInstanceStatus.FAILED && instance.status !== ProductInstanceStatus.CANCELED) return;
  const why = instance.failure ? ` (${instance.failure.code}: ${instance.failure.message})` : '';
  throw flowError(
    `PRODUCT_INSTANCE_${instance.status}`,
    `Product instance ${instance.wixId} is ${instance.status}${why}; it will not be delivered.`,
  );
}

/** Whether every instance is ENABLED (a sentence), or null; fails when one can never be. */
export async function enabledAlready(session: UpstreamSession, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const found = await instances(session, ids);
  for (const instance of found) if (instance) assertDeliverable(instance);
  return found.every((i) => i?.status === ProductInstanceStatus.ENABLED)
    ? `Product instances ${ids.join(', ')} are ENABLED.`
    : null;
}

/**
 * Waits until every instance is ENABLED, through the shared pollers (one poller per instance, shared with any
 * `productInstanceUpdated` subscriber). Ends early on cancel; fails when an instance ends CANCELED or FAILED.
 */
export async function waitForEnabled(ctx: Ctx, ids: string[]): Promise<string> {
  await ctx.waiting(`Waiting for Wix to deliver product instances ${ids.join(', ')} (PENDING → ENABLED).`);
  const session = sessionOf(ctx);
  for (const id of ids) {
    const instance = await session.watches.waitFor(
      session.watches.productInstance(ctx.deps.tenantId, id),
      (i) => i.status === ProductInstanceStatus.ENABLED,
      ctx.signal,
    );
    assertDeliverable(instance);
  }
  return `Product instances ${ids.join(', ')} are ENABLED.`;
}
