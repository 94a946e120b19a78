import type { z } from 'zod/v4';
import {
  BulkDeleteSitesRequest,
  CreateProjectRequest,
  DuplicateSiteRequest,
  type ProjectType,
} from '../contract/sites.js';
import { appError, invalidField } from '../errors.js';
import { hasLivePlan } from '../lifecycle.js';
import { withBody, type RouteContext, type RouteDef } from '../router.js';
import { addSite } from '../seed.js';
import type { Site } from '../types.js';
import type { World } from '../world.js';

/**
 * Site actions (CONTRACT §3.4, §14): Duplicate Site, Bulk Delete Site (to the trash), Create Project, Publish Site
 * and Unpublish Site (both act on the `wix-site-id` site; unpublishing needs a published site — the newest reference
 * page, Site Publish State; the older Site Actions page documents no rule).
 * Sandbox choices (UNCONFIRMED upstream):
 * - a site that is unknown, trashed or not owned by the header account is 404 SITE_NOT_FOUND (per item in bulk);
 * - bulk delete refuses, per item, a site with a Premium plan (`premium`, or a live plan still being delivered) with
 *   PREMIUM_NOT_PERMITTED; an already trashed site of the account succeeds again (idempotent);
 *   `originalIndex` is a string, as in Wix's example; trashed sites get `state` TRASHED + `trashedDate` and leave
 *   Query/Count Sites unless the filter names `state`;
 * - Create Project body `{type, templateId?, displayName?, apps?: string[]}` → `{project: {metaSiteId, siteId,
 *   templateId?, apps}}`, where `metaSiteId` is the new site's ID and `siteId` its editor site ID (`htmlAppId`).
 */
const NAMESPACE: Record<ProjectType, string> = {
  WIX: 'WIX',
  VIBE: 'WIX',
  HEADLESS: 'HEADLESS',
  BRANDED_APP: 'BRANDED_FIRST',
};

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'site'
  );
}

/** A new site of the account, named after `displayName` (the URL name made unique within the account). */
function newSite(world: World, ownerAccountId: string, displayName: string): Site {
  const site = world.sites.get(addSite(world, ownerAccountId, world.sites.size, world.clock.now())) as Site;
  const taken = new Set(
    [...world.sites.values()].filter((s) => s.ownerAccountId === ownerAccountId && s.id !== site.id).map((s) => s.name),
  );
  const base = slugify(displayName);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  const slug = world.accounts.get(ownerAccountId)?.slug ?? 'user';
  Object.assign(site, {
    name,
    displayName,
    viewUrl: `https://${slug}.wixsite.com/${name}`,
    published: false,
    premium: false,
    domainConnected: false,
    updatedDate: site.createdDate,
  });
  delete site.folderId;
  return site;
}

function activeSiteOf(ctx: RouteContext, siteId: string): Site | undefined {
  const site = ctx.world.sites.get(siteId);
  return site?.ownerAccountId === ctx.accountId && site.state !== 'TRASHED' ? site : undefined;
}

function duplicateSite(ctx: RouteContext, { sourceSiteId, siteDisplayName }: z.output<typeof DuplicateSiteRequest>) {
  const source = activeSiteOf(ctx, sourceSiteId);
  if (!source)
    throw appError(404, 'SITE_NOT_FOUND', `Site ${sourceSiteId} not found in account ${ctx.accountId}`, {
      siteId: sourceSiteId,
    });
  const copy = newSite(ctx.world, ctx.accountId, siteDisplayName);
  // The copy keeps the editor, namespace, folder and apps; it has no domain and no Premium (CONTRACT §3.4).
  Object.assign(copy, {
    editorType: source.editorType,
    namespace: source.namespace,
    appIds: [...(source.appIds ?? [])],
  });
  if (source.folderId) copy.folderId = source.folderId;
  return { newSiteId: copy.id };
}

type ItemError = { code: string; description: string } | null;

function trash(ctx: RouteContext, id: string): ItemError {
  const site = ctx.world.sites.get(id);
  if (site?.ownerAccountId !== ctx.accountId)
    return { code: 'SITE_NOT_FOUND', description: `Site ${id} not found in account ${ctx.accountId}` };
  if (site.state === 'TRASHED') return null;
  if (site.premium || hasLivePlan(ctx.world, id))
    return { code: 'PREMIUM_NOT_PERMITTED', description: 'unassign premium request: NOT_PERMITTED' };
  const now = ctx.world.now();
  Object.assign(site, { state: 'TRASHED', trashedDate: now, updatedDate: now });
  return null;
}

function bulkDelete(ctx: RouteContext, { ids }: z.output<typeof BulkDeleteSitesRequest>) {
  const results = ids.map((id, index) => {
    const error = trash(ctx, id);
    return { itemMetadata: { id, originalIndex: String(index), success: error === null, error } };
  });
  const totalSuccesses = results.filter((r) => r.itemMetadata.success).length;
  return { results, bulkActionMetadata: { totalSuccesses, totalFailures: results.length - totalSuccesses } };
}

function createProject(ctx: RouteContext, body: z.output<typeof CreateProjectRequest>) {
  const { type, templateId, displayName } = body;
  const apps = [...(body.apps ?? [])];
  const site = newSite(ctx.world, ctx.accountId, displayName);
  Object.assign(site, {
    namespace: NAMESPACE[type],
    editorType: type === 'WIX' || type === 'VIBE' ? 'EDITOR' : 'UNKNOWN',
    appIds: apps,
  });
  return { project: { metaSiteId: site.id, siteId: site.htmlAppId, ...(templateId ? { templateId } : {}), apps } };
}

/** The `wix-site-id` site of the header account, live (not trashed), or 400 / 404 SITE_NOT_FOUND. */
function headerSite(ctx: RouteContext): Site {
  const siteId = ctx.siteIdHeader;
  if (!siteId) throw invalidField('wix-site-id', 'header is required', 'REQUIRED_FIELD');
  const site = ctx.world.sites.get(siteId);
  if (site?.ownerAccountId !== ctx.accountId || site.state === 'TRASHED')
    throw appError(404, 'SITE_NOT_FOUND', `Site ${siteId} not found in account ${ctx.accountId}`, { siteId });
  return site;
}

/** Publish Site (CONTRACT §14): the `wix-site-id` site goes live; publishing again is fine (it pushes the latest). */
function publishSite(ctx: RouteContext) {
  const site = headerSite(ctx);
  site.published = true;
  site.updatedDate = ctx.world.now();
  return {};
}

/** Unpublish Site (CONTRACT §14): takes the site offline; a site already offline is 428 SITE_NOT_PUBLISHED. */
function unpublishSite(ctx: RouteContext) {
  const site = headerSite(ctx);
  if (!site.published)
    throw appError(428, 'SITE_NOT_PUBLISHED', `Site ${site.id} is not published`, { siteId: site.id });
  site.published = false;
  site.updatedDate = ctx.world.now();
  return {};
}

export const siteActionRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/site-actions/v1/sites/publish',
    operation: 'publishSite',
    auth: 'account',
    handle: publishSite,
  },
  {
    method: 'PUT',
    path: '/site-actions/v1/sites/unpublish',
    operation: 'unpublishSite',
    auth: 'account',
    handle: unpublishSite,
  },
  {
    method: 'POST',
    path: '/site-actions/v1/sites/duplicate',
    operation: 'duplicateSite',
    auth: 'account',
    ...withBody(DuplicateSiteRequest, duplicateSite),
  },
  {
    method: 'POST',
    path: '/site-actions/v1/bulk/sites/delete',
    operation: 'bulkDeleteSites',
    auth: 'account',
    ...withBody(BulkDeleteSitesRequest, bulkDelete),
  },
  {
    method: 'POST',
    path: '/funnel/projects/v1/create',
    operation: 'createProject',
    auth: 'account',
    ...withBody(CreateProjectRequest, createProject),
  },
];
