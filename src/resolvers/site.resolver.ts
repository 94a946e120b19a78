import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { ConnectedDomain as ConnectedDomainModel } from '../model/connected-domain.js';
import type { SiteDomainAssignment } from '../model/domain-assignment.js';
import type { Folder as FolderModel } from '../model/folder.js';
import { ProductInstanceStatus, type ProductInstance as ProductInstanceModel } from '../model/product-instance.js';
import type { RegisteredDomain as RegisteredDomainModel } from '../model/registered-domain.js';
import type { Site as SiteModel } from '../model/site.js';
import { ConnectedDomain } from '../schema/connected-domain.type.js';
import { DomainAssignment } from '../schema/domain-assignment.type.js';
import { Folder } from '../schema/folder.type.js';
import { SiteProductInstancesArgs } from '../schema/package.args.js';
import { ProductInstance } from '../schema/product-instance.type.js';
import { RegisteredDomain } from '../schema/registered-domain.type.js';
import { SitesArgs } from '../schema/site.args.js';
import { Site, SiteConnection } from '../schema/site.type.js';
import { toConnection } from './connection.js';
import { wixIdOf } from './ids.js';

/** Statuses in which a Premium plan counts as the site's plan (provisioning or usable). */
const LIVE_PLAN: ProductInstanceModel['status'][] = [ProductInstanceStatus.ENABLED, ProductInstanceStatus.PENDING];

/**
 * `site(id)`, `sites` and every field of Site: the current account's sites (one by ID batched into one Query Sites
 * per request, or a page), their paid services and Premium plan, and their domains. Wix cannot list domains by site,
 * so each comes from the owning account's whole list, read once per request: one List call per account however many
 * sites ask.
 */
@Resolver(() => Site)
export class SiteResolver {
  @RequiresScope('read')
  @Query(() => Site, {
    nullable: true,
    description:
      'A site of the current account by its ID (global ID or Wix GUID); null when the account has no such site.',
  })
  site(
    @Arg('id', () => ID, { description: 'Site global ID or Wix site GUID.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<SiteModel | null> {
    return ctx.tenant.sites.byId.load(wixIdOf(id, 'Site', 'id'));
  }

  @RequiresScope('read')
  @Query(() => SiteConnection, { nullable: true, description: 'Sites of the current account, newest first.' })
  async sites(@Args(() => SitesArgs) args: SitesArgs, @Ctx() ctx: GatewayContext) {
    return toConnection(await ctx.tenant.sites.list(args));
  }

  @FieldResolver(() => [ProductInstance], {
    nullable: true,
    description:
      'Paid services assigned to the site. The instances of every site in one query come from one upstream call.',
  })
  async productInstances(
    @Root() site: SiteModel,
    @Args(() => SiteProductInstancesArgs) args: SiteProductInstancesArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<ProductInstanceModel[]> {
    const instances = await (await ctx.scope(site.ownerAccountId)).resellers.instancesOfSite(site.wixId);
    return args.status?.length ? instances.filter((i) => args.status?.includes(i.status)) : instances;
  }

  @FieldResolver(() => ProductInstance, {
    nullable: true,
    description:
      "The site's Premium plan: its ENABLED (else PENDING) instance of a PREMIUM_PLAN product, per the product catalog; null when it has none.",
  })
  async premiumPlan(@Root() site: SiteModel, @Ctx() ctx: GatewayContext): Promise<ProductInstanceModel | null> {
    const instances = await (await ctx.scope(site.ownerAccountId)).resellers.instancesOfSite(site.wixId);
    const plans = instances.filter(
      (i) => LIVE_PLAN.includes(i.status) && ctx.catalog.isPremiumPlan(i.catalogProductId),
    );
    plans.sort(
      (a, b) =>
        LIVE_PLAN.indexOf(a.status) - LIVE_PLAN.indexOf(b.status) || b.createdDate.getTime() - a.createdDate.getTime(),
    );
    return plans[0] ?? null;
  }

  @FieldResolver(() => Folder, {
    nullable: true,
    description:
      'The folder that holds the site; null at the root. The folders of every site in one query come from one upstream call per account.',
  })
  async folder(@Root() site: SiteModel, @Ctx() ctx: GatewayContext): Promise<FolderModel | null> {
    if (!site.folderId) return null;
    return (await ctx.scope(site.ownerAccountId)).siteFolders.byId.load(site.folderId);
  }

  @FieldResolver(() => [DomainAssignment], {
    nullable: true,
    description:
      "The site's domain assignments (its primary domain and redirects), by domain. The assignments of every site in one query come from one upstream call per account (null when Wix could not be asked).",
  })
  async domainAssignments(@Root() site: SiteModel, @Ctx() ctx: GatewayContext): Promise<SiteDomainAssignment[]> {
    return (await ctx.scope(site.ownerAccountId)).domainAssignments.bySite.load(site.wixId);
  }

  @FieldResolver(() => [ConnectedDomain], {
    nullable: true,
    description: 'External domains connected to this site (null when Wix could not be asked).',
  })
  async connectedDomains(@Root() site: SiteModel, @Ctx() ctx: GatewayContext): Promise<ConnectedDomainModel[]> {
    return (await ctx.scope(site.ownerAccountId)).connectedDomains.forSite(site.wixId);
  }

  @FieldResolver(() => [RegisteredDomain], {
    nullable: true,
    description: 'Domains bought through Wix and assigned to this site (null when Wix could not be asked).',
  })
  async registeredDomains(@Root() site: SiteModel, @Ctx() ctx: GatewayContext): Promise<RegisteredDomainModel[]> {
    return (await ctx.scope(site.ownerAccountId)).registeredDomains.forSite(site.wixId);
  }
}
