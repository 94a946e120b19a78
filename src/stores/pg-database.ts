import { PgAuthStore } from '../auth/pg-auth-store.js';
import type { AuditRetention } from '../auth/sqlite-auth-store.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { PgOperationStore, type PgStoreOptions } from '../flows/pg-operation-store.js';
import { migrate } from './pg-migrations.js';
import { describeDatabaseUrl, SharedPgPool, type PgPoolOptions } from './pg-pool.js';

/** A check that throws STORE_UNAVAILABLE while the shared store cannot take writes (see PgDatabase.checkWritable). */
export type WriteCheck = () => Promise<void>;

/** How long a successful contact with PostgreSQL is trusted before a mutation checks again. */
const TRUST_MS = 1_000;

/**
 * The gateway's PostgreSQL (DATABASE_URL): one pool, the schema migrated at open (under an advisory lock), and the
 * stores on it — operations and the mutation ledger (PgOperationStore), tokens and the audit trail (PgAuthStore).
 * `checkWritable` is what mutations pass before they act: it throws STORE_UNAVAILABLE when PostgreSQL does not answer.
 */
export class PgDatabase {
  private lastOk = 0;

  private constructor(
    private readonly shared: SharedPgPool,
    /** `host:port/database`, for logs and errors (no credentials). */
    readonly where: string,
  ) {}

  /** Connects, migrates, and returns the database; a PostgreSQL that cannot be reached fails here, naming it. */
  static async open(url: string, options: PgPoolOptions = {}): Promise<PgDatabase> {
    const shared = new SharedPgPool(url, options).acquire();
    const where = describeDatabaseUrl(url);
    try {
      await migrate(shared.pool);
    } catch (error) {
      await shared.release();
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw new Error(`the PostgreSQL database at DATABASE_URL (${where}) cannot be used: ${reason}`);
    }
    return new PgDatabase(shared, where);
  }

  get pool() {
    return this.shared.pool;
  }

  /** The operation store and ledger on this database (closing it leaves the database open for the other stores). */
  operationStore(options: PgStoreOptions = {}): PgOperationStore {
    return new PgOperationStore(this.shared, options);
  }

  /** The token store and audit trail on this database. */
  authStore(retention?: AuditRetention): PgAuthStore {
    return new PgAuthStore(this.shared, retention);
  }

  /** Throws STORE_UNAVAILABLE (HTTP 503) unless PostgreSQL answered within the last second or answers now. */
  readonly checkWritable: WriteCheck = async () => {
    if (Date.now() - this.lastOk < TRUST_MS) return;
    try {
      await this.shared.pool.query('SELECT 1');
      this.lastOk = Date.now();
    } catch {
      const error = new GatewayError(
        ErrorCode.STORE_UNAVAILABLE,
        'The gateway cannot reach its database, so it takes no writes now (paid and audited writes are refused until it is back); reads go on. Try again shortly.',
      );
      error.extensions.http = { status: 503 };
      throw error;
    }
  };

  /** Lets go of the pool once every store made here has closed too. */
  close(): Promise<void> {
    return this.shared.release();
  }
}
