import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { SitesArgs } from '../schema/site.args.js';
import { Site, SiteConnection } from '../schema/site.type.js';
import { wixIdOf } from './ids.js';
import { registerNodeLoader } from './node.resolver.js';

registerNodeLoader('Site', (ctx, wixId) => ctx.tenant.sites.byId.load(wixId));

/** The current account's sites: one by ID (batched into one Query Sites per request) or a page of them. */
@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true, description: 'A site of the current account by its ID (global ID or Wix GUID); null when the account has no such site.' })
  site(@Arg('id', () => ID, { description: 'Site global ID or Wix site GUID.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Site | null> {
    return ctx.tenant.sites.byId.load(wixIdOf(id, 'Site', 'id'));
  }

  @Query(() => SiteConnection, { description: 'Sites of the current account, newest first.' })
  sites(@Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return ctx.tenant.sites.list(args);
  }
}
