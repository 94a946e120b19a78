import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { ConnectedDomain as ConnectedDomainModel } from '../model/connected-domain.js';
import type { Package as PackageModel } from '../model/package.js';
import type { ProductInstance as ProductInstanceModel } from '../model/product-instance.js';
import type { RegisteredDomain as RegisteredDomainModel } from '../model/registered-domain.js';
import type { Site as SiteModel } from '../model/site.js';
import { ConnectedDomain } from '../schema/connected-domain.type.js';
import {
  ConnectDomainResult,
  PurchaseDomainResult,
  ReassignPaidServiceResult,
  SetUpCustomerSiteResult,
} from '../schema/operation-result.type.js';
import { Package } from '../schema/package.type.js';
import { ProductInstance } from '../schema/product-instance.type.js';
import { RegisteredDomain } from '../schema/registered-domain.type.js';
import { Site } from '../schema/site.type.js';

/**
 * The links of the flow results into the graph, read when asked for (in the owning account's scope): the result of an
 * operation shows the site, package, instance or domain as Wix has them now.
 */
async function siteOf(ctx: GatewayContext, accountId: string, siteId: string): Promise<SiteModel | null> {
  return (await ctx.scope(accountId)).sites.byId.load(siteId);
}

@Resolver(() => SetUpCustomerSiteResult)
export class SetUpCustomerSiteResultResolver {
  @FieldResolver(() => Site, { nullable: true, description: "The site, as the customer's account sees it now." })
  site(@Root() r: SetUpCustomerSiteResult, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    return siteOf(ctx, r.accountId, r.siteWixId);
  }

  @FieldResolver(() => Package, { nullable: true, description: 'The package bought for the site.' })
  async package(@Root() r: SetUpCustomerSiteResult, @Ctx() ctx: GatewayContext): Promise<PackageModel | null> {
    return (await ctx.scope(r.accountId)).resellers.package(r.packageWixId);
  }
}

@Resolver(() => ReassignPaidServiceResult)
export class ReassignPaidServiceResultResolver {
  @FieldResolver(() => ProductInstance, { nullable: true, description: 'The product instance, as Wix has it now.' })
  productInstance(
    @Root() r: ReassignPaidServiceResult,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel | null> {
    return ctx.tenant.resellers.instance(r.productInstanceWixId);
  }

  @FieldResolver(() => Site, { nullable: true, description: 'The site it was moved to.' })
  site(@Root() r: ReassignPaidServiceResult, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    return siteOf(ctx, r.accountId, r.siteWixId);
  }
}

@Resolver(() => PurchaseDomainResult)
export class PurchaseDomainResultResolver {
  @FieldResolver(() => RegisteredDomain, { nullable: true, description: 'The registered domain, as Wix has it now.' })
  async registeredDomain(
    @Root() r: PurchaseDomainResult,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegisteredDomainModel | null> {
    return (await ctx.scope(r.accountId)).registeredDomains.byDomain.load(r.domain);
  }

  @FieldResolver(() => Site, { nullable: true, description: 'The site the domain is assigned to.' })
  site(@Root() r: PurchaseDomainResult, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    return siteOf(ctx, r.accountId, r.siteWixId);
  }

  @FieldResolver(() => ProductInstance, {
    nullable: true,
    description: 'The domain product instance the registration used.',
  })
  domainProductInstance(
    @Root() r: PurchaseDomainResult,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel | null> {
    return ctx.tenant.resellers.instance(r.domainProductInstanceWixId);
  }
}

@Resolver(() => ConnectDomainResult)
export class ConnectDomainResultResolver {
  @FieldResolver(() => ConnectedDomain, {
    nullable: true,
    description: 'The connected domain, as Wix has it now (with its setup info).',
  })
  async connectedDomain(
    @Root() r: ConnectDomainResult,
    @Ctx() ctx: GatewayContext,
  ): Promise<ConnectedDomainModel | null> {
    return (await ctx.scope(r.accountId)).connectedDomains.byDomain.load(r.domain);
  }

  @FieldResolver(() => Site, { nullable: true, description: 'The site the domain is connected to.' })
  site(@Root() r: ConnectDomainResult, @Ctx() ctx: GatewayContext): Promise<SiteModel | null> {
    return siteOf(ctx, r.accountId, r.siteWixId);
  }
}

/** Every resolver of the result types. */
export const operationResultResolvers = [
  SetUpCustomerSiteResultResolver,
  ReassignPaidServiceResultResolver,
  PurchaseDomainResultResolver,
  ConnectDomainResultResolver,
] as const;
