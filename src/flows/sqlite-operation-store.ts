import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerBegin, MutationLedger } from '../idempotency/ledger.js';
import type { OperationRecord } from './operation.js';
import type { OperationStore } from './operation-store.js';

/** A ledger reservation older than this without a payload belongs to a call that died. */
const STALE_RESERVATION_MS = 60_000;

/**
 * The default operation store: one SQLite file (WAL mode), so operations survive a restart and several processes on
 * one machine can share it (leases keep one runner per operation). `:memory:` works for tests.
 */
export class SqliteOperationStore implements OperationStore, MutationLedger {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS operations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        status TEXT NOT NULL,
        finished INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        record TEXT NOT NULL,
        UNIQUE (tenant_id, idempotency_key)
      );
      CREATE INDEX IF NOT EXISTS operations_unfinished ON operations (finished, created_at);
      CREATE TABLE IF NOT EXISTS mutation_ledger (
        tenant_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        mutation TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        payload TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, idempotency_key)
      );
    `);
  }

  async create(record: OperationRecord): Promise<{ record: OperationRecord; created: boolean }> {
    const insert = this.db.prepare(
      `INSERT INTO operations (id, tenant_id, idempotency_key, status, finished, created_at, version, record)
       VALUES (@id, @tenant, @key, @status, 0, @createdAt, @version, @record)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
    );
    const info = insert.run({
      id: record.id,
      tenant: record.tenantId,
      key: record.idempotencyKey,
      status: record.status,
      createdAt: record.createdAt,
      version: record.version,
      record: JSON.stringify(record),
    });
    if (info.changes === 1) return { record, created: true };
    const row = this.db
      .prepare('SELECT record FROM operations WHERE tenant_id = ? AND idempotency_key = ?')
      .get(record.tenantId, record.idempotencyKey) as { record: string } | undefined;
    if (!row) throw new Error('operation store: conflicting insert vanished');
    return { record: JSON.parse(row.record) as OperationRecord, created: false };
  }

  async get(id: string): Promise<OperationRecord | undefined> {
    const row = this.db.prepare('SELECT record FROM operations WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as OperationRecord) : undefined;
  }

  async save(record: OperationRecord): Promise<boolean> {
    const next = { ...record, version: record.version + 1 };
    const info = this.db
      .prepare('UPDATE operations SET status = ?, finished = ?, version = ?, record = ? WHERE id = ? AND version = ?')
      .run(next.status, next.finishedAt ? 1 : 0, next.version, JSON.stringify(next), record.id, record.version);
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
      .prepare('SELECT record FROM operations WHERE finished = 0 ORDER BY created_at LIMIT ?')
      .all(limit) as Array<{ record: string }>;
    return rows.map((r) => JSON.parse(r.record) as OperationRecord);
  }

  async begin(tenantId: string, key: string, mutation: string, inputHash: string): Promise<LedgerBegin> {
    const inserted = this.db
      .prepare(
        'INSERT INTO mutation_ledger (tenant_id, idempotency_key, mutation, input_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(tenantId, key, mutation, inputHash, new Date().toISOString());
    if (inserted.changes === 1) return { state: 'new' };
    const row = this.db
      .prepare(
        'SELECT mutation, input_hash, payload, created_at FROM mutation_ledger WHERE tenant_id = ? AND idempotency_key = ?',
      )
      .get(tenantId, key) as
      { mutation: string; input_hash: string; payload: string | null; created_at: string } | undefined;
    if (!row) return this.begin(tenantId, key, mutation, inputHash);
    if (row.mutation !== mutation || row.input_hash !== inputHash) return { state: 'conflict', mutation: row.mutation };
    if (row.payload !== null) return { state: 'replay', payload: JSON.parse(row.payload) as unknown };
    // A reservation whose process died: take it over. Safe because the upstream call carries the same idempotency
    // key (Wix answers the first result again) or reconciles first.
    const stale = new Date(Date.now() - STALE_RESERVATION_MS).toISOString();
    const taken = this.db
      .prepare(
        'UPDATE mutation_ledger SET created_at = ? WHERE tenant_id = ? AND idempotency_key = ? AND payload IS NULL AND created_at < ?',
      )
      .run(new Date().toISOString(), tenantId, key, stale);
    return taken.changes === 1 ? { state: 'new' } : { state: 'in-progress' };
  }

  async complete(tenantId: string, key: string, payload: unknown): Promise<void> {
    this.db
      .prepare('UPDATE mutation_ledger SET payload = ? WHERE tenant_id = ? AND idempotency_key = ?')
      .run(JSON.stringify(payload), tenantId, key);
  }

  async abandon(tenantId: string, key: string): Promise<void> {
    this.db
      .prepare('DELETE FROM mutation_ledger WHERE tenant_id = ? AND idempotency_key = ? AND payload IS NULL')
      .run(tenantId, key);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
