import type { GatewayContext } from '../context.js';
import { withIdempotency } from '../flows/ledger.js';
import type { UserError } from '../schema/user-error.type.js';
import { idempotencyUserError, toUserErrorWith, type UserErrorSpec } from '../user-errors/index.js';
import { mutationInputHash } from './idempotent-mutation.js';

/**
 * How the domain and DNS mutations run one Wix write: optionally under the mutation ledger (a client retry with the
 * same key and input replays the first result without calling Wix; another input is a conflict), with Wix's business
 * refusals turned into user errors (transient and internal failures stay top-level errors, and free the key).
 *
 * The ledger keeps only a small plain record of what was written (`Stored`, e.g. the domain name); the payload is
 * rebuilt from it by reading the graph's objects, so a replay shows current state rather than a stale copy.
 */
export interface DomainWrite<Stored, Payload extends { userErrors: UserError[] }> {
  /** The mutation's name (ledger records are bound to it). */
  mutation: string;
  /** The normalised input the key is bound to (account included). */
  input: Record<string, unknown>;
  /** The client's idempotency key; without one the write simply runs. */
  key?: string | null;
  /** The Wix codes of the API, with the input field each concerns. */
  errors: Record<string, UserErrorSpec>;
  /** Calls Wix; returns the plain record a replay rebuilds the payload from. */
  write: () => Promise<Stored>;
  /** The payload of a write that happened (now or in an earlier call with the key). */
  present: (stored: Stored) => Promise<Payload>;
  /** The payload of a refused write (no result, no user errors yet). */
  empty: () => Payload;
}

/** Runs a domain write (see {@link DomainWrite}). */
export async function runDomainWrite<Stored, Payload extends { userErrors: UserError[] }>(
  ctx: GatewayContext,
  w: DomainWrite<Stored, Payload>,
): Promise<Payload> {
  const refused = (ue: UserError): Payload => {
    const payload = w.empty();
    payload.userErrors.push(ue);
    return payload;
  };
  let stored: Stored;
  try {
    if (!w.key) stored = await w.write();
    else {
      const outcome = await withIdempotency(
        ctx.operations.store,
        {
          tenantId: ctx.tenantId,
          key: w.key,
          mutation: w.mutation,
          inputHash: mutationInputHash(w.mutation, w.input),
          waitMs: ctx.operations.idempotencyWaitMs,
        },
        async () => ({ payload: await w.write(), keep: true }),
      );
      if (outcome.state === 'conflict' || outcome.state === 'busy' || outcome.state === 'unknown')
        return refused(idempotencyUserError(outcome));
      stored = outcome.payload;
    }
  } catch (error) {
    const ue = toUserErrorWith(error, w.errors);
    if (!ue) throw error;
    return refused(ue);
  }
  return w.present(stored);
}
