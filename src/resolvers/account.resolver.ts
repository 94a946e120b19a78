import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { Account as AccountModel } from '../model/account.js';
import type { ProductInstance as ProductInstanceModel } from '../model/product-instance.js';
import { Account } from '../schema/account.type.js';
import { ConnectedDomainConnection } from '../schema/connected-domain.type.js';
import { DomainListArgs } from '../schema/domain.args.js';
import { FoldersArgs } from '../schema/folder.args.js';
import { FolderConnection } from '../schema/folder.type.js';
import { fromGlobalId } from '../schema/node.type.js';
import { PackagesArgs } from '../schema/package.args.js';
import { PackageConnection } from '../schema/package.type.js';
import { ProductInstance } from '../schema/product-instance.type.js';
import { RegisteredDomainConnection } from '../schema/registered-domain.type.js';
import { SitesArgs } from '../schema/site.args.js';
import { SiteConnection } from '../schema/site.type.js';
import { toConnection } from './connection.js';
import { toPackageListFilter } from './package-filter.js';

/** The model Account of a Wix account ID. */
export function accountNode(wixId: string): AccountModel {
  return { wixId };
}

/**
 * `viewer`, `account(id)` and every field of Account: its name, sub-accounts, sites, packages, floating instances and
 * domains. Reaching another account goes through the tenancy check.
 */
@Resolver(() => Account)
export class AccountResolver {
  @RequiresScope('read')
  @Query(() => Account, {
    description: 'The account this request acts on (the `wix-account-id` header, or the main account).',
  })
  viewer(@Ctx() ctx: GatewayContext): AccountModel {
    return accountNode(ctx.tenantId);
  }

  @RequiresScope('read')
  @Query(() => Account, {
    nullable: true,
    description: 'An account by its Wix ID: the main account or one of its sub-accounts (FORBIDDEN otherwise).',
  })
  async account(
    @Arg('id', () => ID, { description: 'Wix account ID (GUID) or Account global ID.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<AccountModel> {
    const decoded = fromGlobalId(id);
    const wixId = decoded?.type === 'Account' ? decoded.wixId : id;
    await ctx.tenancy.assertAccess(ctx.tenantId, wixId);
    return accountNode(wixId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Account name (Wix Get Account); null when Wix does not know the account.',
  })
  async name(@Root() account: AccountModel, @Ctx() ctx: GatewayContext): Promise<string | null> {
    return (await ctx.accounts.byId.load(account.wixId))?.accountName ?? null;
  }

  @FieldResolver(() => [Account], {
    nullable: true,
    description: 'Sub-accounts (customers) of the main account; empty for a sub-account, which has none.',
  })
  async subAccounts(@Root() account: AccountModel, @Ctx() ctx: GatewayContext): Promise<AccountModel[]> {
    if (account.wixId !== ctx.mainAccountId) return [];
    return (await ctx.tenancy.subAccountIds()).map(accountNode);
  }

  @FieldResolver(() => SiteConnection, { nullable: true, description: 'Sites owned by this account, newest first.' })
  async sites(@Root() account: AccountModel, @Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return toConnection(await (await ctx.scope(account.wixId)).sites.list(args));
  }

  @FieldResolver(() => FolderConnection, {
    nullable: true,
    description:
      "This account's site folders (all levels), by name. One upstream call per page (null when Wix could not be asked: the rest of the answer stands).",
  })
  async folders(@Root() account: AccountModel, @Args(() => FoldersArgs) args: FoldersArgs, @Ctx() ctx: GatewayContext) {
    return toConnection(await (await ctx.scope(account.wixId)).siteFolders.list(args));
  }

  @FieldResolver(() => PackageConnection, {
    nullable: true,
    description:
      'Reseller packages owned by this account, newest first. The packages of every account in one query come from one upstream call.',
  })
  async packages(
    @Root() account: AccountModel,
    @Args(() => PackagesArgs) args: PackagesArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    return toConnection(
      await (
        await ctx.scope(account.wixId)
      ).resellers.packages({ first: args.first, after: args.after, filter: toPackageListFilter(args.filter) }),
    );
  }

  @FieldResolver(() => [ProductInstance], {
    nullable: true,
    description: 'Paid services of this account assigned to no site and not CANCELED: bought, ready to be assigned.',
  })
  async floatingProductInstances(
    @Root() account: AccountModel,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel[]> {
    return (await ctx.scope(account.wixId)).resellers.floatingInstances();
  }

  @FieldResolver(() => RegisteredDomainConnection, {
    nullable: true,
    description: 'Domains bought through Wix by this account, newest first.',
  })
  async registeredDomains(
    @Root() account: AccountModel,
    @Args(() => DomainListArgs) args: DomainListArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    return toConnection(await (await ctx.scope(account.wixId)).registeredDomains.page(args));
  }

  @FieldResolver(() => ConnectedDomainConnection, {
    nullable: true,
    description: 'External domains this account connected to Wix sites, newest first.',
  })
  async connectedDomains(
    @Root() account: AccountModel,
    @Args(() => DomainListArgs) args: DomainListArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    return toConnection(await (await ctx.scope(account.wixId)).connectedDomains.page(args));
  }
}
