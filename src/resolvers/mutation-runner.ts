import type { GatewayContext } from '../context.js';
import { mutationInputHash } from '../idempotency/hash.js';
import { withIdempotency } from '../idempotency/ledger.js';
import type { UserError } from '../schema/user-error.type.js';
import { idempotencyUserError, toUserErrorWith, type UserErrorSpec } from '../user-errors/index.js';

/** Every mutation payload: its result fields and the user errors of a refused write. */
export interface MutationPayload {
  userErrors: UserError[];
}

/**
 * One single-write mutation (not a flow), as every mutation resolver runs it through {@link runMutation}.
 * With a `key`, the write runs at most once per (tenant, key): a retry with the same key and input replays what the
 * first successful call recorded without calling Wix; a concurrent duplicate waits for it; the same key with another
 * input (or for another mutation) is IDEMPOTENCY_CONFLICT. A refused or failed attempt frees the key, so a corrected
 * retry may reuse it — except, with `holdOnUnknownOutcome`, a failure after which Wix may have acted (a retry then
 * answers IDEMPOTENCY_OUTCOME_UNKNOWN: for writes Wix cannot deduplicate, such as Create Account).
 */
export interface MutationRun<Stored, P extends MutationPayload> {
  /** The mutation's name (ledger records are bound to it). */
  mutation: string;
  /** The client's idempotency key; without one the write simply runs. */
  key?: string | null;
  /** The normalised input the key is bound to (its `idempotencyKey` member, if any, is left out of the hash). */
  input?: object;
  /** The Wix codes of the API, worded for the client with the input field each concerns. */
  errors: Record<string, UserErrorSpec>;
  /** The payload of a refused write (no result, no user errors yet). */
  empty: () => P;
  /** Calls Wix; returns what the ledger keeps (a small plain record, or the payload itself when there is no `present`). */
  write: () => Promise<Stored>;
  /**
   * The payload of a write that happened (now or in an earlier call with the key), rebuilt from what was kept, so a
   * replay shows current state rather than a stale copy. Without it the kept value is the payload.
   */
  present?: (stored: Stored) => P | Promise<P>;
  holdOnUnknownOutcome?: boolean;
}

/**
 * Runs a single mutation: optionally under the ledger (see {@link MutationRun}), with Wix's business refusals (a Wix
 * 4xx with a code, NOT_FOUND, FORBIDDEN) turned into user errors worded by `errors`; transient and internal failures
 * stay top-level errors (and free the key).
 */
export async function runMutation<Stored, P extends MutationPayload>(
  ctx: GatewayContext,
  run: MutationRun<Stored, P>,
): Promise<P> {
  const present = run.present ?? ((stored: Stored) => stored as unknown as P);
  const refused = (ue: UserError): P => {
    const payload = run.empty();
    payload.userErrors.push(ue);
    return payload;
  };
  let stored: Stored;
  try {
    if (!run.key) stored = await run.write();
    else {
      const outcome = await withIdempotency(
        ctx.operations.ledger,
        {
          tenantId: ctx.tenantId,
          key: run.key,
          mutation: run.mutation,
          inputHash: mutationInputHash(run.mutation, run.input ?? {}),
          waitMs: ctx.operations.idempotencyWaitMs,
          holdOnUnknownOutcome: run.holdOnUnknownOutcome,
        },
        async () => {
          const written = await run.write();
          return { payload: written, keep: !hasUserErrors(written) };
        },
      );
      if (outcome.state === 'conflict' || outcome.state === 'busy' || outcome.state === 'unknown')
        return refused(idempotencyUserError(outcome));
      stored = outcome.payload;
    }
  } catch (error) {
    const ue = toUserErrorWith(error, run.errors);
    if (!ue) throw error;
    return refused(ue);
  }
  return present(stored);
}

/** A payload that carries user errors is a refusal: the ledger does not keep it, so the key stays free. */
function hasUserErrors(value: unknown): boolean {
  const errors = (value as Partial<MutationPayload> | null)?.userErrors;
  return Array.isArray(errors) && errors.length > 0;
}
