import { ErrorCode, GatewayError } from '../errors.js';

/**
 * Idempotency of single mutations (paid or irreversible writes outside a flow): the first call with a key records
 * the input's hash and, once done, its payload; a retry with the same key and input replays that payload without
 * calling Wix again; the same key with another input is a conflict. Stored beside the operations.
 */
export type LedgerBegin =
  /** Reserved for this call; `takenOver` when the reservation of a call that died (lease expired) was taken over. */
  | { state: 'new'; takenOver?: boolean }
  | { state: 'replay'; payload: unknown }
  | { state: 'conflict'; mutation: string }
  | { state: 'in-progress' };

export interface MutationLedger {
  /** Reserves (tenant, key) for `mutation` with `inputHash`, or reports what is already there. Atomic. */
  begin(tenantId: string, key: string, mutation: string, inputHash: string): Promise<LedgerBegin>;
  /** Records the payload to replay. */
  complete(tenantId: string, key: string, payload: unknown): Promise<void>;
  /** Frees the key after a failure that changed nothing upstream (so the client may retry with it). */
  abandon(tenantId: string, key: string): Promise<void>;
}

/** What the ledger keeps for a key whose write may or may not have happened (see `holdOnUnknownOutcome`). */
const UNKNOWN_OUTCOME = '__wagOutcomeUnknown';

export type IdempotencyOutcome<T> =
  | { state: 'done' | 'replay'; payload: T }
  | { state: 'conflict'; mutation: string }
  | { state: 'busy' }
  | { state: 'unknown' };

/**
 * True for a failure after which the write may have happened at Wix: no answer in time, a connection lost, or a
 * 5xx (Wix may fail after acting). A 429 or a 4xx means Wix did not act.
 */
export function isUnknownOutcome(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    (error.code === ErrorCode.UPSTREAM_TIMEOUT || error.code === ErrorCode.UPSTREAM_UNAVAILABLE)
  );
}

/**
 * Runs `fn` once per (tenant, key): replays a completed payload, reports conflicts, and waits up to `waitMs` for a
 * concurrent identical call to finish instead of calling Wix twice (then `busy`).
 *
 * A failure frees the key, so a retry with it runs again — safe when the write carries Wix's idempotency key or
 * reconciles first. A write that can do neither (Create Account) sets `holdOnUnknownOutcome`: after a failure of
 * unknown outcome the key is kept, and a retry with it answers `unknown` instead of acting a second time.
 */
export async function withIdempotency<T>(
  ledger: MutationLedger,
  args: {
    tenantId: string;
    key: string;
    mutation: string;
    inputHash: string;
    waitMs?: number;
    holdOnUnknownOutcome?: boolean;
  },
  fn: () => Promise<{ payload: T; keep: boolean }>,
): Promise<IdempotencyOutcome<T>> {
  const deadline = Date.now() + (args.waitMs ?? 10_000);
  for (;;) {
    const begun = await ledger.begin(args.tenantId, args.key, args.mutation, args.inputHash);
    if (begun.state === 'replay')
      return isUnknownMarker(begun.payload) ? { state: 'unknown' } : { state: 'replay', payload: begun.payload as T };
    if (begun.state === 'conflict') return begun;
    if (begun.state === 'new' && begun.takenOver && args.holdOnUnknownOutcome) {
      // The call holding this key died mid-write (its reservation expired): Wix may have acted, and this write has no
      // idempotency at Wix, so it is never sent again. Wix's answers carry nothing that ties an account to the call
      // that made it (no owner e-mail in List Child Accounts or Get Account), so reading cannot tell either.
      await ledger.complete(args.tenantId, args.key, { [UNKNOWN_OUTCOME]: true });
      return { state: 'unknown' };
    }
    if (begun.state === 'new') break;
    if (Date.now() > deadline) return { state: 'busy' };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    const { payload, keep } = await fn();
    if (keep) await ledger.complete(args.tenantId, args.key, payload);
    else await ledger.abandon(args.tenantId, args.key);
    return { state: 'done', payload };
  } catch (error) {
    if (args.holdOnUnknownOutcome && isUnknownOutcome(error))
      await ledger.complete(args.tenantId, args.key, { [UNKNOWN_OUTCOME]: true });
    else await ledger.abandon(args.tenantId, args.key);
    throw error;
  }
}

function isUnknownMarker(payload: unknown): boolean {
  return Boolean(
    payload && typeof payload === 'object' && (payload as Record<string, unknown>)[UNKNOWN_OUTCOME] === true,
  );
}
