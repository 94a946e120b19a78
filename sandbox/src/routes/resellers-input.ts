import { appError, invalidField, validationError, type FieldViolation } from '../errors.js';
import type { RouteContext } from '../router.js';
import type { BillingInfo, CycleUnit } from '../types.js';

/**
 * Input parsing shared by the reseller writes: field-shape checks answer 400 validation errors (CONTRACT §0.2);
 * business rules (428/404 application errors) live in resellers-rules.ts. Also the `idempotencyKey` handling.
 */
const BILLING_TYPES = ['UNKNOWN', 'ONE_TIME', 'RECURRING'] as const;
const CYCLE_UNITS: readonly CycleUnit[] = ['UNKNOWN', 'DAY', 'WEEK', 'MONTH', 'YEAR'];
export const MAX_EXTERNAL_ID = 100;
export const MAX_DISCOUNT_CODE = 25;
export const MAX_PRODUCTS = 1000;

/** Sandbox choice (UNCONFIRMED): the code of a reused idempotency key whose request differs from the first one. */
export const IDEMPOTENCY_CONFLICT = { status: 409, code: 'IDEMPOTENCY_KEY_REUSED' } as const;

/** An optional string field: undefined when absent, else a string of at most `max` characters. */
export function optionalString(value: unknown, field: string, max?: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(field, 'must be a string', 'FORMAT');
  if (max !== undefined && value.length > max) throw invalidField(field, `must be at most ${max} characters`, 'MAX');
  return value;
}

/**
 * Reads a `billingInfo` (ProductInstanceCycle). Shape errors are 400s; whether the cycle makes sense for a product
 * is judged later (INVALID_BILLING_CYCLE / INCOMPATIBLE_BILLING_CYCLE). A missing `cycleDuration.count` means 1.
 */
export function parseBilling(value: unknown, field: string): BillingInfo | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidField(field, 'must be an object', 'FORMAT');
  const raw = value as { type?: unknown; cycleDuration?: unknown };
  if (raw.type === undefined) throw invalidField(`${field}.type`, 'is required', 'REQUIRED_FIELD');
  if (!BILLING_TYPES.includes(raw.type as never))
    throw invalidField(`${field}.type`, `must be one of ${BILLING_TYPES.join(', ')}`, 'FORMAT');
  const billing: BillingInfo = { type: raw.type as BillingInfo['type'] };
  if (raw.cycleDuration === undefined || raw.cycleDuration === null) return billing;
  if (typeof raw.cycleDuration !== 'object' || Array.isArray(raw.cycleDuration))
    throw invalidField(`${field}.cycleDuration`, 'must be an object', 'FORMAT');
  const { unit, count } = raw.cycleDuration as { unit?: unknown; count?: unknown };
  if (unit !== undefined && !CYCLE_UNITS.includes(unit as CycleUnit))
    throw invalidField(`${field}.cycleDuration.unit`, `must be one of ${CYCLE_UNITS.join(', ')}`, 'FORMAT');
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count)))
    throw invalidField(`${field}.cycleDuration.count`, 'must be an integer', 'FORMAT');
  billing.cycleDuration = { unit: (unit as CycleUnit | undefined) ?? 'UNKNOWN', count: count ?? 1 };
  return billing;
}

/** One entry of Create Package V2's `products`, shape-checked. */
export interface ProductRequest {
  index: number;
  catalogProductId?: string;
  siteId?: string;
  countryCode: string;
  billingInfo?: BillingInfo;
  discountCode?: string;
  referenceProductInstanceId?: string;
}

/** Reads and shape-checks `products` (1..1000 entries; `countryCode` required in each); all violations at once. */
export function parseProducts(value: unknown): ProductRequest[] {
  if (value === undefined || value === null) throw invalidField('products', 'is required', 'REQUIRED_FIELD');
  if (!Array.isArray(value)) throw invalidField('products', 'must be an array', 'FORMAT');
  if (value.length < 1) throw invalidField('products', 'must contain at least 1 product', 'MIN');
  if (value.length > MAX_PRODUCTS)
    throw invalidField('products', `must contain at most ${MAX_PRODUCTS} products`, 'MAX');
  const violations: FieldViolation[] = [];
  const products = value.map((entry, index) => {
    const field = `products[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      throw invalidField(field, 'must be an object', 'FORMAT');
    const p = entry as Record<string, unknown>;
    const countryCode = p.countryCode;
    if (countryCode === undefined || countryCode === null || countryCode === '')
      violations.push({ field: `${field}.countryCode`, description: 'is required', violatedRule: 'REQUIRED_FIELD' });
    else if (typeof countryCode !== 'string' || !/^[A-Za-z]{2}$/.test(countryCode))
      violations.push({
        field: `${field}.countryCode`,
        description: 'must be an ISO-3166 alpha-2 country code',
        violatedRule: 'FORMAT',
      });
    const product: ProductRequest = {
      index,
      catalogProductId: optionalString(p.catalogProductId, `${field}.catalogProductId`),
      siteId: optionalString(p.siteId, `${field}.siteId`) || undefined,
      countryCode: typeof countryCode === 'string' ? countryCode.toUpperCase() : '',
      billingInfo: parseBilling(p.billingInfo, `${field}.billingInfo`),
      discountCode: optionalString(p.discountCode, `${field}.discountCode`, MAX_DISCOUNT_CODE),
      referenceProductInstanceId:
        optionalString(p.referenceProductInstanceId, `${field}.referenceProductInstanceId`) || undefined,
    };
    return product;
  });
  if (violations.length > 0) throw validationError(violations);
  return products;
}

/** JSON with sorted keys, so that two bodies with the same content compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a reseller write under its optional `idempotencyKey` (CONTRACT §0.4, dedup semantics UNCONFIRMED; sandbox
 * choice): the key is scoped to (wix-account-id, operation); a repeat with the same path and body answers the first
 * (successful) response again without acting; the same key with a different request is refused with
 * {@link IDEMPOTENCY_CONFLICT}. Failed attempts are not remembered, so a corrected retry may reuse the key.
 * The key is echoed as the first field of the response.
 */
export function idempotent(
  ctx: RouteContext,
  operation: string,
  act: () => Record<string, unknown>,
): Record<string, unknown> {
  const key = optionalString(ctx.body.idempotencyKey, 'idempotencyKey', 200);
  if (key === undefined) return act();
  const slot = `${ctx.accountId}|${operation}|${key}`;
  const fingerprint = stableJson({ params: ctx.params, body: ctx.body });
  const previous = ctx.world.idempotency.get(slot);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw appError(
        IDEMPOTENCY_CONFLICT.status,
        IDEMPOTENCY_CONFLICT.code,
        `Idempotency key ${key} was already used for a different ${operation} request`,
        { idempotencyKey: key },
      );
    }
    return structuredClone(previous.response) as Record<string, unknown>;
  }
  const response = { idempotencyKey: key, ...act() };
  // A snapshot: the stored objects keep changing (activation, cancel) but a replay answers what was answered.
  ctx.world.idempotency.set(slot, { fingerprint, response: JSON.parse(JSON.stringify(response)) as unknown });
  return response;
}
