import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ConnectedDomain } from '../schema/connected-domain.type.js';
import { RegisteredDomain } from '../schema/registered-domain.type.js';
import { Site } from '../schema/site.type.js';

/**
 * A site's domains. Wix cannot list domains by site, so each comes from the owning account's whole list, read once
 * per request: one List call per account however many sites ask.
 */
@Resolver(() => Site)
export class SiteDomainsResolver {
  @FieldResolver(() => [ConnectedDomain], { nullable: true, description: 'External domains connected to this site (null when Wix could not be asked).' })
  async connectedDomains(@Root() site: Site, @Ctx() ctx: GatewayContext): Promise<ConnectedDomain[]> {
    return (await ctx.scope(site.ownerAccountId)).connectedDomains.forSite(site.wixId);
  }

  @FieldResolver(() => [RegisteredDomain], { nullable: true, description: 'Domains bought through Wix and assigned to this site (null when Wix could not be asked).' })
  async registeredDomains(@Root() site: Site, @Ctx() ctx: GatewayContext): Promise<RegisteredDomain[]> {
    return (await ctx.scope(site.ownerAccountId)).registeredDomains.forSite(site.wixId);
  }
}
