import { CreateDnsZoneRequest, UpdateDnsZoneRequest } from '../contract/dns.js';
import { WixHttpError, appError, invalidField } from '../errors.js';
import {
  UNDELEGATED_DOMAINS,
  isWixRegistered,
  labelsFit,
  parseDomain,
  type ParsedDomain,
} from '../domain-availability.js';
import { GUID, type RouteContext, type RouteDef } from '../router.js';
import { defaultZone } from '../seed-domains.js';
import type { DnsZone } from '../types.js';
import { parseBody } from '../validate.js';
import { applyChanges, recordsOf, setDnssec, zoneRecords } from './dns-rules.js';

/**
 * Domain DNS (CONTRACT §8): Get, Update, Create, Delete and Preview of the Google Cloud DNS zones Wix manages — only
 * for domains registered through Wix and external domains connected by NAMESERVERS.
 *
 * Auth is checked here (route auth 'optional') because this API answers with its own codes: no Authorization ⇒ 401
 * UNAUTHENTICATED (as every sandbox API); an unknown key ⇒ 404 USER_ID_NOT_FOUND; a missing, malformed or unknown
 * `wix-account-id` ⇒ 404 TARGET_ACCOUNT_NOT_FOUND; an account outside the key's tree, or a domain held by another
 * account ⇒ 403 DOMAINS_PERMISSION_DENIED. These apply to every DNS-zone endpoint (the contract lists them for Update).
 *
 * Sandbox choices (UNCONFIRMED upstream):
 * - a domain neither registered through Wix nor connected, or connected by POINTING / as a subdomain ⇒ 428
 *   DOMAIN_NOT_PERMITTED; an eligible domain without a zone (registration still pending, zone deleted) ⇒ 404
 *   DNS_ZONE_NOT_FOUND;
 * - Create DNS Zone is for root domains: a subdomain zone answers 428 DOMAIN_ALREADY_EXISTS when its root already
 *   has a Wix zone (its records belong there) and 404 DNS_ZONE_NOT_FOUND when the root has none;
 * - Preview works for any valid domain (no ownership needed) except undelegated ones (403
 *   INVALID_DOMAINS_PREVIEW_RECORDS, as Connected Domains).
 */

/** The account the call acts on, checked with this API's codes. */
function dnsAccount(ctx: RouteContext): string {
  const { world } = ctx;
  const key = ctx.headers.authorization;
  if (!key)
    throw new WixHttpError(401, {
      message: 'Authorization header is required (an account-level API key)',
      details: {
        applicationError: {
          code: 'UNAUTHENTICATED',
          description: 'Authorization header is required (an account-level API key)',
        },
      },
    });
  if (!ctx.keyAccountId)
    throw appError(404, 'USER_ID_NOT_FOUND', 'No user found in the request context: the API key is not valid');
  const raw = ctx.headers['wix-account-id'];
  const accountId = Array.isArray(raw) ? raw[0] : raw;
  if (!accountId || !GUID.test(accountId) || !world.accounts.has(accountId))
    throw appError(404, 'TARGET_ACCOUNT_NOT_FOUND', `Target account '${accountId ?? ''}' not found`);
  if (!world.inTree(world.rootOf(ctx.keyAccountId), accountId))
    throw appError(403, 'DOMAINS_PERMISSION_DENIED', `No permission for account ${accountId}`);
  return accountId;
}

function readName(name: string | undefined, field: string): ParsedDomain {
  const parsed = parseDomain(name ?? '');
  if (!parsed || !labelsFit(parsed)) throw invalidField(field, 'must be a domain name', 'FORMAT');
  return parsed;
}

/** Checks that the account may manage the DNS of `parsed` (see the module rules). */
function checkManaged(ctx: RouteContext, accountId: string, parsed: ParsedDomain): void {
  const { world } = ctx;
  if (isWixRegistered(world, parsed.root)) {
    if (world.registeredOwner.get(parsed.root) !== accountId)
      throw appError(403, 'DOMAINS_PERMISSION_DENIED', `No permission for domain ${parsed.name}`);
    return;
  }
  const connected = world.connectedDomains.get(parsed.name) ?? world.connectedDomains.get(parsed.root);
  if (!connected)
    throw appError(
      428,
      'DOMAIN_NOT_PERMITTED',
      `Domain ${parsed.name} is not registered through Wix or connected to a Wix site`,
    );
  if (world.connectedOwner.get(connected.id) !== accountId)
    throw appError(403, 'DOMAINS_PERMISSION_DENIED', `No permission for domain ${parsed.name}`);
  if (connected.connectionType !== 'NAMESERVERS')
    throw appError(
      428,
      'DOMAIN_NOT_PERMITTED',
      `Domain ${connected.id} is connected by ${connected.connectionType === 'POINTING' ? 'pointing' : 'subdomain CNAME'}; Wix manages DNS only for NAMESERVERS connections`,
    );
}

/** The zone of an account's managed domain (path parameter `domainName`). */
function managedZone(ctx: RouteContext): DnsZone {
  const accountId = dnsAccount(ctx);
  const parsed = readName(ctx.params.domainName, 'domainName');
  checkManaged(ctx, accountId, parsed);
  const zone = ctx.world.dnsZones.get(parsed.name);
  if (!zone) throw appError(404, 'DNS_ZONE_NOT_FOUND', `No DNS zone for ${parsed.name}`);
  return zone;
}

function updateZone(ctx: RouteContext) {
  const zone = managedZone(ctx);
  // Validated after the key and account (this API's own codes come first), with the route's contract schema.
  const body = parseBody(UpdateDnsZoneRequest, ctx.body);
  const deletions = recordsOf(body.deletions);
  const additions = recordsOf(body.additions);
  const dnssec = body.dnssecEnabled;
  // Validate everything before writing: a failed update leaves the zone as it was.
  const records = applyChanges(zone, deletions, additions);
  zone.records = records;
  if (typeof dnssec === 'boolean') setDnssec(zone, dnssec, ctx.world.seed);
  return { dnsZone: zone };
}

function createZone(ctx: RouteContext) {
  const accountId = dnsAccount(ctx);
  const body = parseBody(CreateDnsZoneRequest, ctx.body).dnsZone;
  const parsed = readName(body.domainName, 'dnsZone.domainName');
  const root = readName(parsed.root, 'dnsZone.domainName');
  checkManaged(ctx, accountId, root);
  if (parsed.isSubdomain) {
    if (ctx.world.dnsZones.has(parsed.root))
      throw appError(
        428,
        'DOMAIN_ALREADY_EXISTS',
        `${parsed.name} is inside the zone of ${parsed.root}; update that zone instead`,
      );
    throw appError(404, 'DNS_ZONE_NOT_FOUND', `No DNS zone for ${parsed.root}, the parent of ${parsed.name}`);
  }
  const records = zoneRecords(parsed.name, recordsOf(body.records));
  const zone: DnsZone = { id: parsed.name, domainName: parsed.name, records, dnssecEnabled: false };
  if (body.dnssecEnabled === true) setDnssec(zone, true, ctx.world.seed);
  ctx.world.dnsZones.set(zone.id, zone);
  return { dnsZone: zone };
}

function deleteZone(ctx: RouteContext) {
  const zone = managedZone(ctx);
  ctx.world.dnsZones.delete(zone.id);
  return {};
}

function previewZone(ctx: RouteContext) {
  dnsAccount(ctx);
  const parsed = readName(ctx.params.domainName, 'domainName');
  if (UNDELEGATED_DOMAINS.has(parsed.root))
    throw appError(403, 'INVALID_DOMAINS_PREVIEW_RECORDS', `Missing A/CNAME/NS preview records for ${parsed.name}`);
  return { dnsZone: defaultZone(parsed.name) };
}

export const dnsZoneRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/domains/v1/dns-zones',
    operation: 'createDnsZone',
    auth: 'optional',
    body: CreateDnsZoneRequest,
    handle: createZone,
  },
  {
    method: 'GET',
    path: '/domains/v1/dns-zones/:domainName/preview',
    operation: 'previewDnsZone',
    auth: 'optional',
    handle: previewZone,
  },
  {
    method: 'GET',
    path: '/domains/v1/dns-zones/:domainName',
    operation: 'getDnsZone',
    auth: 'optional',
    handle: (ctx) => ({ dnsZone: managedZone(ctx) }),
  },
  {
    method: 'PATCH',
    path: '/domains/v1/dns-zones/:domainName',
    operation: 'updateDnsZone',
    auth: 'optional',
    body: UpdateDnsZoneRequest,
    handle: updateZone,
  },
  {
    method: 'DELETE',
    path: '/domains/v1/dns-zones/:domainName',
    operation: 'deleteDnsZone',
    auth: 'optional',
    handle: deleteZone,
  },
];
