import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { fromGlobalId } from '../schema/node.type.js';
import { SitesArgs } from '../schema/site.args.js';
import { Site, SiteConnection } from '../schema/site.type.js';
import { registerNodeLoader } from './node.resolver.js';

registerNodeLoader('Site', (ctx, wixId) => ctx.tenant.sites.byId.load(wixId));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts a Site global ID or a raw Wix site GUID; anything else is BAD_USER_INPUT. */
export function siteWixId(id: string): string {
  if (GUID.test(id)) return id;
  const decoded = fromGlobalId(id);
  if (decoded?.type === 'Site' && GUID.test(decoded.wixId)) return decoded.wixId;
  throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'id must be a Site ID or a Wix site GUID', { fields: [{ field: 'id', message: 'is not a Site ID' }] });
}

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true, description: 'A site of the current account by its ID (global ID or Wix GUID); null when the account has no such site.' })
  site(@Arg('id', () => ID, { description: 'Site global ID or Wix site GUID.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Site | null> {
    return ctx.tenant.sites.byId.load(siteWixId(id));
  }

  @Query(() => SiteConnection, { description: 'Sites of the current account, newest first.' })
  sites(@Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return ctx.tenant.sites.list(args);
  }
}
