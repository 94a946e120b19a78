import type { z } from 'zod/v4';
import type { BillingInfoInput, NewProductInstance } from '../contract/resellers.js';
import { appError } from '../errors.js';
import type { RouteContext } from '../router.js';
import type { BillingInfo } from '../types.js';

/**
 * What the reseller writes share once their body has passed its contract schema (contract/resellers.ts, validated by
 * the router): the request's billing cycle and products in the store's terms, and the `idempotencyKey` handling.
 * Business rules (428/404 application errors) live in resellers-rules.ts.
 */

/** Sandbox choice (UNCONFIRMED): the code of a reused idempotency key whose request differs from the first one. */
export const IDEMPOTENCY_CONFLICT = { status: 409, code: 'IDEMPOTENCY_KEY_REUSED' } as const;

/**
 * A validated `billingInfo` as the store keeps it (a missing `cycleDuration.count` means 1). Whether the cycle makes
 * sense for a product is judged later (INVALID_BILLING_CYCLE / INCOMPATIBLE_BILLING_CYCLE).
 */
export function billingOf(input: z.output<typeof BillingInfoInput> | null | undefined): BillingInfo | undefined {
  if (!input) return undefined;
  const cycle = input.cycleDuration;
  return cycle ? { type: input.type, cycleDuration: { unit: cycle.unit, count: cycle.count } } : { type: input.type };
}

/** One entry of Create Package V2's `products`, validated. */
export interface ProductRequest {
  index: number;
  catalogProductId?: string;
  siteId?: string;
  countryCode: string;
  billingInfo?: BillingInfo;
  discountCode?: string;
  referenceProductInstanceId?: string;
}

/** The validated `products` of Create Package V2 in the store's terms (empty strings are absent fields). */
export function productRequests(products: Array<z.output<typeof NewProductInstance>>): ProductRequest[] {
  return products.map((p, index) => ({
    index,
    catalogProductId: p.catalogProductId ?? undefined,
    siteId: p.siteId || undefined,
    countryCode: p.countryCode.toUpperCase(),
    billingInfo: billingOf(p.billingInfo),
    discountCode: p.discountCode ?? undefined,
    referenceProductInstanceId: p.referenceProductInstanceId || undefined,
  }));
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
  // The body passed its contract schema: idempotencyKey is absent, null or a string of at most 200 characters.
  const key = typeof ctx.body.idempotencyKey === 'string' ? ctx.body.idempotencyKey : undefined;
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
