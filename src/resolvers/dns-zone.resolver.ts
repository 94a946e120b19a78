import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { parseDomainKey } from '../datasources/domain-common.dto.js';
import { DnsZone } from '../schema/dns-zone.type.js';
import { DomainLookupArgs } from '../schema/domain.args.js';
import { domainScope } from './domain-scope.js';
import { registerNodeLoader } from './node.resolver.js';

registerNodeLoader('DnsZone', async (ctx, wixId) => {
  const key = parseDomainKey(wixId);
  return key ? (await ctx.scope(key.accountId)).domainDns.zone.load(key.domain) : null;
});

/** DNS zones by domain name. */
@Resolver(() => DnsZone)
export class DnsZoneResolver {
  @Query(() => DnsZone, { nullable: true, description: 'The DNS zone Wix hosts for a domain (registered through Wix or connected by NAMESERVERS); null when Wix hosts none for the account.' })
  async dnsZone(@Args(() => DomainLookupArgs) args: DomainLookupArgs, @Ctx() ctx: GatewayContext): Promise<DnsZone | null> {
    return (await domainScope(ctx, args.accountId)).domainDns.zone.load(args.domain.toLowerCase());
  }
}
