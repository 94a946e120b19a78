import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerBegin, MutationLedger } from '../idempotency/ledger.js';
import type { OperationRecord } from './operation.js';
import type { OperationStore, PruneCutoffs, PruneCounts } from './operation-store.js';
import { migrate } from './sqlite-schema.js';

/** A ledger reservation older than this without a payload belongs to a call that died (default). */
const STALE_RESERVATION_MS = 60_000;

export interface SqliteStoreOptions {
  /** The upstream rows are bound to (see the class); '' when omitted. */
  upstream?: () => string;
  /** After how long a ledger reservation without a payload is taken to belong to a call that died. */
  staleReservationMs?: number;
}

/**
 * The default operation store: one SQLite file (WAL mode), so operations survive a restart and several processes on
 * one machine can share it (leases keep one runner per operation). `:memory:` works for tests. Every row is bound to
 * the upstream it ran against (`upstream()`, read at each call: a sandbox's world can change while the gateway runs);
 * rows of another upstream are invisible.
 */
export class SqliteOperationStore implements OperationStore, MutationLedger {
  private readonly db: Database.Database;
  private readonly upstream: () => string;
  private readonly staleReservationMs: number;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.upstream = options.upstream ?? (() => '');
    this.staleReservationMs = options.staleReservationMs ?? STALE_RESERVATION_MS;
  }

  async create(record: OperationRecord): Promise<{ record: OperationRecord; created: boolean }> {
    const insert = this.db.prepare(
      `INSERT INTO operations (id, upstream, tenant_id, idempotency_key, status, finished, created_at, version, record)
       VALUES (@id, @upstream, @tenant, @key, @status, 0, @createdAt, @version, @record)
       ON CONFLICT (upstream, tenant_id, idempotency_key) DO NOTHING`,
    );
    const upstream = this.upstream();
    const info = insert.run({
      id: record.id,
      upstream,
      tenant: record.tenantId,
      key: record.idempotencyKey,
      status: record.status,
      createdAt: record.createdAt,
      version: record.version,
      record: JSON.stringify(record),
    });
    if (info.changes === 1) return { record, created: true };
    const row = this.db
      .prepare('SELECT record FROM operations WHERE upstream = ? AND tenant_id = ? AND idempotency_key = ?')
      .get(upstream, record.tenantId, record.idempotencyKey) as { record: string } | undefined;
    if (!row) throw new Error('operation store: conflicting insert vanished');
    return { record: JSON.parse(row.record) as OperationRecord, created: false };
  }

  async get(id: string): Promise<OperationRecord | undefined> {
    const row = this.db
      .prepare('SELECT record FROM operations WHERE id = ? AND upstream = ?')
      .get(id, this.upstream()) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as OperationRecord) : undefined;
  }

  async save(record: OperationRecord): Promise<boolean> {
    const next = { ...record, version: record.version + 1 };
    const info = this.db
      .prepare(
        'UPDATE operations SET status = ?, finished = ?, finished_at = ?, version = ?, record = ? WHERE id = ? AND version = ?',
      )
      .run(
        next.status,
        next.finishedAt ? 1 : 0,
        next.finishedAt,
        next.version,
        JSON.stringify(next),
        record.id,
        record.version,
      );
    if (info.changes === 1) record.version = next.version;
    return info.changes === 1;
  }

  async claim(id: string, owner: string, ms: number): Promise<boolean> {
    const now = Date.now();
    const info = this.db
      .prepare(
        'UPDATE operations SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)',
      )
      .run(owner, now + ms, id, owner, now);
    return info.changes === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    this.db
      .prepare('UPDATE operations SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?')
      .run(id, owner);
  }

  async listUnfinished(limit: number): Promise<OperationRecord[]> {
    const rows = this.db
      .prepare('SELECT record FROM operations WHERE finished = 0 AND upstream = ? ORDER BY created_at LIMIT ?')
      .all(this.upstream(), limit) as Array<{ record: string }>;
    return rows.map((r) => JSON.parse(r.record) as OperationRecord);
  }

  async begin(tenantId: string, key: string, mutation: string, inputHash: string): Promise<LedgerBegin> {
    const upstream = this.upstream();
    const inserted = this.db
      .prepare(
        'INSERT INTO mutation_ledger (upstream, tenant_id, idempotency_key, mutation, input_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(upstream, tenantId, key, mutation, inputHash, new Date().toISOString());
    if (inserted.changes === 1) return { state: 'new' };
    const row = this.db
      .prepare(
        'SELECT mutation, input_hash, payload, created_at FROM mutation_ledger WHERE upstream = ? AND tenant_id = ? AND idempotency_key = ?',
      )
      .get(upstream, tenantId, key) as
      { mutation: string; input_hash: string; payload: string | null; created_at: string } | undefined;
    if (!row) return this.begin(tenantId, key, mutation, inputHash);
    if (row.mutation !== mutation || row.input_hash !== inputHash) return { state: 'conflict', mutation: row.mutation };
    if (row.payload !== null) return { state: 'replay', payload: JSON.parse(row.payload) as unknown };
    // A reservation whose process died: take it over. Safe because the upstream call carries the same idempotency
    // key (Wix answers the first result again) or reconciles first.
    const stale = new Date(Date.now() - this.staleReservationMs).toISOString();
    const taken = this.db
      .prepare(
        'UPDATE mutation_ledger SET created_at = ? WHERE upstream = ? AND tenant_id = ? AND idempotency_key = ? AND payload IS NULL AND created_at < ?',
      )
      .run(new Date().toISOString(), upstream, tenantId, key, stale);
    return taken.changes === 1 ? { state: 'new', takenOver: true } : { state: 'in-progress' };
  }

  async complete(tenantId: string, key: string, payload: unknown): Promise<void> {
    this.db
      .prepare('UPDATE mutation_ledger SET payload = ? WHERE upstream = ? AND tenant_id = ? AND idempotency_key = ?')
      .run(JSON.stringify(payload), this.upstream(), tenantId, key);
  }

  async abandon(tenantId: string, key: string): Promise<void> {
    this.db
      .prepare(
        'DELETE FROM mutation_ledger WHERE upstream = ? AND tenant_id = ? AND idempotency_key = ? AND payload IS NULL',
      )
      .run(this.upstream(), tenantId, key);
  }

  async prune(cutoffs: PruneCutoffs): Promise<PruneCounts> {
    const operations = this.db
      .prepare('DELETE FROM operations WHERE finished = 1 AND COALESCE(finished_at, created_at) < ?')
      .run(cutoffs.finishedOperationsBefore.toISOString()).changes;
    const ledger = this.db
      .prepare('DELETE FROM mutation_ledger WHERE created_at < ?')
      .run(cutoffs.ledgerEntriesBefore.toISOString()).changes;
    return { operations, ledger };
  }

  async ping(): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO store_probe (id, at) VALUES (1, ?)').run(new Date().toISOString());
  }

  /** Rows kept, for the retention test and an operator's look. */
  count(): { operations: number; ledger: number } {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      operations: one('SELECT COUNT(*) AS n FROM operations'),
      ledger: one('SELECT COUNT(*) AS n FROM mutation_ledger'),
    };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
