import type { UpstreamSession } from '../upstream-services.js';
import type { BillingSpec } from '../datasources/resellers.dto.js';
import type { ProductInstance } from '../model/product-instance.js';
import { TRANSFER_ERRORS } from '../user-errors/resellers.js';
import {
  enabledAlready,
  sessionOf,
  inputOf,
  liveInstancesOf,
  packageStep,
  recurring,
  waitForEnabled,
  wix,
  type BoughtPackage,
  type Ctx,
  type Step,
} from './steps.js';
import type { Flow } from './flow-deps.js';
import { externalIdFor } from '../idempotency/external-ids.js';

/**
 * setUpCustomerSite (Wix's sample flow "Set up a customer's site in your team account"): transfer the finished site
 * from the agency's account to the customer's (Transfer Site, target in `wix-account-id`; Wix refuses while the site
 * has paid services), then buy its paid services there (Create Package V2 for the site), then wait until Wix has
 * delivered them (instances ENABLED).
 */
export interface SetUpCustomerSiteFlowInput {
  siteId: string;
  targetAccountId: string;
  sourceAccountId: string;
  products: Array<{
    catalogProductId: string;
    countryCode: string;
    billingCycle?: BillingSpec['cycle'];
    discountCode?: string | null;
  }>;
  enableNotifications: boolean;
}

const input = (ctx: Ctx) => inputOf<SetUpCustomerSiteFlowInput>(ctx);

const transferSite: Step = {
  name: 'transferSite',
  description: "Transfer the site to the customer's account (Wix Transfer Site).",
  paid: false,
  async check(ctx) {
    const { siteId, targetAccountId } = input(ctx);
    const site = await (await sessionOf(ctx).scope(targetAccountId)).sites.byId.load(siteId);
    return site ? `Site ${siteId} is already in account ${targetAccountId}.` : null;
  },
  async act(ctx) {
    const { siteId, targetAccountId, sourceAccountId, enableNotifications } = input(ctx);
    const target = await sessionOf(ctx).scope(targetAccountId);
    await wix(
      () => target.siteTransfer.transferSite({ siteId, sourceAccountId, enableNotifications }),
      'input.siteId',
      TRANSFER_ERRORS,
    );
    return `Transferred site ${siteId} from account ${sourceAccountId} to ${targetAccountId}.`;
  },
};

/** The requested products the site has live already (in the customer's account), in the order of the input. */
async function onSite(ctx: Ctx, session: UpstreamSession): Promise<Array<ProductInstance | undefined>> {
  const { siteId, targetAccountId, products } = input(ctx);
  const live = await liveInstancesOf(session, targetAccountId, siteId);
  return products.map((p) => live.find((i) => i.catalogProductId === p.catalogProductId));
}

/**
 * Reconciles on the site itself first: when it already has a live instance of every requested product (bought by
 * an earlier run of this flow — with this key, or with a new key after that run failed or was canceled — or
 * otherwise), nothing is bought; then on the package's external ID (an earlier attempt with this key). Otherwise it
 * buys the products the site lacks. A site holds one product of each type, so this never drops a wanted purchase.
 */
const createPackage = packageStep({
  name: 'createPackage',
  description:
    "Buy the paid services for the site in the customer's account (Wix Create Package V2), unless the site has them already.",
  stateKey: 'package',
  account: (ctx) => input(ctx).targetAccountId,
  externalId: (ctx) => externalIdFor(ctx.op.tenantId, ctx.op.idempotencyKey),
  idempotencyKey: (ctx) => ctx.op.idempotencyKey,
  async inPlace(ctx, session) {
    const found = await onSite(ctx, session);
    if (found.some((i) => !i)) return null;
    const instances = found as ProductInstance[];
    const pkg: BoughtPackage = {
      packageId: instances[0]?.packageWixId ?? '',
      instanceIds: instances.map((i) => i.wixId),
      catalogProductIds: instances.map((i) => i.catalogProductId),
      bought: false,
    };
    ctx.set('package', pkg);
    return `Site ${input(ctx).siteId} already has the requested services in account ${input(ctx).targetAccountId} (instances ${pkg.instanceIds.join(', ')}): nothing to buy.`;
  },
  products: async (ctx, session) => {
    const found = await onSite(ctx, session);
    return input(ctx)
      .products.filter((_, i) => !found[i])
      .map((p) => ({
        catalogProductId: p.catalogProductId,
        countryCode: p.countryCode,
        siteId: input(ctx).siteId,
        billing: p.billingCycle ? recurring(p.billingCycle) : null,
        discountCode: p.discountCode ?? null,
      }));
  },
});

const waitForInstances: Step = {
  name: 'waitForInstances',
  description: 'Wait until Wix has delivered the paid services (product instances ENABLED).',
  paid: false,
  async check(ctx) {
    const pkg = ctx.get<BoughtPackage>('package');
    return pkg ? enabledAlready(sessionOf(ctx), pkg.instanceIds) : null;
  },
  act(ctx) {
    return waitForEnabled(ctx, ctx.get<BoughtPackage>('package')?.instanceIds ?? []);
  },
};

/** The setUpCustomerSite flow (see the module comment). */
export const setUpCustomerSiteFlow: Flow = {
  kind: 'SET_UP_CUSTOMER_SITE',
  steps: [transferSite, createPackage, waitForInstances],
  result: (op) => {
    const i = op.input as unknown as SetUpCustomerSiteFlowInput;
    return {
      siteWixId: i.siteId,
      accountId: i.targetAccountId,
      packageWixId: (op.state.package as BoughtPackage | undefined)?.packageId ?? null,
    };
  },
};
