import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { Account } from '../schema/account.type.js';
import { ConnectedDomainConnection } from '../schema/connected-domain.type.js';
import { DomainListArgs } from '../schema/domain.args.js';
import { RegisteredDomainConnection } from '../schema/registered-domain.type.js';

/** An account's domains, as Relay connections over Wix's List endpoints (newest first). */
@Resolver(() => Account)
export class AccountDomainsResolver {
  @FieldResolver(() => RegisteredDomainConnection, { description: 'Domains bought through Wix by this account, newest first.' })
  async registeredDomains(@Root() account: Account, @Args(() => DomainListArgs) args: DomainListArgs, @Ctx() ctx: GatewayContext) {
    return (await ctx.scope(account.wixId)).registeredDomains.page(args);
  }

  @FieldResolver(() => ConnectedDomainConnection, { description: 'External domains this account connected to Wix sites, newest first.' })
  async connectedDomains(@Root() account: Account, @Args(() => DomainListArgs) args: DomainListArgs, @Ctx() ctx: GatewayContext) {
    return (await ctx.scope(account.wixId)).connectedDomains.page(args);
  }
}
