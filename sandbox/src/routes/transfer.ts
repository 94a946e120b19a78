import type { z } from 'zod/v4';
import { TransferSiteRequest } from '../contract/resellers.js';
import { appError, invalidField } from '../errors.js';
import { isLive } from '../lifecycle.js';
import { GUID, withBody, type RouteContext, type RouteDef } from '../router.js';
import type { World } from '../world.js';

/**
 * B2B Site Management — Transfer Site, `POST /b2b-site-management/v1/transfer-site` (CONTRACT §2). The target
 * account is the `wix-account-id` header; this route authenticates the key only and checks the target itself so that
 * it can answer the API's own codes: unknown target 428 TARGET_ACCOUNT_ID_NOT_FOUND; target or source outside the
 * key's main-account tree 403 SITE_TRANSFER_NOT_ALLOWED; site not in the source 400 SITE_NOT_FOUND; site with a paid
 * service 428 SITE_TRANSFER_NOT_SUPPORTED. Synchronous: a 200 means the site now belongs to the target.
 * Sandbox choices: source = target is an accepted no-op; the owner is swapped in `contributorAccountIds` too.
 */
function header(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}

function targetAccount(ctx: RouteContext): string {
  const target = header(ctx, 'wix-account-id');
  if (!target) throw invalidField('wix-account-id', 'header is required (the target account)', 'REQUIRED_FIELD');
  if (!GUID.test(target) || !ctx.world.accounts.has(target))
    throw appError(428, 'TARGET_ACCOUNT_ID_NOT_FOUND', `Target account ${target} not found`, {
      targetAccountId: target,
    });
  return target;
}

/** A paid Wix service on the site: a live product instance assigned to it, or a Premium flag. */
function paidServices(world: World, siteId: string): string[] {
  const instances = world
    .instancesOfSite(siteId)
    .filter(({ instance }) => isLive(instance))
    .map(({ instance }) => instance.instanceId);
  return instances.length === 0 && world.sites.get(siteId)?.premium ? ['premium'] : instances;
}

function transferSite(ctx: RouteContext, body: z.output<typeof TransferSiteRequest>) {
  const { world } = ctx;
  const target = targetAccount(ctx);
  const request = body.siteTransfer;
  const tree = world.rootOf(ctx.keyAccountId);
  if (!world.inTree(tree, target)) {
    throw appError(
      403,
      'SITE_TRANSFER_NOT_ALLOWED',
      `Transfer to account ${target} is not allowed: it is not the key's account or one of its sub-accounts`,
      { targetAccountId: target },
    );
  }
  if (!world.inTree(tree, request.sourceAccountId)) {
    throw appError(
      403,
      'SITE_TRANSFER_NOT_ALLOWED',
      `Transfer from account ${request.sourceAccountId} is not allowed`,
      { sourceAccountId: request.sourceAccountId },
    );
  }
  const site = world.sites.get(request.siteId);
  if (site?.ownerAccountId !== request.sourceAccountId) {
    throw appError(400, 'SITE_NOT_FOUND', `Site ${request.siteId} not found in account ${request.sourceAccountId}`, {
      siteId: request.siteId,
      sourceAccountId: request.sourceAccountId,
    });
  }
  const paid = paidServices(world, site.id);
  if (paid.length > 0) {
    throw appError(
      428,
      'SITE_TRANSFER_NOT_SUPPORTED',
      `Site ${site.id} has paid Wix services; cancel them before transferring it`,
      { siteId: site.id, productInstanceIds: paid.filter((id) => id !== 'premium') },
    );
  }
  if (target !== site.ownerAccountId) {
    site.contributorAccountIds = [
      target,
      ...site.contributorAccountIds.filter((id) => id !== site.ownerAccountId && id !== target),
    ];
    site.ownerAccountId = target;
    site.updatedDate = world.now();
  }
  return {
    siteTransfer: {
      siteId: request.siteId,
      sourceAccountId: request.sourceAccountId,
      enableNotifications: request.enableNotifications,
    },
  };
}

export const transferRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/b2b-site-management/v1/transfer-site',
    operation: 'transferSite',
    auth: 'key',
    ...withBody(TransferSiteRequest, transferSite),
  },
];
