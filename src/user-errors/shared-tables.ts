import { CONNECTED_DOMAIN_ERRORS, DNS_ZONE_ERRORS, REGISTERED_DOMAIN_ERRORS } from './domains.js';
import { ACCOUNT_ERRORS, RESELLER_ERRORS, TRANSFER_ERRORS } from './resellers.js';
import { ASSIGNMENT_ERRORS, FOLDER_ERRORS, PUBLISH_ERRORS } from './sites.js';
import type { UserErrorSpec } from './spec.js';

/**
 * Codes other Wix APIs use too, with other fields and meanings: kept out of the shared tables (where the first table
 * that knows a code wins) so that they never relabel another API's error; toUserErrorWith still maps them.
 */
const GENERIC_CODES = new Set(['NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_BILLING_CYCLE']);
const domainOnly = (table: Record<string, UserErrorSpec>) =>
  Object.fromEntries(Object.entries(table).filter(([code]) => !GENERIC_CODES.has(code)));

/**
 * The tables the shared `toUserError` words Wix codes with, in order: the first table that knows a code wins. Listed
 * here rather than registered by each table's module on import, so the order is written down: the domain tables come
 * first (PRODUCT_INSTANCE_NOT_FOUND reads as the domain registration's wording), as they did at run time before.
 */
export const SHARED_USER_ERROR_TABLES: ReadonlyArray<Record<string, UserErrorSpec>> = [
  domainOnly(REGISTERED_DOMAIN_ERRORS),
  domainOnly(CONNECTED_DOMAIN_ERRORS),
  domainOnly(DNS_ZONE_ERRORS),
  RESELLER_ERRORS,
  TRANSFER_ERRORS,
  ACCOUNT_ERRORS,
  FOLDER_ERRORS,
  PUBLISH_ERRORS,
  ASSIGNMENT_ERRORS,
];
