import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { Account as AccountModel } from '../model/account.js';
import type { Package as PackageModel } from '../model/package.js';
import { Account } from '../schema/account.type.js';
import { PackagesArgs } from '../schema/package.args.js';
import { Package, PackageConnection } from '../schema/package.type.js';
import { accountNode } from './account.resolver.js';
import { toConnection } from './connection.js';
import { toPackageListFilter } from './package-filter.js';
import { wixIdOf } from './ids.js';

/** Root fields `package` and `packages`, and the fields of Package that need resolving. */
@Resolver(() => Package)
export class PackageResolver {
  @RequiresScope('read')
  @Query(() => Package, {
    nullable: true,
    description:
      'A reseller package by ID (global ID or Wix GUID); null when it does not exist or is not visible to this account.',
  })
  package(
    @Arg('id', () => ID, { description: 'Package global ID or Wix package GUID.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<PackageModel | null> {
    return ctx.tenant.resellers.package(wixIdOf(id, 'Package', 'id'));
  }

  @RequiresScope('read')
  @Query(() => PackageConnection, {
    nullable: true,
    description: 'Packages of the current account, newest first (the same list as `viewer.packages`).',
  })
  async packages(@Args(() => PackagesArgs) args: PackagesArgs, @Ctx() ctx: GatewayContext) {
    return toConnection(
      await ctx.tenant.resellers.packages({
        first: args.first,
        after: args.after,
        filter: toPackageListFilter(args.filter),
      }),
    );
  }

  @FieldResolver(() => Account, { description: 'The account that owns the package.' })
  account(@Root() pkg: PackageModel): AccountModel {
    return accountNode(pkg.accountId);
  }
}
