import type { z } from 'zod/v4';
import { CreateRegisteredDomainRequest } from '../contract/domains.js';
import { ListDomainsQuery } from '../contract/queries.js';
import { appError, validationError } from '../errors.js';
import { refreshDomainConnected } from '../lifecycle.js';
import { withBody, withQuery, type AccountProblem, type RouteContext, type RouteDef } from '../router.js';
import { defaultZone } from '../seed-domains.js';
import type { RegisteredDomain } from '../types.js';
import type { World } from '../world.js';
import { registrarRejection } from './contacts.js';
import { byCreatedDesc, demotePrimary, domainPage } from './domain-common.js';
import {
  checkDomainFree,
  checkDomainName,
  checkProductInstance,
  checkTargetSite,
  icannEmails,
  registrationInput,
} from './registered-rules.js';

/**
 * Registered Domains (CONTRACT §6): Create, Get, List, Redeem.
 *
 * Clock: Create answers PENDING_REGISTRATION (ICANN PENDING, DNS UNKNOWN). After `settings.registrationMs` the
 * registrar answers: ACTIVE (expiration = now + the instance's cycle in years, ICANN CONFIRMED_BY_ALL, DNS
 * IN_PROGRESS, a default Wix DNS zone, `siteInfo` PRIMARY on the `wix-site-id` site) and DNS COMPLETED after another
 * `settings.propagationMs`; or FAILED_REGISTRATION when the contacts break the registrar rule (`contacts.ts`).
 * Each transition increments `revision`.
 *
 * Sandbox choices (UNCONFIRMED upstream): Get of another account's domain answers the same 400
 * REGISTERED_DOMAIN_NOT_FOUND as an unknown one; List `paging.limit` 0 or absent = 100; Redeem of a domain that has
 * not expired (or is not ACTIVE) answers 428 DOMAIN_NOT_EXPIRED; an unknown or foreign `wix-account-id` answers
 * 403 PERMISSION_DENIED.
 */
const DAY = 86_400_000;
/** How long contacts have to confirm their email with ICANN. */
const ICANN_CONFIRMATION_MS = 15 * DAY;

/** Attempts per domain name, kept beside the world so that a retry after FAILED_REGISTRATION counts on. */
const attempts = new WeakMap<World, Map<string, number>>();

function accountError(problem: AccountProblem, accountId: string) {
  if (problem === 'missing' || problem === 'malformed')
    return validationError([
      {
        field: 'wix-account-id',
        description: problem === 'missing' ? 'header is required' : 'must be a GUID',
        violatedRule: problem === 'missing' ? 'REQUIRED_FIELD' : 'FORMAT',
      },
    ]);
  return appError(403, 'PERMISSION_DENIED', `No access to target account ${accountId}`);
}

function addYears(iso: string, years: number): string {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}

function bump(world: World, rd: RegisteredDomain): void {
  rd.revision = String(Number(rd.revision) + 1);
  rd.updatedDate = world.now();
}

function createRegisteredDomain(ctx: RouteContext, body: z.output<typeof CreateRegisteredDomainRequest>) {
  const { world } = ctx;
  const input = registrationInput(body);
  const parsed = checkDomainName(ctx, input.domain);
  const siteId = checkTargetSite(ctx);
  const years = checkProductInstance(ctx, input.productInstanceId, parsed);
  const previous = checkDomainFree(ctx, parsed);
  const now = world.now();
  const counts = attempts.get(world) ?? new Map<string, number>();
  attempts.set(world, counts);
  const attempt = (previous ? (counts.get(parsed.root) ?? 1) : 0) + 1;
  counts.set(parsed.root, attempt);
  const rd: RegisteredDomain = {
    id: parsed.root,
    domain: parsed.root,
    productInstanceId: input.productInstanceId,
    createdDate: now,
    updatedDate: now,
    revision: '1',
    contacts: input.contacts,
    status: 'PENDING_REGISTRATION',
    pendingRegistrationInfo: { latestAttempt: { number: attempt, timestamp: now } },
    icannConfirmationStatus: 'PENDING',
    icannConfirmationStatusInfo: {
      pending: {
        expirationDate: new Date(world.clock.now() + ICANN_CONFIRMATION_MS).toISOString(),
        notConfirmedBy: icannEmails(input.contacts),
      },
    },
    dnsPropagationStatus: 'UNKNOWN_DNS_PROPAGATION_STATUS',
  };
  world.registeredDomains.set(rd.id, rd);
  world.registeredOwner.set(rd.id, ctx.accountId);
  scheduleRegistration(world, rd, { years, ...(siteId ? { siteId } : {}) });
  return { registeredDomain: rd };
}

/** What the registrar needs to settle a registration: its length and the site it goes to. */
interface RegistrationPlan {
  years: number;
  siteId?: string;
}

/**
 * Schedules the registrar's answer to a PENDING_REGISTRATION domain after `settings.registrationMs` (the contacts
 * decide ACTIVE or FAILED_REGISTRATION, see `registrarRejection`). Also used for seeded pending registrations.
 */
export function scheduleRegistration(world: World, rd: RegisteredDomain, plan: RegistrationPlan): void {
  const rejection = registrarRejection({ ...rd.contacts });
  world.schedule(world.settings.registrationMs, () =>
    settleRegistration(world, rd, { ...plan, ...(rejection ? { rejection } : {}) }),
  );
}

/** The registrar's answer to a pending registration (runs on the virtual clock). */
function settleRegistration(
  world: World,
  rd: RegisteredDomain,
  outcome: RegistrationPlan & { rejection?: string },
): void {
  if (world.registeredDomains.get(rd.id) !== rd || rd.status !== 'PENDING_REGISTRATION') return;
  bump(world, rd);
  if (outcome.rejection) {
    rd.status = 'FAILED_REGISTRATION';
    delete rd.pendingRegistrationInfo;
    rd.failedRegistrationInfo = { code: 'OTHER', message: outcome.rejection };
    rd.icannConfirmationStatus = 'UNKNOWN_ICANN_CONFIRMATION_STATUS';
    rd.icannConfirmationStatusInfo = null;
    return;
  }
  rd.status = 'ACTIVE';
  rd.expirationDate = addYears(world.now(), outcome.years);
  rd.icannConfirmationStatus = 'CONFIRMED_BY_ALL';
  rd.icannConfirmationStatusInfo = null;
  rd.dnsPropagationStatus = 'IN_PROGRESS';
  if (!world.dnsZones.has(rd.id)) world.dnsZones.set(rd.id, defaultZone(rd.id));
  if (outcome.siteId && world.sites.has(outcome.siteId)) {
    demotePrimary(world, outcome.siteId, rd.id);
    rd.siteInfo = { id: outcome.siteId, assignmentType: 'PRIMARY' };
    refreshDomainConnected(world, outcome.siteId);
  }
  scheduleRegisteredPropagation(world, rd);
}

/** DNS propagation of an ACTIVE registered domain: IN_PROGRESS → COMPLETED after `settings.propagationMs`. */
export function scheduleRegisteredPropagation(world: World, rd: RegisteredDomain): void {
  world.schedule(world.settings.propagationMs, () => {
    if (world.registeredDomains.get(rd.id) !== rd || rd.dnsPropagationStatus !== 'IN_PROGRESS') return;
    rd.dnsPropagationStatus = 'COMPLETED';
    bump(world, rd);
  });
}

/** The account's registered domain, or the documented 400 (also for another account's domain). */
function ownDomain(ctx: RouteContext): RegisteredDomain {
  const id = (ctx.params.id ?? '').toLowerCase();
  const rd = ctx.world.registeredDomains.get(id);
  if (!rd || ctx.world.registeredOwner.get(id) !== ctx.accountId)
    throw appError(400, 'REGISTERED_DOMAIN_NOT_FOUND', `Registered domain ${ctx.params.id} not found`);
  return rd;
}

function listRegisteredDomains(ctx: RouteContext, query: z.output<typeof ListDomainsQuery>) {
  const mine = [...ctx.world.registeredDomains.values()]
    .filter((rd) => ctx.world.registeredOwner.get(rd.id) === ctx.accountId)
    .sort(byCreatedDesc);
  const { page, pagingMetadata } = domainPage(mine, query, { fallback: 100 });
  return { pagingMetadata, registeredDomains: page };
}

function redeemRegisteredDomain(ctx: RouteContext) {
  const rd = ownDomain(ctx);
  const now = ctx.world.clock.now();
  if (rd.status !== 'ACTIVE' || !rd.expirationDate || Date.parse(rd.expirationDate) > now)
    throw appError(
      428,
      'DOMAIN_NOT_EXPIRED',
      `Registered domain ${rd.id} has not expired; only expired domains can be redeemed`,
    );
  rd.expirationDate = addYears(rd.expirationDate, 1);
  bump(ctx.world, rd);
  return { registeredDomain: rd };
}

export const registeredDomainRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/domains/v1/registered-domains',
    operation: 'createRegisteredDomain',
    auth: 'account',
    accountError,
    ...withBody(CreateRegisteredDomainRequest, createRegisteredDomain),
  },
  {
    method: 'GET',
    path: '/domains/v1/registered-domains',
    operation: 'listRegisteredDomains',
    auth: 'account',
    accountError,
    ...withQuery(ListDomainsQuery, listRegisteredDomains),
  },
  {
    method: 'GET',
    path: '/domains/v1/registered-domains/:id',
    operation: 'getRegisteredDomain',
    auth: 'account',
    accountError,
    handle: (ctx) => ({ registeredDomain: ownDomain(ctx) }),
  },
  {
    method: 'POST',
    path: '/domains/v1/registered-domains/:id/redeem',
    operation: 'redeemRegisteredDomain',
    auth: 'account',
    accountError,
    handle: redeemRegisteredDomain,
  },
];
