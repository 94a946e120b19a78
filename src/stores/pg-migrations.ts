import type pg from 'pg';

/**
 * The PostgreSQL schema as a versioned list, applied in order at start under an advisory lock, each version in its
 * own transaction and recorded in `wag_schema_migrations`. Several gateways starting at once: one migrates, the others
 * wait on the lock and then find nothing to do. Versions are only ever appended (never edited once released).
 *
 * A list in code rather than a migration library (node-pg-migrate, postgres-migrations): those load migration files
 * from a folder at run time, which the TypeScript sources (under tsx/vitest) and the build (dist/) would each need in
 * another form; five tables need neither down-migrations nor a CLI.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'operations and the mutation ledger',
    sql: `
      CREATE TABLE operations (
        id text PRIMARY KEY,
        upstream text NOT NULL DEFAULT '',
        tenant_id text NOT NULL,
        idempotency_key text NOT NULL,
        status text NOT NULL,
        finished boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        version integer NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        record jsonb NOT NULL,
        UNIQUE (upstream, tenant_id, idempotency_key)
      );
      CREATE INDEX operations_unfinished ON operations (created_at) WHERE NOT finished;
      CREATE INDEX operations_finished_at ON operations (finished_at) WHERE finished;
      CREATE TABLE mutation_ledger (
        upstream text NOT NULL DEFAULT '',
        tenant_id text NOT NULL,
        idempotency_key text NOT NULL,
        mutation text NOT NULL,
        input_hash text NOT NULL,
        payload text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (upstream, tenant_id, idempotency_key)
      );
      CREATE INDEX mutation_ledger_created_at ON mutation_ledger (created_at);
      CREATE TABLE store_probe (id integer PRIMARY KEY, at timestamptz NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'tokens and the audit trail',
    sql: `
      CREATE TABLE api_tokens (
        id text PRIMARY KEY,
        name text NOT NULL,
        secret_hash text NOT NULL,
        accounts jsonb NOT NULL,
        scopes jsonb NOT NULL,
        created_at text NOT NULL,
        expires_at text,
        revoked_at text
      );
      CREATE TABLE audit_events (
        seq bigserial PRIMARY KEY,
        time timestamptz NOT NULL,
        caller_id text NOT NULL,
        tenant_id text,
        account_id text,
        paid boolean NOT NULL,
        event jsonb NOT NULL
      );
      CREATE INDEX audit_events_time ON audit_events (time);
    `,
  },
];

/** Key of the advisory lock held while migrating (any constant; "wag" + schema). */
const MIGRATION_LOCK = 0x776167_01;

/** Applies the versions `pool`'s database lacks; returns the versions applied by this call. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS wag_schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await client.query<{ version: number }>('SELECT version FROM wag_schema_migrations');
      const have = new Set(done.rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (have.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO wag_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(
            `PostgreSQL migration ${m.version} (${m.name}) failed: ${error instanceof Error ? error.message : 'unknown'}`,
          );
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
