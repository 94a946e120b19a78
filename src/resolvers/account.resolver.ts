import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { Account } from '../schema/account.type.js';
import { fromGlobalId, toGlobalId } from '../schema/node.type.js';
import { SitesArgs } from '../schema/site.args.js';
import { SiteConnection } from '../schema/site.type.js';
import { registerNodeLoader } from './node.resolver.js';

/** Builds an Account node for a Wix account ID. */
export function accountNode(wixId: string): Account {
  const account = new Account();
  account.id = toGlobalId('Account', wixId);
  account.wixId = wixId;
  return account;
}

registerNodeLoader('Account', async (ctx, wixId) => {
  await ctx.tenancy.assertAccess(ctx.tenantId, wixId);
  return accountNode(wixId);
});

/** `viewer`, `account(id)` and an account's sites; reaching another account goes through the tenancy check. */
@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { description: 'The account this request acts on (the `wix-account-id` header, or the main account).' })
  viewer(@Ctx() ctx: GatewayContext): Account {
    return accountNode(ctx.tenantId);
  }

  @Query(() => Account, { description: 'An account by its Wix ID: the main account or one of its sub-accounts (FORBIDDEN otherwise).' })
  async account(@Arg('id', () => ID, { description: 'Wix account ID (GUID) or Account global ID.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Account> {
    const decoded = fromGlobalId(id);
    const wixId = decoded?.type === 'Account' ? decoded.wixId : id;
    await ctx.tenancy.assertAccess(ctx.tenantId, wixId);
    return accountNode(wixId);
  }

  @FieldResolver(() => SiteConnection, { description: 'Sites owned by this account, newest first.' })
  async sites(@Root() account: Account, @Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return (await ctx.scope(account.wixId)).sites.list(args);
  }
}
