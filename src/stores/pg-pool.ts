import pg from 'pg';

/** Connection settings of the gateway's PostgreSQL pool (DATABASE_URL). */
export interface PgPoolOptions {
  /** Connections held at most by one gateway process. */
  max?: number;
  /** How long getting a connection may take before the call fails (PostgreSQL unreachable). */
  connectTimeoutMs?: number;
  /** Longest a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs?: number;
}

/**
 * One pool per gateway process, shared by the operation store, the ledger, the token store and the audit trail;
 * ended when the last of them closes (each `acquire()` is matched by one `release()`).
 */
export class SharedPgPool {
  readonly pool: pg.Pool;
  private users = 0;
  private ended = false;

  constructor(connectionString: string, options: PgPoolOptions = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      application_name: 'wix-account-graph',
    });
    // An idle connection that PostgreSQL drops (restart, failover) emits here; without a listener the process would
    // crash. The pool discards that connection and opens a new one on the next query.
    this.pool.on('error', () => undefined);
  }

  acquire(): this {
    this.users++;
    return this;
  }

  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0 && !this.ended) {
      this.ended = true;
      await this.pool.end();
    }
  }
}

/** True for a failure to reach PostgreSQL (refused, reset, timed out, shut down) rather than a refused statement. */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  // Class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now).
  if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code))
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/** `host:port/database` of a postgres:// URL: what logs and /readyz may show (never the user or the password). */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'PostgreSQL';
  }
}
