import type { z } from 'zod/v4';
import { CreateConnectedDomainRequest } from '../contract/domains.js';
import { ListDomainsQuery } from '../contract/queries.js';
import { appError } from '../errors.js';
import { disconnectDomain, refreshDomainConnected } from '../lifecycle.js';
import {
  RESTRICTED_TLDS,
  UNDELEGATED_DOMAINS,
  isSupportedTld,
  isTaken,
  isWixRegistered,
  labelsFit,
  parseDomain,
  registrarOf,
  type ParsedDomain,
} from '../domain-availability.js';
import { GUID, withBody, withQuery, type AccountProblem, type RouteContext, type RouteDef } from '../router.js';
import { WIX_A_RECORD, WIX_NAMESERVERS, WIX_POINTING_CNAME, defaultZone } from '../seed-domains.js';
import type { ConnectedDomain, ConnectionType, SiteInfo } from '../types.js';
import type { World } from '../world.js';
import { byCreatedDesc, demotePrimary, domainPage, primaryDomainOf } from './domain-common.js';

/**
 * Connected Domains + Setup Info (CONTRACT §7). Clock: a new connection is UNKNOWN_DNS_PROPAGATION_STATUS, IN_PROGRESS
 * after `settings.propagationStartMs`, COMPLETED (and `site.domainConnected`) `settings.propagationMs` later.
 *
 * Sandbox choices (UNCONFIRMED upstream):
 * - creating the same domain again with the same connection type, site and assignment answers the existing
 *   connection (200, unchanged); any difference is 409 DOMAINS_ALREADY_EXISTS;
 * - a domain connected by another account, or registered through Wix (for a subdomain: its root registered by another
 *   account), is 403 DOMAINS_DOMAIN_NOT_PERMITTED; Get/Setup Info of an own Wix-registered domain answer the same;
 * - INVALID_DOMAINS_PREVIEW_RECORDS: the root is registered but not delegated (`UNDELEGATED_DOMAINS` in registry.ts);
 * - `wix-site-id` malformed ⇒ 400 DOMAINS_GUID_NOT_VALID, unknown ⇒ 403 DOMAINS_GUID_NOT_FOUND, another account's ⇒
 *   403 DOMAINS_PERMISSION_DENIED; without `wix-site-id` the domain is connected floating (no site, no Premium check);
 * - PRIMARY leaves the site's previous primary domain unassigned (documented) and points its redirects at the new
 *   one (see `demotePrimary`);
 * - List `paging.limit` 0 or absent = 100; other accounts' domains answer 404 NOT_FOUND (not visible).
 */
const CONNECTION_TYPES: readonly ConnectionType[] = ['UNKNOWN_CONNECTION_TYPE', 'POINTING', 'NAMESERVERS', 'HIDDEN'];
/** Name servers as Setup Info lists them (order of Wix's example). */
const SETUP_NAMESERVERS = [...WIX_NAMESERVERS].reverse();
const SETUP_TTL = 3600;

/** Connected Domains' answers to a refused `wix-account-id` (CONTRACT §7.2). */
export function domainsAccountError(problem: AccountProblem, accountId: string) {
  if (problem === 'missing' || problem === 'malformed')
    return appError(400, 'DOMAINS_GUID_NOT_VALID', `Invalid account ID '${accountId}'`);
  if (problem === 'unknown') return appError(403, 'DOMAINS_GUID_NOT_FOUND', '');
  return appError(403, 'DOMAINS_PERMISSION_DENIED', `No permission for account ${accountId}`);
}

interface ConnectInput {
  parsed: ParsedDomain;
  connectionType: ConnectionType;
  assignmentType: SiteInfo['assignmentType'];
  redirectTo?: string;
  suppressNotifications: boolean;
}

/** The validated body in the sandbox's terms; the domain name and connection type are business rules (400 codes). */
function readConnectInput(body: z.output<typeof CreateConnectedDomainRequest>): ConnectInput {
  const cd = body.connectedDomain;
  const assignment = cd.siteInfo?.assignmentType ?? 'PRIMARY';
  const parsed = parseDomain(cd.domain);
  if (!parsed || !labelsFit(parsed) || RESTRICTED_TLDS.has(parsed.labels[parsed.labels.length - 1] as string))
    throw appError(400, 'Invalid domain', `The domain ${cd.domain} is invalid or restricted by Wix`);
  const type = cd.connectionType as ConnectionType | undefined;
  const validRoot = type === 'POINTING' || type === 'NAMESERVERS';
  const validSub = type === undefined || type === 'UNKNOWN_CONNECTION_TYPE';
  if ((type !== undefined && !CONNECTION_TYPES.includes(type)) || (parsed.isSubdomain ? !validSub : !validRoot))
    throw appError(
      400,
      'Invalid connection type',
      parsed.isSubdomain
        ? 'A subdomain is connected without a connection type'
        : 'A root domain needs connectionType POINTING or NAMESERVERS',
    );
  const redirect = cd.siteInfo?.redirectInfo?.primaryDomain;
  return {
    parsed,
    connectionType: parsed.isSubdomain ? 'UNKNOWN_CONNECTION_TYPE' : (type as ConnectionType),
    assignmentType: assignment === 'UNKNOWN_ASSIGNMENT_TYPE' ? 'PRIMARY' : assignment,
    ...(typeof redirect === 'string' && redirect !== '' ? { redirectTo: redirect } : {}),
    suppressNotifications: cd.suppressNotifications,
  };
}

/** The `wix-site-id` site, checked against the account. */
function targetSite(ctx: RouteContext): string | undefined {
  const siteId = ctx.siteIdHeader;
  if (siteId === undefined) return undefined;
  if (!GUID.test(siteId)) throw appError(400, 'DOMAINS_GUID_NOT_VALID', `Invalid site ID '${siteId}'`);
  const site = ctx.world.sites.get(siteId);
  if (!site) throw appError(403, 'DOMAINS_GUID_NOT_FOUND', '');
  if (site.ownerAccountId !== ctx.accountId)
    throw appError(403, 'DOMAINS_PERMISSION_DENIED', `No permission for site ${siteId}`);
  return siteId;
}

function siteInfoFor(world: World, input: ConnectInput, siteId: string | undefined): SiteInfo {
  if (!siteId) return { assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' };
  if (input.assignmentType !== 'REDIRECT') return { id: siteId, assignmentType: input.assignmentType };
  const primary = input.redirectTo ?? primaryDomainOf(world, siteId);
  return { id: siteId, assignmentType: 'REDIRECT', ...(primary ? { redirectInfo: { primaryDomain: primary } } : {}) };
}

/** The rules that refuse a new connection (after the body and the site were read). */
function checkConnectable(ctx: RouteContext, input: ConnectInput, siteId: string | undefined): void {
  const { world } = ctx;
  const { parsed } = input;
  const site = siteId ? world.sites.get(siteId) : undefined;
  if (site && !site.premium) throw appError(403, 'NON_PREMIUM_SITE', `Can't assign a domain to free site ${site.id}`);
  const rootOwner = world.registeredOwner.get(parsed.root);
  if (isWixRegistered(world, parsed.root) && (!parsed.isSubdomain || rootOwner !== ctx.accountId))
    throw appError(
      403,
      'DOMAINS_DOMAIN_NOT_PERMITTED',
      `Domain ${parsed.name} is registered through Wix and is not permitted for this connection`,
    );
  if (isSupportedTld(parsed.tld) && !isTaken(world, parsed.root))
    throw appError(400, 'Invalid domain', `The domain ${parsed.root} is still available for purchase; buy it first`);
  if (UNDELEGATED_DOMAINS.has(parsed.root))
    throw appError(403, 'INVALID_DOMAINS_PREVIEW_RECORDS', `Missing A/CNAME/NS preview records for ${parsed.name}`);
}

function createConnectedDomain(ctx: RouteContext, body: z.output<typeof CreateConnectedDomainRequest>) {
  const { world } = ctx;
  const input = readConnectInput(body);
  const siteId = targetSite(ctx);
  const domain = input.parsed.name;
  const siteInfo = siteInfoFor(world, input, siteId);
  const existing = world.connectedDomains.get(domain);
  if (existing) {
    if (world.connectedOwner.get(domain) !== ctx.accountId)
      throw appError(
        403,
        'DOMAINS_DOMAIN_NOT_PERMITTED',
        `Domain ${domain} is not permitted for account ${ctx.accountId}`,
      );
    if (existing.connectionType !== input.connectionType)
      throw appError(
        409,
        'DOMAINS_ALREADY_EXISTS',
        `Domain ${domain} is already connected with connection type ${existing.connectionType}`,
      );
    if (existing.siteInfo.id !== siteInfo.id || existing.siteInfo.assignmentType !== siteInfo.assignmentType)
      throw appError(409, 'DOMAINS_ALREADY_EXISTS', `Domain ${domain} is already connected with different settings`);
    return { connectedDomain: existing };
  }
  checkConnectable(ctx, input, siteId);
  const now = world.now();
  const cd: ConnectedDomain = {
    id: domain,
    domain,
    connectionType: input.connectionType,
    siteInfo,
    suppressNotifications: input.suppressNotifications,
    dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
    createdDate: now,
    updatedDate: now,
  };
  if (siteId && siteInfo.assignmentType === 'PRIMARY') demotePrimary(world, siteId, domain);
  world.connectedDomains.set(domain, cd);
  world.connectedOwner.set(domain, ctx.accountId);
  if (cd.connectionType === 'NAMESERVERS' && !world.dnsZones.has(domain))
    world.dnsZones.set(domain, defaultZone(domain));
  schedulePropagation(world, cd);
  return { connectedDomain: cd };
}

/**
 * Schedules the propagation of a connection from where it stands: UNKNOWN → IN_PROGRESS after
 * `propagationStartMs`, then COMPLETED `propagationMs` later; IN_PROGRESS (a seeded one) → COMPLETED after
 * `propagationMs`. COMPLETED and FAILED are final. A task only moves the connection if it is still connected.
 */
export function schedulePropagation(world: World, cd: ConnectedDomain): void {
  const live = () => world.connectedDomains.get(cd.id) === cd;
  const { propagationStartMs, propagationMs } = world.settings;
  const started = cd.dnsPropagationStatus === 'IN_PROGRESS';
  if (!started && cd.dnsPropagationStatus !== 'UNKNOWN_DNS_PROPAGATION_STATUS') return;
  if (!started)
    world.schedule(propagationStartMs, () => {
      if (!live() || cd.dnsPropagationStatus !== 'UNKNOWN_DNS_PROPAGATION_STATUS') return;
      cd.dnsPropagationStatus = 'IN_PROGRESS';
      cd.updatedDate = world.now();
    });
  world.schedule(started ? propagationMs : propagationStartMs + propagationMs, () => {
    if (!live() || cd.dnsPropagationStatus === 'COMPLETED') return;
    cd.dnsPropagationStatus = 'COMPLETED';
    cd.updatedDate = world.now();
    if (cd.siteInfo.id) refreshDomainConnected(world, cd.siteInfo.id);
  });
}

/** The account's connected domain; 404 NOT_FOUND for unknown and other accounts' domains. */
function ownConnected(ctx: RouteContext): ConnectedDomain {
  const id = (ctx.params.id ?? '').toLowerCase();
  const cd = ctx.world.connectedDomains.get(id);
  if (cd && ctx.world.connectedOwner.get(id) === ctx.accountId) return cd;
  if (isWixRegistered(ctx.world, id) && ctx.world.registeredOwner.get(id) === ctx.accountId)
    throw appError(
      403,
      'DOMAINS_DOMAIN_NOT_PERMITTED',
      `${id} is registered through Wix, not connected; use Registered Domains`,
    );
  throw appError(404, 'NOT_FOUND', `Connected domain ${ctx.params.id} not found`);
}

function listConnectedDomains(ctx: RouteContext, query: z.output<typeof ListDomainsQuery>) {
  const { world } = ctx;
  const mine = [...world.connectedDomains.values()]
    .filter((cd) => world.connectedOwner.get(cd.id) === ctx.accountId)
    .sort(byCreatedDesc);
  const { page, pagingMetadata } = domainPage(mine, query, { fallback: 100 });
  return { pagingMetadata, connectedDomains: page };
}

/** Removes the connection, its Wix zone (NAMESERVERS) and the site's connected flag when nothing else is connected. */
function deleteConnectedDomain(ctx: RouteContext) {
  disconnectDomain(ctx.world, ownConnected(ctx));
  return {};
}

function setupInfo(ctx: RouteContext) {
  const cd = ownConnected(ctx);
  const parsed = parseDomain(cd.domain);
  const registrar = registrarOf(ctx.world, parsed?.root ?? cd.domain);
  const info: Record<string, unknown> = { connectedDomainId: cd.id, registrar };
  if (cd.connectionType === 'NAMESERVERS')
    info.nameserverRecord = { nsRecord: { hostName: cd.domain, ttl: 86400, values: [...SETUP_NAMESERVERS] } };
  else if (cd.connectionType === 'POINTING')
    info.pointingRecords = {
      aRecord: { hostName: cd.domain, ttl: SETUP_TTL, values: [WIX_A_RECORD] },
      cnameRecord: { hostName: `www.${cd.domain}`, ttl: SETUP_TTL, value: WIX_POINTING_CNAME },
    };
  else info.subdomainRecords = { cnameRecords: [{ hostName: cd.domain, ttl: SETUP_TTL, value: WIX_POINTING_CNAME }] };
  return { connectedDomainSetupInfo: info };
}

const base = { auth: 'account' as const, accountError: domainsAccountError };

export const connectedDomainRoutes: RouteDef[] = [
  {
    ...base,
    method: 'POST',
    path: '/domains/v1/connected-domains',
    operation: 'createConnectedDomain',
    ...withBody(CreateConnectedDomainRequest, createConnectedDomain),
  },
  {
    ...base,
    method: 'GET',
    path: '/domains/v1/connected-domains',
    operation: 'listConnectedDomains',
    ...withQuery(ListDomainsQuery, listConnectedDomains),
  },
  {
    ...base,
    method: 'GET',
    path: '/domains/v1/connected-domains/:id',
    operation: 'getConnectedDomain',
    handle: (ctx) => ({ connectedDomain: ownConnected(ctx) }),
  },
  {
    ...base,
    method: 'DELETE',
    path: '/domains/v1/connected-domains/:id',
    operation: 'deleteConnectedDomain',
    handle: deleteConnectedDomain,
  },
  {
    ...base,
    method: 'GET',
    path: '/domains/v1/connected-domain-setup-info/:id',
    operation: 'getConnectedDomainSetupInfo',
    handle: setupInfo,
  },
];
