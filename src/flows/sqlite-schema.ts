import type Database from 'better-sqlite3';

/**
 * The operation store's tables, versioned with `PRAGMA user_version`. Version 1 binds every operation and ledger
 * entry to the upstream it ran against (`upstream`: base URL, main account and, on a sandbox, its world), so a key
 * replayed against another world never answers with that world's result. Rows of a version-0 file keep an empty
 * upstream: they belong to no current world and are only read again by the pruning.
 */
const SCHEMA_VERSION = 1;

const TABLES = `
  CREATE TABLE IF NOT EXISTS operations (
    id TEXT PRIMARY KEY,
    upstream TEXT NOT NULL DEFAULT '',
    tenant_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    status TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    version INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    record TEXT NOT NULL,
    UNIQUE (upstream, tenant_id, idempotency_key)
  );
  CREATE INDEX IF NOT EXISTS operations_unfinished ON operations (finished, created_at);
  CREATE INDEX IF NOT EXISTS operations_finished_at ON operations (finished_at);
  CREATE TABLE IF NOT EXISTS mutation_ledger (
    upstream TEXT NOT NULL DEFAULT '',
    tenant_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    mutation TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    payload TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (upstream, tenant_id, idempotency_key)
  );
  CREATE INDEX IF NOT EXISTS mutation_ledger_created_at ON mutation_ledger (created_at);
  CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
`;

/** Creates the tables, or moves a version-0 file's rows into them (in one transaction). */
export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  const hasOld = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'operations'").get();
  db.transaction(() => {
    if (hasOld) {
      db.exec(
        'ALTER TABLE operations RENAME TO operations_v0; ALTER TABLE mutation_ledger RENAME TO mutation_ledger_v0;',
      );
      db.exec('DROP INDEX IF EXISTS operations_unfinished;');
    }
    db.exec(TABLES);
    if (hasOld) {
      db.exec(`
        INSERT INTO operations (id, upstream, tenant_id, idempotency_key, status, finished, created_at, finished_at,
                                version, lease_owner, lease_until, record)
          SELECT id, '', tenant_id, idempotency_key, status, finished, created_at,
                 CASE WHEN finished = 1 THEN created_at END, version, lease_owner, lease_until, record
          FROM operations_v0;
        INSERT INTO mutation_ledger (upstream, tenant_id, idempotency_key, mutation, input_hash, payload, created_at)
          SELECT '', tenant_id, idempotency_key, mutation, input_hash, payload, created_at FROM mutation_ledger_v0;
        DROP TABLE operations_v0;
        DROP TABLE mutation_ledger_v0;
      `);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
