import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { SiteProductInstancesArgs } from '../schema/package.args.js';
import { ProductInstance, ProductInstanceStatus } from '../schema/product-instance.type.js';
import { Site } from '../schema/site.type.js';

/** Statuses in which a Premium plan counts as the site's plan (provisioning or usable). */
const LIVE_PLAN = [ProductInstanceStatus.ENABLED, ProductInstanceStatus.PENDING];

/** The reseller side of Site: the paid services assigned to it and its Premium plan. */
@Resolver(() => Site)
export class SiteResellersResolver {
  @FieldResolver(() => [ProductInstance], { description: 'Paid services assigned to the site. The instances of every site in one query come from one upstream call.' })
  async productInstances(@Root() site: Site, @Args(() => SiteProductInstancesArgs) args: SiteProductInstancesArgs, @Ctx() ctx: GatewayContext): Promise<ProductInstance[]> {
    const instances = await (await ctx.scope(site.ownerAccountId)).resellers.instancesOfSite(site.wixId);
    return args.status?.length ? instances.filter((i) => args.status?.includes(i.status)) : instances;
  }

  @FieldResolver(() => ProductInstance, { nullable: true, description: 'The site\'s Premium plan: its ENABLED (else PENDING) instance of a PREMIUM_PLAN product, per the product catalog; null when it has none.' })
  async premiumPlan(@Root() site: Site, @Ctx() ctx: GatewayContext): Promise<ProductInstance | null> {
    const instances = await (await ctx.scope(site.ownerAccountId)).resellers.instancesOfSite(site.wixId);
    const plans = instances.filter((i) => LIVE_PLAN.includes(i.status) && ctx.catalog.isPremiumPlan(i.catalogProductId));
    plans.sort((a, b) => LIVE_PLAN.indexOf(a.status) - LIVE_PLAN.indexOf(b.status) || b.createdDate.getTime() - a.createdDate.getTime());
    return plans[0] ?? null;
  }
}
