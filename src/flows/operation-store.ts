import type { OperationRecord } from './operation.js';

/**
 * Where operations live. The embedded SQLite store is the default; a Redis store for several gateway instances can
 * implement the same interface (`create` must be atomic on (upstream, tenant, idempotencyKey), `claim` must be a lease).
 * A store is bound to the upstream it serves: rows made against another upstream (another sandbox world) are
 * invisible to every method but `prune`.
 */
export interface OperationStore {
  /**
   * Inserts `record` unless an operation with the same tenant and idempotency key exists; returns the stored one
   * and whether it was created by this call. Atomic: ten concurrent creates with one key store one operation.
   */
  create(record: OperationRecord): Promise<{ record: OperationRecord; created: boolean }>;
  get(id: string): Promise<OperationRecord | undefined>;
  /** Saves a new version; fails (returns false) when someone else saved in between. */
  save(record: OperationRecord): Promise<boolean>;
  /**
   * Takes (or renews) the lease to run an operation for `ms`; false when another runner holds a live lease.
   * Lets a restarted or second gateway pick up operations whose runner died.
   */
  claim(id: string, owner: string, ms: number): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
  /** Unfinished operations (to resume at start-up), oldest first, at most `limit`. */
  listUnfinished(limit: number): Promise<OperationRecord[]>;
  /**
   * Deletes finished operations (and ledger entries) older than the cutoffs; unfinished operations are never pruned.
   * Returns how many rows went.
   */
  prune(cutoffs: PruneCutoffs): Promise<PruneCounts>;
  /** Throws unless the store can be written now (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What the retention keeps: finished operations finished after, and ledger entries made after, these instants. */
export interface PruneCutoffs {
  finishedOperationsBefore: Date;
  ledgerEntriesBefore: Date;
}

export interface PruneCounts {
  operations: number;
  ledger: number;
}
