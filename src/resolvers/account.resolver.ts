import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { Account } from '../schema/account.type.js';
import { toGlobalId } from '../schema/node.type.js';
import { SitesArgs } from '../schema/site.args.js';
import { SiteConnection } from '../schema/site.type.js';

/** Builds an Account node for a Wix account ID. */
export function accountNode(wixId: string): Account {
  const account = new Account();
  account.id = toGlobalId('Account', wixId);
  account.wixId = wixId;
  return account;
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { description: 'The account this request acts on (the `wix-account-id` header, or the main account).' })
  viewer(@Ctx() ctx: GatewayContext): Account {
    return accountNode(ctx.accountId);
  }

  @FieldResolver(() => SiteConnection, { description: 'Sites owned by this account, newest first.' })
  sites(@Root() account: Account, @Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return ctx.dataSources.sites.list(args);
  }
}
