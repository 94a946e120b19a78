import type { UserErrorSpec } from './spec.js';

/**
 * Wix's error codes of the domain writes (CONTRACT §6.3, §6.6, §7.2, §7.3, §7.6, §8.3, §8.4, plus the sandbox's
 * documented extras), as user errors. Fields are relative to the mutation's `input`.
 *
 * Two Connected Domains codes are human phrases with spaces (`Invalid domain`, `Invalid connection type`, CONTRACT
 * §7.2 and §10.9); they are reported as DOMAINS_INVALID_DOMAIN and DOMAINS_INVALID_CONNECTION_TYPE (the API's own
 * DOMAINS_ prefix, and distinct from Registered Domains' INVALID_DOMAIN, which means something else). Every other
 * code is Wix's own.
 */

/** Create / Get Registered Domain (§6.3, §6.6); DOMAIN_NOT_EXPIRED is the sandbox's answer to an early Redeem. */
export const REGISTERED_DOMAIN_ERRORS: Record<string, UserErrorSpec> = {
  INVALID_DOMAIN: {
    message: "This domain can't be registered: its TLD is not supported or the name is not available.",
    field: 'domain',
  },
  DOMAIN_TOO_LONG: { message: 'The domain name (before the TLD) is longer than 63 characters.', field: 'domain' },
  DOMAIN_TOO_SHORT: { message: 'The domain name (before the TLD) is shorter than 3 characters.', field: 'domain' },
  INVALID_TLD: { message: "The product instance is for another TLD than this domain's.", field: 'productInstanceId' },
  TLD_NOT_SUPPORTED: { message: 'This TLD is not supported for Wix sites.', field: 'domain' },
  PERMISSION_DENIED: { message: 'No access to the target account, or the site is not in it.', field: null },
  CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE: {
    message:
      "The site has no active Premium plan, so a domain can't be assigned to it. Give it a Premium plan first, or register without a site.",
    field: 'siteId',
  },
  PRODUCT_INSTANCE_NOT_FOUND: {
    message: 'The account has no subscription with this product instance.',
    field: 'productInstanceId',
  },
  INVALID_PRODUCT_INSTANCE: {
    message: "The product instance doesn't include a domain registration (or its registration was already used).",
    field: 'productInstanceId',
  },
  PRODUCT_INSTANCE_NOT_ACTIVE: {
    message: 'The product instance is not active yet (or no longer).',
    field: 'productInstanceId',
  },
  AWAITING_PRODUCT_ACTIVATION: {
    message: "The product instance was just activated and can't be used yet; retry in a few minutes.",
    field: 'productInstanceId',
  },
  REGISTERED_DOMAIN_ALREADY_EXISTS: {
    message: 'The account already has a registration for this domain.',
    field: 'domain',
  },
  DOMAIN_ALREADY_TAKEN: { message: 'This domain is already taken.', field: 'domain' },
  INVALID_BILLING_CYCLE: {
    message: "The product instance's billing cycle can't be used for a registration (it must be 1, 2 or 3 years).",
    field: 'productInstanceId',
  },
  SUBDOMAIN_NOT_SUPPORTED: { message: 'Only root domains can be registered, not subdomains.', field: 'domain' },
  SKU_NOT_FOUND: {
    message: "The product instance is misconfigured on Wix's side (no SKU); contact Wix.",
    field: 'productInstanceId',
  },
  REGISTERED_DOMAIN_NOT_FOUND: { message: 'The account has no registered domain with this name.', field: 'domain' },
  DOMAIN_NOT_EXPIRED: { message: 'Only an expired registration can be redeemed.', field: 'domain' },
};

/** Create / Get / Delete Connected Domain and Setup Info (§7.2, §7.3, §7.6). */
export const CONNECTED_DOMAIN_ERRORS: Record<string, UserErrorSpec> = {
  'Invalid domain': {
    code: 'DOMAINS_INVALID_DOMAIN',
    message:
      "This domain can't be connected: it is still available for purchase (buy it first), or its domain or TLD is restricted by Wix.",
    field: 'domain',
  },
  'Invalid connection type': {
    code: 'DOMAINS_INVALID_CONNECTION_TYPE',
    message: 'A root domain needs connection type NAMESERVERS or POINTING; a subdomain takes none.',
    field: 'connectionType',
  },
  DOMAINS_GUID_NOT_VALID: { message: 'Wix found the site or account ID invalid.', field: 'siteId' },
  DOMAINS_ALREADY_EXISTS: {
    message:
      'The domain is already connected with another connection type, site or assignment. Delete that connection first.',
    field: 'domain',
  },
  DOMAINS_PERMISSION_DENIED: { message: 'No permission for this account or site.', field: null },
  DOMAINS_DOMAIN_NOT_PERMITTED: {
    message:
      'This domain is not permitted for the account (e.g. it is registered through Wix, or connected by another account).',
    field: 'domain',
  },
  INVALID_DOMAINS_PREVIEW_RECORDS: {
    message:
      "Wix could not read the domain's current DNS (A, CNAME or NS records); check its delegation at the registrar.",
    field: 'domain',
  },
  DOMAINS_GUID_NOT_FOUND: { message: 'Wix did not find the site or account.', field: 'siteId' },
  NON_PREMIUM_SITE: {
    message: "The site has no active Premium plan, so a domain can't be connected to it. Give it a Premium plan first.",
    field: 'siteId',
  },
  NOT_FOUND: { message: 'The account has no connected domain with this name.', field: 'domain' },
};

/** Update DNS Zone and the other zone methods (§8.3, §8.4); INVALID_DOMAINS_PREVIEW_RECORDS is the sandbox's Preview answer for an undelegated domain. */
export const DNS_ZONE_ERRORS: Record<string, UserErrorSpec> = {
  USER_ID_NOT_FOUND: { message: "Wix found no user for the gateway's API key.", field: null },
  TARGET_ACCOUNT_NOT_FOUND: { message: 'Wix did not find the target account.', field: 'accountId' },
  DOMAIN_NOT_PERMITTED: {
    message:
      'Wix manages no DNS zone for this domain in the account: only domains registered through Wix and domains connected by NAMESERVERS have one (not POINTING connections or subdomains).',
    field: 'domain',
  },
  DOMAIN_DNS_EMPTY_RECORD_VALUE: { message: 'A record has no value.', field: 'additions' },
  DOMAIN_MX_RECORD_VALUE_INVALID: {
    message:
      'An MX value is not "<priority> <host>", or the zone already has a record of that type and host name (delete it in the same call, and put all its values into one record).',
    field: 'additions',
  },
  DOMAIN_CNAME_RECORD_HOSTNAME_INVALID: {
    message: 'A CNAME host name must be a name under the domain (e.g. www.example.com), not the domain itself.',
    field: 'additions',
  },
  DOMAINS_PERMISSION_DENIED: { message: 'No permission for this account or domain.', field: null },
  DNS_ZONE_NOT_FOUND: {
    message: 'The domain has no DNS zone yet (e.g. its registration is still pending).',
    field: 'domain',
  },
  DOMAIN_ALREADY_EXISTS: { message: 'A zone already covers this domain.', field: 'domain' },
  INVALID_DOMAINS_PREVIEW_RECORDS: {
    message:
      "Wix could not read the domain's current DNS (A, CNAME or NS records); check its delegation at the registrar.",
    field: 'domain',
  },
};
