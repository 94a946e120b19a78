import { createHash } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import { withIdempotency } from '../flows/ledger.js';
import { stableJson } from '../flows/submit.js';
import type { AccountScope } from '../scope.js';
import type { UserError } from '../schema/user-error.type.js';
import { idempotencyUserError, toUserErrorWith, type UserErrorSpec } from '../user-errors/index.js';
import { wixIdOf } from './ids.js';

/**
 * What the single-write mutations share: the account they act on (tenancy-checked before any upstream call),
 * expected failures as user errors, and once-per-key execution of paid and irreversible writes.
 */
export interface MutationPayload {
  userErrors: UserError[];
}

/** The scope of `input.accountId` (FORBIDDEN outside the tenant's reach), else the request's account. */
export async function accountScope(ctx: GatewayContext, accountId?: string | null): Promise<AccountScope> {
  return accountId ? ctx.scope(wixIdOf(accountId, 'Account', 'input.accountId')) : ctx.tenant;
}

/** Hash of a mutation's input for the ledger: the mutation name and the input without its idempotency key. */
export function mutationInputHash(mutation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256')
    .update(`${mutation}\n${stableJson(rest)}`)
    .digest('hex');
}

/**
 * Runs a mutation body; an expected failure (a Wix 4xx with a code, NOT_FOUND, FORBIDDEN from Wix) becomes a user
 * error worded by `table`, anything else (transient, internal) stays a top-level error.
 */
export async function guarded<P extends MutationPayload>(
  table: Record<string, UserErrorSpec>,
  empty: () => P,
  run: () => Promise<P>,
): Promise<P> {
  try {
    return await run();
  } catch (error) {
    const ue = toUserErrorWith(error, table);
    if (!ue) throw error;
    const payload = empty();
    payload.userErrors.push(ue);
    return payload;
  }
}

/**
 * A paid or irreversible mutation: {@link guarded}, at most once per (tenant, idempotency key). A retry with the same
 * key and input replays the first successful payload without calling Wix; a concurrent duplicate waits for it; the
 * same key with another input (or for another mutation) is IDEMPOTENCY_CONFLICT. A refused or failed attempt frees
 * the key, so a corrected retry may reuse it — except, with `holdOnUnknownOutcome`, a failure after which Wix may
 * have acted (IDEMPOTENCY_OUTCOME_UNKNOWN on a retry with the key: for writes Wix cannot deduplicate).
 */
export async function keyedMutation<P extends MutationPayload>(
  ctx: GatewayContext,
  mutation: string,
  input: { idempotencyKey: string },
  table: Record<string, UserErrorSpec>,
  empty: () => P,
  run: () => Promise<P>,
  options: { holdOnUnknownOutcome?: boolean } = {},
): Promise<P> {
  const args = {
    tenantId: ctx.tenantId,
    key: input.idempotencyKey,
    mutation,
    inputHash: mutationInputHash(mutation, input),
    waitMs: ctx.operations.idempotencyWaitMs,
    ...options,
  };
  const result = await withIdempotency(ctx.operations.store, args, async () => {
    const payload = await guarded(table, empty, run);
    return { payload, keep: payload.userErrors.length === 0 };
  });
  if (result.state === 'conflict' || result.state === 'busy' || result.state === 'unknown') {
    const payload = empty();
    payload.userErrors.push(idempotencyUserError(result));
    return payload;
  }
  return result.payload;
}
