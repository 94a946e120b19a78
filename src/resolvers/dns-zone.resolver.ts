import { RequiresScope } from '../auth/field-scopes.js';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { DnsZone as DnsZoneModel } from '../model/dns.js';
import { DnsZone } from '../schema/dns-zone.type.js';
import { DomainLookupArgs } from '../schema/domain.args.js';
import { accountScopeOf } from './account-input.js';

/** DNS zones by domain name. */
@Resolver(() => DnsZone)
export class DnsZoneResolver {
  @RequiresScope('read')
  @Query(() => DnsZone, {
    nullable: true,
    description:
      'The DNS zone Wix hosts for a domain (registered through Wix or connected by NAMESERVERS); null when Wix hosts none for the account.',
  })
  async dnsZone(
    @Args(() => DomainLookupArgs) args: DomainLookupArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<DnsZoneModel | null> {
    return (await accountScopeOf(ctx, args.accountId, 'accountId')).domainDns.zone.load(args.domain.toLowerCase());
  }
}
