/**
 * Idempotency of single mutations (paid or irreversible writes outside a flow): the first call with a key records
 * the input's hash and, once done, its payload; a retry with the same key and input replays that payload without
 * calling Wix again; the same key with another input is a conflict. Stored beside the operations.
 */
export type LedgerBegin =
  | { state: 'new' }
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

/**
 * Runs `fn` once per (tenant, key): replays a completed payload, reports conflicts, and waits briefly for a
 * concurrent identical call to finish instead of calling Wix twice.
 */
export async function withIdempotency<T>(
  ledger: MutationLedger,
  args: { tenantId: string; key: string; mutation: string; inputHash: string; waitMs?: number },
  fn: () => Promise<{ payload: T; keep: boolean }>,
): Promise<{ state: 'done' | 'replay'; payload: T } | { state: 'conflict'; mutation: string } | { state: 'busy' }> {
  const deadline = Date.now() + (args.waitMs ?? 10_000);
  for (;;) {
    const begun = await ledger.begin(args.tenantId, args.key, args.mutation, args.inputHash);
    if (begun.state === 'replay') return { state: 'replay', payload: begun.payload as T };
    if (begun.state === 'conflict') return begun;
    if (begun.state === 'new') break;
    if (Date.now() > deadline) return { state: 'busy' };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    const { payload, keep } = await fn();
    if (keep) await ledger.complete(args.tenantId, args.key, payload);
    else await ledger.abandon(args.tenantId, args.key);
    return { state: 'done', payload };
  } catch (error) {
    await ledger.abandon(args.tenantId, args.key);
    throw error;
  }
}
