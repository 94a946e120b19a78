import type { z } from 'zod/v4';
import type { CreateRegisteredDomainRequest } from '../contract/domains.js';
import { appError, validationError } from '../errors.js';
import { GUID, type RouteContext } from '../router.js';
import { isRegistrableTld, isTaken, isWixRegistered, parseDomain, type ParsedDomain } from '../domain-availability.js';
import type { ContactData, ProductInstance, RegisteredDomain } from '../types.js';
import { cleanContact } from './contacts.js';

/**
 * The checks of Create Registered Domain (CONTRACT §6.2, §6.6), in the order the sandbox applies them: body
 * validation (the contract schema, contract/domains.ts), domain name, target site, product instance, then whether the name is free. All fail without side
 * effects. Sandbox choices (UNCONFIRMED upstream):
 * - a product instance entitles one registration: an instance already used by another registered domain (any status
 *   but FAILED_REGISTRATION) answers INVALID_PRODUCT_INSTANCE (its domain benefit is spent);
 * - the product instance must belong to the `wix-account-id` account (else PRODUCT_INSTANCE_NOT_FOUND);
 * - a `wix-site-id` that is unknown or owned by another account answers 403 PERMISSION_DENIED;
 * - a name registered through Wix by another account is DOMAIN_ALREADY_TAKEN; by the same account
 *   REGISTERED_DOMAIN_ALREADY_EXISTS (unless it is FAILED_REGISTRATION: then the call retries and replaces it).
 */

/** The validated request of Create Registered Domain. */
export interface RegistrationInput {
  domain: string;
  productInstanceId: string;
  contacts: RegisteredDomain['contacts'];
}

/** The request in the store's terms: the contacts keep only their known, non-empty fields. */
export function registrationInput(body: z.output<typeof CreateRegisteredDomainRequest>): RegistrationInput {
  const { domain, productInstanceId, contacts } = body.registeredDomain;
  const out: RegisteredDomain['contacts'] = { registrant: cleanContact(contacts.registrant) };
  if (contacts.admin) out.admin = cleanContact(contacts.admin);
  if (contacts.tech) out.tech = cleanContact(contacts.tech);
  return { domain, productInstanceId, contacts: out };
}

/** Domain-name codes: INVALID_DOMAIN, SUBDOMAIN_NOT_SUPPORTED, DOMAIN_TOO_LONG/SHORT, TLD_NOT_SUPPORTED. */
export function checkDomainName(ctx: RouteContext, domain: string): ParsedDomain {
  const parsed = parseDomain(domain);
  if (!parsed)
    throw appError(400, 'INVALID_DOMAIN', `The domain ${domain} can't be registered: it is not a valid domain name`);
  if (parsed.isSubdomain)
    throw appError(
      400,
      'SUBDOMAIN_NOT_SUPPORTED',
      `${parsed.name} is a subdomain; only root domains can be registered`,
    );
  if (parsed.sld.length > 63)
    throw appError(400, 'DOMAIN_TOO_LONG', `The domain name ${parsed.sld} is longer than 63 characters`);
  if (parsed.sld.length < 3)
    throw appError(400, 'DOMAIN_TOO_SHORT', `The domain name ${parsed.sld} is shorter than 3 characters`);
  if (!isRegistrableTld(ctx.world, parsed.tld))
    throw appError(400, 'TLD_NOT_SUPPORTED', `The TLD .${parsed.tld} is not supported for Wix sites`);
  return parsed;
}

/** The site from `wix-site-id` (optional): it must be the account's and have an active Premium plan. */
export function checkTargetSite(ctx: RouteContext): string | undefined {
  const siteId = ctx.siteIdHeader;
  if (siteId === undefined) return undefined;
  if (!GUID.test(siteId))
    throw validationError([
      { field: 'wix-site-id', description: 'must be a GUID', violatedRule: 'FORMAT', ruleName: 'GUID' },
    ]);
  const site = ctx.world.sites.get(siteId);
  if (site?.ownerAccountId !== ctx.accountId)
    throw appError(403, 'PERMISSION_DENIED', `No access to site ${siteId} in account ${ctx.accountId}`);
  if (!site.premium)
    throw appError(
      400,
      'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE',
      `Site ${siteId} has no active Premium plan; a domain can't be assigned to a free site`,
    );
  return siteId;
}

/** Product-instance codes; returns the registration length in years (the instance's billing cycle). */
export function checkProductInstance(ctx: RouteContext, instanceId: string, parsed: ParsedDomain): number {
  const { world } = ctx;
  const found = world.findInstance(instanceId);
  if (found?.pkg.accountId !== ctx.accountId)
    throw appError(400, 'PRODUCT_INSTANCE_NOT_FOUND', `No subscription found for product instance ${instanceId}`);
  const { instance } = found;
  const product = world.catalog.get(instance.catalogProductId);
  if (product?.type !== 'DOMAIN')
    throw appError(400, 'INVALID_PRODUCT_INSTANCE', `Product instance ${instanceId} doesn't include a domain benefit`);
  if (instance.status !== 'ENABLED')
    throw appError(
      400,
      'PRODUCT_INSTANCE_NOT_ACTIVE',
      `Product instance ${instanceId} is ${instance.status}, not active`,
    );
  const enabledAt = world.enabledAt.get(instanceId) ?? 0;
  if (world.clock.now() - enabledAt < world.settings.productActivationGraceMs)
    throw appError(
      400,
      'AWAITING_PRODUCT_ACTIVATION',
      `Product instance ${instanceId} was just activated; retry in a few minutes`,
    );
  if (!product.tlds.includes(parsed.tld))
    throw appError(
      400,
      'INVALID_TLD',
      `Product instance ${instanceId} grants .${product.tlds.join(', .')}, not .${parsed.tld}`,
    );
  if (!product.hasSku)
    throw appError(
      400,
      'SKU_NOT_FOUND',
      `No SKU found for product ${product.id}; the product instance is misconfigured`,
    );
  const years = registrationYears(instance, product.cycles[0]);
  if (years === undefined)
    throw appError(
      400,
      'INVALID_BILLING_CYCLE',
      `The billing cycle of product instance ${instanceId} can't be used for a registration (1, 2 or 3 years)`,
    );
  for (const rd of world.registeredDomains.values())
    if (rd.productInstanceId === instanceId && rd.status !== 'FAILED_REGISTRATION' && rd.id !== parsed.root)
      throw appError(
        400,
        'INVALID_PRODUCT_INSTANCE',
        `Product instance ${instanceId} was already used to register ${rd.id}`,
      );
  return years;
}

/** Registration length in years from the instance's cycle (else the product's first), or undefined when unusable. */
export function registrationYears(
  instance: ProductInstance,
  fallback: ProductInstance['billingInfo'],
): number | undefined {
  const cycle = (instance.billingInfo ?? fallback)?.cycleDuration;
  if (cycle?.unit !== 'YEAR' || ![1, 2, 3].includes(cycle.count)) return undefined;
  return cycle.count;
}

/** REGISTERED_DOMAIN_ALREADY_EXISTS / DOMAIN_ALREADY_TAKEN; returns the FAILED_REGISTRATION record a retry replaces. */
export function checkDomainFree(ctx: RouteContext, parsed: ParsedDomain): RegisteredDomain | undefined {
  const { world } = ctx;
  const existing = world.registeredDomains.get(parsed.root);
  if (existing && isWixRegistered(world, parsed.root)) {
    if (world.registeredOwner.get(parsed.root) === ctx.accountId)
      throw appError(
        400,
        'REGISTERED_DOMAIN_ALREADY_EXISTS',
        `A registered domain ${parsed.root} already exists (status ${existing.status})`,
      );
    throw appError(400, 'DOMAIN_ALREADY_TAKEN', `The domain ${parsed.root} is already taken`);
  }
  if (!existing && isTaken(world, parsed.root))
    throw appError(400, 'DOMAIN_ALREADY_TAKEN', `The domain ${parsed.root} is already taken`);
  return existing;
}

/** The contacts whose emails must confirm the registration with ICANN. */
export function icannEmails(contacts: Record<string, ContactData | undefined>): string[] {
  return [...new Set(Object.values(contacts).flatMap((c) => (c?.email ? [c.email] : [])))];
}
