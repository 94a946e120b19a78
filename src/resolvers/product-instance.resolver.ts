import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { Package as PackageModel } from '../model/package.js';
import type {
  CatalogProduct as CatalogProductModel,
  ProductInstance as ProductInstanceModel,
} from '../model/product-instance.js';
import type { Site as SiteModel } from '../model/site.js';
import { Package } from '../schema/package.type.js';
import { CatalogProduct, ProductInstance } from '../schema/product-instance.type.js';
import { Site } from '../schema/site.type.js';
import { wixIdOf } from './ids.js';

/** Root field `productInstance`, and the fields of ProductInstance that need resolving (catalog, package, site, reference). */
@Resolver(() => ProductInstance)
export class ProductInstanceResolver {
  @RequiresScope('read')
  @Query(() => ProductInstance, {
    nullable: true,
    description:
      'A product instance (paid service) by ID (global ID or Wix GUID); null when it does not exist or is not visible to this account.',
  })
  productInstance(
    @Arg('id', () => ID, { description: 'ProductInstance global ID or Wix instance GUID.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel | null> {
    return ctx.tenant.resellers.instance(wixIdOf(id, 'ProductInstance', 'id'));
  }

  @FieldResolver(() => CatalogProduct, {
    description:
      "What the instance is, from the gateway's product catalog (name null and type UNKNOWN for products the catalog does not list).",
  })
  product(@Root() instance: ProductInstanceModel, @Ctx() ctx: GatewayContext): CatalogProductModel {
    const info = ctx.catalog.describe(instance.catalogProductId);
    return { ...info, type: info.type };
  }

  @FieldResolver(() => Package, { nullable: true, description: 'The package holding the instance.' })
  async package(@Root() instance: ProductInstanceModel, @Ctx() ctx: GatewayContext): Promise<PackageModel> {
    // Loaded with the instance in the same answer, so this is a cache hit; request-wide loaders, so any scope does.
    const pkg = await ctx.tenant.resellers.package(instance.packageWixId);
    if (!pkg) throw new Error(`package ${instance.packageWixId} of instance ${instance.wixId} vanished`);
    return pkg;
  }

  @FieldResolver(() => Site, {
    nullable: true,
    description: 'The site the instance is assigned to; null when it is floating (assigned to no site).',
  })
  async site(@Root() instance: ProductInstanceModel, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    if (!instance.siteWixId) return null;
    return (await ctx.scope(instance.accountId)).sites.byId.load(instance.siteWixId);
  }

  @FieldResolver(() => ProductInstance, {
    nullable: true,
    description:
      'The instance that entitled this one to a free add-on (e.g. the Premium plan behind a free domain); null when none.',
  })
  referenceInstance(
    @Root() instance: ProductInstanceModel,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel | null> | null {
    return instance.referenceInstanceWixId ? ctx.tenant.resellers.instance(instance.referenceInstanceWixId) : null;
  }
}
