import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { Account } from '../schema/account.type.js';
import { PackagesArgs } from '../schema/package.args.js';
import { PackageConnection } from '../schema/package.type.js';
import { ProductInstance } from '../schema/product-instance.type.js';
import { accountNode } from './account.resolver.js';
import { toPackageListFilter } from './package.resolver.js';

/** The reseller side of Account: its name, sub-accounts, packages and floating instances. */
@Resolver(() => Account)
export class AccountResellersResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Account name (Wix Get Account); null when Wix does not know the account.' })
  async name(@Root() account: Account, @Ctx() ctx: GatewayContext): Promise<string | null> {
    return (await ctx.accounts.byId.load(account.wixId))?.accountName ?? null;
  }

  @FieldResolver(() => [Account], { description: 'Sub-accounts (customers) of the main account; empty for a sub-account, which has none.' })
  async subAccounts(@Root() account: Account, @Ctx() ctx: GatewayContext): Promise<Account[]> {
    if (account.wixId !== ctx.mainAccountId) return [];
    return (await ctx.tenancy.subAccountIds()).map(accountNode);
  }

  @FieldResolver(() => PackageConnection, { description: 'Reseller packages owned by this account, newest first. The packages of every account in one query come from one upstream call.' })
  async packages(@Root() account: Account, @Args(() => PackagesArgs) args: PackagesArgs, @Ctx() ctx: GatewayContext) {
    return (await ctx.scope(account.wixId)).resellers.packages({ first: args.first, after: args.after, filter: toPackageListFilter(args.filter) });
  }

  @FieldResolver(() => [ProductInstance], { description: 'Paid services of this account assigned to no site and not CANCELED: bought, ready to be assigned.' })
  async floatingProductInstances(@Root() account: Account, @Ctx() ctx: GatewayContext): Promise<ProductInstance[]> {
    return (await ctx.scope(account.wixId)).resellers.floatingInstances();
  }
}
