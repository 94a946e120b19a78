import type { LedgerBegin, MutationLedger } from '../idempotency/ledger.js';
import { isConnectionFailure, type SharedPgPool } from '../stores/pg-pool.js';
import type { OperationRecord } from './operation.js';
import type { OperationStore, PruneCutoffs, PruneCounts } from './operation-store.js';

/** A ledger reservation older than this without a payload belongs to a call that died (default). */
const STALE_RESERVATION_MS = 60_000;

export interface PgStoreOptions {
  /** The upstream rows are bound to (see SqliteOperationStore); '' when omitted. */
  upstream?: () => string;
  /** After how long a ledger reservation without a payload is taken to belong to a call that died. */
  staleReservationMs?: number;
}

/**
 * The operation store and mutation ledger in PostgreSQL (DATABASE_URL), for several gateway instances: the same
 * behaviour as SqliteOperationStore, row for row. Create-by-key is atomic by the unique (upstream, tenant, key)
 * constraint (INSERT … ON CONFLICT DO NOTHING); saves are optimistic on `version`; a lease is taken on a row locked
 * with `FOR UPDATE SKIP LOCKED` and timed by the database's clock, so instances on machines whose clocks differ agree
 * on when it expires. The tables come from pg-migrations.ts.
 */
export class PgOperationStore implements OperationStore, MutationLedger {
  private readonly upstream: () => string;
  private readonly staleReservationMs: number;
  private closed = false;

  constructor(
    private readonly shared: SharedPgPool,
    options: PgStoreOptions = {},
  ) {
    shared.acquire();
    this.upstream = options.upstream ?? (() => '');
    this.staleReservationMs = options.staleReservationMs ?? STALE_RESERVATION_MS;
  }

  private get pool() {
    return this.shared.pool;
  }

  async create(record: OperationRecord): Promise<{ record: OperationRecord; created: boolean }> {
    const upstream = this.upstream();
    const inserted = await this.pool.query(
      `INSERT INTO operations (id, upstream, tenant_id, idempotency_key, status, finished, created_at, version, record)
       VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8)
       ON CONFLICT (upstream, tenant_id, idempotency_key) DO NOTHING`,
      [
        record.id,
        upstream,
        record.tenantId,
        record.idempotencyKey,
        record.status,
        record.createdAt,
        record.version,
        JSON.stringify(record),
      ],
    );
    if (inserted.rowCount === 1) return { record, created: true };
    const { rows } = await this.pool.query<{ record: OperationRecord }>(
      'SELECT record FROM operations WHERE upstream = $1 AND tenant_id = $2 AND idempotency_key = $3',
      [upstream, record.tenantId, record.idempotencyKey],
    );
    if (!rows[0]) throw new Error('operation store: conflicting insert vanished');
    return { record: rows[0].record, created: false };
  }

  async get(id: string): Promise<OperationRecord | undefined> {
    const { rows } = await this.pool.query<{ record: OperationRecord }>(
      'SELECT record FROM operations WHERE id = $1 AND upstream = $2',
      [id, this.upstream()],
    );
    return rows[0]?.record;
  }

  async save(record: OperationRecord): Promise<boolean> {
    const next = { ...record, version: record.version + 1 };
    const result = await this.pool.query(
      `UPDATE operations SET status = $1, finished = $2, finished_at = $3, version = $4, record = $5
       WHERE id = $6 AND version = $7`,
      [
        next.status,
        Boolean(next.finishedAt),
        next.finishedAt,
        next.version,
        JSON.stringify(next),
        record.id,
        record.version,
      ],
    );
    if (result.rowCount === 1) record.version = next.version;
    return result.rowCount === 1;
  }

  async claim(id: string, owner: string, ms: number): Promise<boolean> {
    // The row is locked for the update; a runner that finds it locked by another claim skips it (false) instead of
    // waiting for that claim to commit.
    const result = await this.pool.query(
      `UPDATE operations SET lease_owner = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE id = (SELECT id FROM operations WHERE id = $1
                     AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < clock_timestamp())
                   FOR UPDATE SKIP LOCKED)`,
      [id, owner, ms],
    );
    return result.rowCount === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.pool.query(
      'UPDATE operations SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2',
      [id, owner],
    );
  }

  async listUnfinished(limit: number): Promise<OperationRecord[]> {
    const { rows } = await this.pool.query<{ record: OperationRecord }>(
      'SELECT record FROM operations WHERE NOT finished AND upstream = $1 ORDER BY created_at LIMIT $2',
      [this.upstream(), limit],
    );
    return rows.map((r) => r.record);
  }

  async begin(tenantId: string, key: string, mutation: string, inputHash: string): Promise<LedgerBegin> {
    const upstream = this.upstream();
    const inserted = await this.pool.query(
      `INSERT INTO mutation_ledger (upstream, tenant_id, idempotency_key, mutation, input_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [upstream, tenantId, key, mutation, inputHash, new Date()],
    );
    if (inserted.rowCount === 1) return { state: 'new' };
    const { rows } = await this.pool.query<{ mutation: string; input_hash: string; payload: string | null }>(
      `SELECT mutation, input_hash, payload FROM mutation_ledger
       WHERE upstream = $1 AND tenant_id = $2 AND idempotency_key = $3`,
      [upstream, tenantId, key],
    );
    const row = rows[0];
    if (!row) return this.begin(tenantId, key, mutation, inputHash);
    if (row.mutation !== mutation || row.input_hash !== inputHash) return { state: 'conflict', mutation: row.mutation };
    if (row.payload !== null) return { state: 'replay', payload: JSON.parse(row.payload) as unknown };
    // A reservation whose process died: take it over (one taker: the UPDATE re-checks the row under its lock).
    const now = Date.now();
    const taken = await this.pool.query(
      `UPDATE mutation_ledger SET created_at = $1
       WHERE upstream = $2 AND tenant_id = $3 AND idempotency_key = $4 AND payload IS NULL AND created_at < $5`,
      [new Date(now), upstream, tenantId, key, new Date(now - this.staleReservationMs)],
    );
    return taken.rowCount === 1 ? { state: 'new', takenOver: true } : { state: 'in-progress' };
  }

  async complete(tenantId: string, key: string, payload: unknown): Promise<void> {
    await this.pool.query(
      'UPDATE mutation_ledger SET payload = $1 WHERE upstream = $2 AND tenant_id = $3 AND idempotency_key = $4',
      [JSON.stringify(payload) ?? null, this.upstream(), tenantId, key],
    );
  }

  async abandon(tenantId: string, key: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM mutation_ledger
       WHERE upstream = $1 AND tenant_id = $2 AND idempotency_key = $3 AND payload IS NULL`,
      [this.upstream(), tenantId, key],
    );
  }

  async prune(cutoffs: PruneCutoffs): Promise<PruneCounts> {
    const operations = await this.pool.query(
      'DELETE FROM operations WHERE finished AND COALESCE(finished_at, created_at) < $1',
      [cutoffs.finishedOperationsBefore],
    );
    const ledger = await this.pool.query('DELETE FROM mutation_ledger WHERE created_at < $1', [
      cutoffs.ledgerEntriesBefore,
    ]);
    return { operations: operations.rowCount ?? 0, ledger: ledger.rowCount ?? 0 };
  }

  async ping(): Promise<void> {
    await this.pool
      .query('INSERT INTO store_probe (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = excluded.at')
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : 'unknown';
        throw new Error(`PostgreSQL ${isConnectionFailure(error) ? 'unreachable' : 'refused the write'}: ${reason}`);
      });
  }

  /** Rows kept (all upstreams), for the retention test and an operator's look. */
  async count(): Promise<{ operations: number; ledger: number }> {
    const { rows } = await this.pool.query<{ operations: string; ledger: string }>(
      'SELECT (SELECT COUNT(*) FROM operations) AS operations, (SELECT COUNT(*) FROM mutation_ledger) AS ledger',
    );
    return { operations: Number(rows[0]?.operations ?? 0), ledger: Number(rows[0]?.ledger ?? 0) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.shared.release();
  }
}
