import { RequiresScope } from '../auth/field-scopes.js';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type {
  ConnectedDomain as ConnectedDomainModel,
  ConnectedDomainSetupInfo as SetupInfoModel,
} from '../model/connected-domain.js';
import type { DnsPropagation as DnsPropagationModel } from '../model/domain-assignment.js';
import type { Site as SiteModel } from '../model/site.js';
import { ConnectedDomain, ConnectedDomainSetupInfo } from '../schema/connected-domain.type.js';
import { DnsPropagation } from '../schema/domain-assignment.type.js';
import { DomainLookupArgs } from '../schema/domain.args.js';
import { Site } from '../schema/site.type.js';
import { accountScopeOf } from './account-input.js';

/** Connected domains: the root look-up, the site, and the setup instructions (all in the owner's scope). */
@Resolver(() => ConnectedDomain)
export class ConnectedDomainResolver {
  @RequiresScope('read')
  @Query(() => ConnectedDomain, {
    nullable: true,
    description: 'An external domain connected to a Wix site, by name; null when the account has no such connection.',
  })
  async connectedDomain(
    @Args(() => DomainLookupArgs) args: DomainLookupArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<ConnectedDomainModel | null> {
    return (await accountScopeOf(ctx, args.accountId, 'accountId')).connectedDomains.byDomain.load(
      args.domain.toLowerCase(),
    );
  }

  @FieldResolver(() => Site, {
    nullable: true,
    description: 'The site the domain is connected to; null when floating.',
  })
  async site(@Root() cd: ConnectedDomainModel, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    if (!cd.siteWixId) return null;
    return (await ctx.scope(cd.ownerAccountId)).sites.byId.load(cd.siteWixId);
  }

  @FieldResolver(() => DnsPropagation, {
    nullable: true,
    description:
      "Wix's DNS check of the domain (Get DNS Propagation): which record types are wrong when it FAILED. One call per domain, deduplicated in a request; null when Wix has none.",
  })
  async dnsPropagation(
    @Root() cd: ConnectedDomainModel,
    @Ctx() ctx: GatewayContext,
  ): Promise<DnsPropagationModel | null> {
    return (await ctx.scope(cd.ownerAccountId)).domainAssignments.dnsPropagation.load(cd.domain);
  }

  @FieldResolver(() => ConnectedDomainSetupInfo, {
    nullable: true,
    description:
      'What the owner must set at the registrar or DNS host. One Get Setup Info call per domain (kept briefly); null when Wix has none.',
  })
  async setupInfo(@Root() cd: ConnectedDomainModel, @Ctx() ctx: GatewayContext): Promise<SetupInfoModel | null> {
    return (await ctx.scope(cd.ownerAccountId)).connectedDomains.setupInfo.load(cd.domain);
  }
}
