import type { UserErrorSpec } from './spec.js';

/**
 * User errors of the Resellers API (CONTRACT §1.13), Transfer Site (§2) and Create Account (§4), plus the codes the
 * sandbox documents where Wix is silent (reference-instance misuse, PACKAGE_NOT_FOUND, IDEMPOTENCY_KEY_REUSED,
 * EMAIL_ALREADY_EXISTS). Fields are relative to the mutation's `input`. One Wix code can concern different fields in
 * different mutations (SITE_NOT_FOUND is about `products` in createPackage, `siteId` in transferSite), so each
 * mutation maps with its own table; all are also in the shared tables of `toUserError` (shared-tables.ts).
 */
export type UserErrorTable = Record<string, UserErrorSpec>;

const spec = (message: string, field: string | null): UserErrorSpec => ({ message, field });

/** Create Package V2 (and the defaults of every reseller write). */
export const RESELLER_ERRORS: UserErrorTable = {
  PRODUCT_NOT_FOUND: spec('The product catalog has no product with this ID.', 'products'),
  ACCOUNT_NOT_FOUND: spec('Wix does not know the account.', 'accountId'),
  PRODUCT_LIMIT_EXCEEDED: spec('The account has reached the limit of instances of this product.', 'products'),
  PRODUCT_SETTINGS_NOT_FOUND: spec(
    "This product is not set up for reselling on Wix's side (no cancel or notification settings); ask Wix B2B sales.",
    'products',
  ),
  MISSING_BILLING_CYCLE: spec('The product offers several billing cycles: choose one with `billing`.', 'products'),
  INCOMPATIBLE_BILLING_CYCLE: spec('The product does not offer this billing cycle.', 'products'),
  INVALID_BILLING_CYCLE: spec('This billing is not a valid cycle for the product.', 'products'),
  INVALID_PRODUCTS: spec('Some of the products cannot be resold.', 'products'),
  MULTIPLE_PRODUCT_ASSIGNMENTS: spec(
    'These products cannot go to the same site in one request: a site holds one product of each type.',
    'products',
  ),
  PRODUCT_TYPE_ALREADY_ASSIGNED: spec(
    'The site already has a product of this type; cancel or move that one first.',
    'products',
  ),
  PRODUCT_NOT_SUPPORTED_ON_SITE: spec(
    'The site cannot take this product (for example, it needs a Premium plan first).',
    'products',
  ),
  SITE_NOT_FOUND: spec('The site does not belong to the account the product is for.', 'products'),
  REFERENCE_PRODUCT_INSTANCE_NOT_FOUND: spec(
    'The reference product instance does not exist in this account tree.',
    'products',
  ),
  REFERENCE_PRODUCT_INSTANCE_ALREADY_USED: spec(
    'The reference product instance was already used for a free add-on; each instance can be a reference only once.',
    'products',
  ),
  INVALID_REFERENCE_PRODUCT_INSTANCE: spec(
    'The reference product instance cannot entitle this product (wrong product, status, or coverage).',
    'products',
  ),
  IDEMPOTENCY_KEY_REUSED: spec(
    'Wix already saw this idempotency key with a different request; use a new key.',
    'idempotencyKey',
  ),
  PACKAGE_NOT_FOUND: spec('The package does not exist or does not belong to the account.', 'packageId'),
  PRODUCT_INSTANCE_NOT_FOUND: spec(
    'The product instance does not exist or does not belong to the account.',
    'productInstanceId',
  ),
  INCOMPATIBLE_PRODUCT_INSTANCE_STATUS: spec(
    "The product instance's status does not allow this change.",
    'productInstanceId',
  ),
  INCOMPATIBLE_PRODUCT: spec("The new product is not of the same product type as the instance's.", 'catalogProductId'),
  MISSING_PRODUCT_DETAILS: spec(
    'A new catalogProductId or billing is required, and RECURRING billing needs its cycle.',
    'billing',
  ),
  PERMISSION_DENIED: spec("The gateway's Wix API key may not act on this account.", 'accountId'),
  INVALID_ARGUMENT: spec('Wix rejected a value of the request as invalid.', null),
};

/** Adjust Product Instance Specifications: the product and cycle codes concern the new product or billing. */
export const ADJUST_ERRORS: UserErrorTable = withFields(RESELLER_ERRORS, {
  PRODUCT_NOT_FOUND: 'catalogProductId',
  PRODUCT_LIMIT_EXCEEDED: 'catalogProductId',
  PRODUCT_SETTINGS_NOT_FOUND: 'catalogProductId',
  INVALID_PRODUCTS: 'catalogProductId',
  PRODUCT_NOT_SUPPORTED_ON_SITE: 'catalogProductId',
  PRODUCT_TYPE_ALREADY_ASSIGNED: 'catalogProductId',
  MULTIPLE_PRODUCT_ASSIGNMENTS: 'catalogProductId',
  MISSING_BILLING_CYCLE: 'billing',
  INCOMPATIBLE_BILLING_CYCLE: 'billing',
  INVALID_BILLING_CYCLE: 'billing',
});

/** Assign (and reassign): the site codes concern `siteId`. */
export const ASSIGN_ERRORS: UserErrorTable = withFields(RESELLER_ERRORS, {
  SITE_NOT_FOUND: 'siteId',
  PRODUCT_TYPE_ALREADY_ASSIGNED: 'siteId',
  PRODUCT_NOT_SUPPORTED_ON_SITE: 'siteId',
});

/** Transfer Site (CONTRACT §2). */
export const TRANSFER_ERRORS: UserErrorTable = {
  TARGET_ACCOUNT_ID_NOT_FOUND: spec('Wix does not know the target account.', 'targetAccountId'),
  SITE_TRANSFER_NOT_ALLOWED: spec('Wix does not allow transferring sites between these accounts.', 'targetAccountId'),
  SITE_NOT_FOUND: spec('The site is not in the source account.', 'siteId'),
  SITE_TRANSFER_NOT_SUPPORTED: spec(
    'The site has paid Wix services (a Premium plan or other products): cancel them, transfer the site, then buy them again for the new owner.',
    'siteId',
  ),
  PERMISSION_DENIED: spec("The gateway's Wix API key may not act on this account.", 'targetAccountId'),
  INVALID_ARGUMENT: spec('Wix rejected a value of the request as invalid.', null),
};

/** Create Account (CONTRACT §4.1). */
export const ACCOUNT_ERRORS: UserErrorTable = {
  EMAIL_ALREADY_EXISTS: spec('An account owned by this email address already exists.', 'email'),
  ACCOUNT_NOT_FOUND: spec('Wix does not know the parent account.', null),
  PERMISSION_DENIED: spec("The gateway's Wix API key may not create accounts here.", null),
  INVALID_ARGUMENT: spec('Wix rejected a value of the request as invalid.', null),
};

/** A copy of `table` with other fields for some codes. */
export function withFields(table: UserErrorTable, fields: Record<string, string | null>): UserErrorTable {
  const out: UserErrorTable = { ...table };
  for (const [code, field] of Object.entries(fields)) {
    const entry = table[code];
    if (entry) out[code] = { ...entry, field };
  }
  return out;
}
