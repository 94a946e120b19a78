import type { z } from 'zod/v4';
import { UpsertDomainAssignmentRequest } from '../contract/folders-domains.js';
import { ListDomainAssignmentsQuery } from '../contract/queries.js';
import { appError } from '../errors.js';
import { refreshDomainConnected } from '../lifecycle.js';
import { withBody, withQuery, type RouteContext, type RouteDef } from '../router.js';
import type { ConnectedDomain, RegisteredDomain, SiteInfo } from '../types.js';
import type { World } from '../world.js';
import { domainPage } from './domain-common.js';

/**
 * Domain Assignments (CONTRACT §15): Upsert, Get, Delete, List, Set Domain As Primary. An assignment is the
 * `siteInfo` of one of the account's connected or registered domains (id = the domain name), so the Connected and
 * Registered Domains APIs show the same state. Documented rules: a domain is on one site at a time; a site has one
 * PRIMARY and up to 300 redirects; Upsert to the same site answers the assignment unchanged (even with another
 * type), moves a REDIRECT from another site, fails for another site's PRIMARY; PRIMARY onto a site with assignments
 * removes them all; REDIRECT onto a site with none becomes its PRIMARY; the site needs Premium; Set As Primary turns
 * the old primary into a redirect and points every redirect at the new one; deleting the primary deletes all of the
 * site's assignments; List needs `siteIds` (none ⇒ empty) and sorts by ID ascending.
 *
 * Sandbox choices (UNCONFIRMED upstream): a domain the account neither connected nor registered, or one without an
 * assignment, is 404 `DOMAIN_ASSIGNMENT_NOT_FOUND` (Upsert: 404 `DOMAIN_NOT_FOUND`); another site's PRIMARY is 428
 * `DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE`; a free site is 428 `SITE_NOT_PREMIUM`; a 301st redirect is 428
 * `TOO_MANY_REDIRECTS`; List `paging.limit` 0 or absent = 100 (max 100).
 */
const MAX_REDIRECTS = 300;
type Assignable = ConnectedDomain | RegisteredDomain;

/** The account's connected or registered domain of that name. */
function ownDomain(world: World, accountId: string, domain: string): Assignable | undefined {
  if (world.connectedOwner.get(domain) === accountId) return world.connectedDomains.get(domain);
  if (world.registeredOwner.get(domain) === accountId) return world.registeredDomains.get(domain);
  return undefined;
}

function accountDomains(world: World, accountId: string): Assignable[] {
  const connected = [...world.connectedDomains.values()].filter((d) => world.connectedOwner.get(d.id) === accountId);
  const registered = [...world.registeredDomains.values()].filter(
    (d) => world.registeredOwner.get(d.id) === accountId && !world.connectedDomains.has(d.id),
  );
  return [...connected, ...registered];
}

function isAssigned(d: Assignable): d is Assignable & { siteInfo: SiteInfo & { id: string } } {
  return !!d.siteInfo?.id && d.siteInfo.assignmentType !== 'UNKNOWN_ASSIGNMENT_TYPE';
}

/** The assignment as the API answers it. */
function view(d: Assignable) {
  return {
    id: d.id,
    domain: d.domain,
    siteInfo: d.siteInfo,
    createdDate: d.createdDate,
    updatedDate: d.updatedDate,
  };
}

function setSiteInfo(world: World, d: Assignable, siteInfo: SiteInfo): void {
  const before = d.siteInfo?.id;
  d.siteInfo = siteInfo;
  d.updatedDate = world.now();
  if ('revision' in d) d.revision = String(Number(d.revision) + 1);
  for (const siteId of new Set([before, siteInfo.id])) if (siteId) refreshDomainConnected(world, siteId);
}

const UNASSIGNED: SiteInfo = { assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' };

function ofSite(world: World, accountId: string, siteId: string): Assignable[] {
  return accountDomains(world, accountId).filter((d) => isAssigned(d) && d.siteInfo.id === siteId);
}

function assigned(ctx: RouteContext): Assignable & { siteInfo: SiteInfo & { id: string } } {
  const id = ctx.params.id ?? '';
  const d = ownDomain(ctx.world, ctx.accountId, id);
  if (!d || !isAssigned(d))
    throw appError(404, 'DOMAIN_ASSIGNMENT_NOT_FOUND', `No domain assignment ${id} in account ${ctx.accountId}`, {
      domainAssignmentId: id,
    });
  return d;
}

function upsert(ctx: RouteContext, body: z.output<typeof UpsertDomainAssignmentRequest>) {
  const { world } = ctx;
  const { domain, siteInfo } = body.domainAssignment;
  const input = { domain: domain.toLowerCase(), siteId: siteInfo.id, type: siteInfo.assignmentType };
  const d = ownDomain(world, ctx.accountId, input.domain);
  if (!d) throw appError(404, 'DOMAIN_NOT_FOUND', `Domain ${input.domain} is not in account ${ctx.accountId}`);
  const site = world.sites.get(input.siteId);
  if (site?.ownerAccountId !== ctx.accountId)
    throw appError(404, 'SITE_NOT_FOUND', `Site ${input.siteId} not found in account ${ctx.accountId}`);
  if (isAssigned(d) && d.siteInfo.id === input.siteId) return { domainAssignment: view(d) };
  if (isAssigned(d) && d.siteInfo.assignmentType === 'PRIMARY')
    throw appError(428, 'DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE', `${d.id} is the primary domain of another site`, {
      siteId: d.siteInfo.id,
    });
  if (!site.premium) throw appError(428, 'SITE_NOT_PREMIUM', `Site ${site.id} has no Premium plan`);
  const existing = ofSite(world, ctx.accountId, site.id);
  if (input.type === 'PRIMARY') {
    for (const other of existing) setSiteInfo(world, other, UNASSIGNED);
    setSiteInfo(world, d, { id: site.id, assignmentType: 'PRIMARY' });
    return { domainAssignment: view(d) };
  }
  const primary = existing.find((e) => e.siteInfo?.assignmentType === 'PRIMARY');
  if (!primary) setSiteInfo(world, d, { id: site.id, assignmentType: 'PRIMARY' });
  else {
    if (existing.length - 1 >= MAX_REDIRECTS)
      throw appError(428, 'TOO_MANY_REDIRECTS', `Site ${site.id} already has ${MAX_REDIRECTS} redirect domains`);
    setSiteInfo(world, d, { id: site.id, assignmentType: 'REDIRECT', redirectInfo: { primaryDomain: primary.id } });
  }
  return { domainAssignment: view(d) };
}

function getAssignment(ctx: RouteContext) {
  return { domainAssignment: view(assigned(ctx)) };
}

function deleteAssignment(ctx: RouteContext) {
  const d = assigned(ctx);
  const victims = d.siteInfo.assignmentType === 'PRIMARY' ? ofSite(ctx.world, ctx.accountId, d.siteInfo.id) : [d];
  for (const v of victims) setSiteInfo(ctx.world, v, UNASSIGNED);
  return {};
}

function setPrimary(ctx: RouteContext) {
  const d = assigned(ctx);
  if (d.siteInfo.assignmentType === 'PRIMARY') return { domainAssignment: view(d) };
  const siteId = d.siteInfo.id;
  for (const other of ofSite(ctx.world, ctx.accountId, siteId))
    if (other !== d)
      setSiteInfo(ctx.world, other, { id: siteId, assignmentType: 'REDIRECT', redirectInfo: { primaryDomain: d.id } });
  setSiteInfo(ctx.world, d, { id: siteId, assignmentType: 'PRIMARY' });
  return { domainAssignment: view(d) };
}

function listAssignments(ctx: RouteContext, query: z.output<typeof ListDomainAssignmentsQuery>) {
  const siteIds = new Set(query.siteIds);
  const items = accountDomains(ctx.world, ctx.accountId)
    .filter((d) => isAssigned(d) && siteIds.has(d.siteInfo.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { page, pagingMetadata } = domainPage(items, query, {
    fallback: 100,
    fingerprint: [...siteIds].sort().join(','),
  });
  return { domainAssignments: siteIds.size === 0 ? [] : page.map(view), pagingMetadata };
}

const base = '/domains/v1/domain-assignments';

export const domainAssignmentRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: base,
    operation: 'upsertDomainAssignment',
    auth: 'account',
    ...withBody(UpsertDomainAssignmentRequest, upsert),
  },
  {
    method: 'GET',
    path: base,
    operation: 'listDomainAssignments',
    auth: 'account',
    ...withQuery(ListDomainAssignmentsQuery, listAssignments),
  },
  { method: 'GET', path: `${base}/:id`, operation: 'getDomainAssignment', auth: 'account', handle: getAssignment },
  {
    method: 'DELETE',
    path: `${base}/:id`,
    operation: 'deleteDomainAssignment',
    auth: 'account',
    handle: deleteAssignment,
  },
  { method: 'PATCH', path: `${base}/:id`, operation: 'setDomainAsPrimary', auth: 'account', handle: setPrimary },
];
