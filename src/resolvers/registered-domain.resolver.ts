import { RequiresScope } from '../auth/field-scopes.js';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { DnsZone as DnsZoneModel } from '../model/dns.js';
import type { RegisteredDomain as RegisteredDomainModel } from '../model/registered-domain.js';
import type { Site as SiteModel } from '../model/site.js';
import { DnsZone } from '../schema/dns-zone.type.js';
import { DomainLookupArgs } from '../schema/domain.args.js';
import { RegisteredDomain } from '../schema/registered-domain.type.js';
import { Site } from '../schema/site.type.js';
import { accountScopeOf } from './account-input.js';

/** Registered domains: the root look-up and the links to the site and the DNS zone (both in the owner's scope). */
@Resolver(() => RegisteredDomain)
export class RegisteredDomainResolver {
  @RequiresScope('read')
  @Query(() => RegisteredDomain, {
    nullable: true,
    description: 'A domain bought through Wix, by name; null when the account has no such registered domain.',
  })
  async registeredDomain(
    @Args(() => DomainLookupArgs) args: DomainLookupArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegisteredDomainModel | null> {
    return (await accountScopeOf(ctx, args.accountId, 'accountId')).registeredDomains.byDomain.load(
      args.domain.toLowerCase(),
    );
  }

  @FieldResolver(() => Site, {
    nullable: true,
    description: 'The site the domain is assigned to; null when unassigned.',
  })
  async site(@Root() rd: RegisteredDomainModel, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    if (!rd.siteWixId) return null;
    return (await ctx.scope(rd.ownerAccountId)).sites.byId.load(rd.siteWixId);
  }

  @FieldResolver(() => DnsZone, {
    nullable: true,
    description:
      'The DNS zone Wix hosts for the domain; null while it has none (e.g. registration pending or failed). One Get DNS Zone call per domain, kept briefly.',
  })
  async dnsZone(@Root() rd: RegisteredDomainModel, @Ctx() ctx: GatewayContext): Promise<DnsZoneModel | null> {
    return (await ctx.scope(rd.ownerAccountId)).domainDns.zone.load(rd.domain);
  }
}
