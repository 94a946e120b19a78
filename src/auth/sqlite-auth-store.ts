import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEvent, AuditFilter, AuditStore, NewAuditEvent } from './audit-store.js';
import {
  matchingRecord,
  newTokenRow,
  parseToken,
  recordOf,
  TOKEN_COLUMNS,
  type NewToken,
  type StoredToken,
  type TokenRecord,
  type TokenStore,
} from './tokens.js';

/** Bounds of the audit trail: older events, and events past the count, are dropped (oldest first). */
export interface AuditRetention {
  maxAgeDays: number;
  maxEvents: number;
}

const DEFAULT_RETENTION: AuditRetention = { maxAgeDays: 400, maxEvents: 1_000_000 };
/** Retention is enforced every this many appends (and at open). */
const PRUNE_EVERY = 500;

/**
 * Tokens and the audit trail in one SQLite file (WAL), AUTH_STORE_PATH: the CLI and the running gateway share it, so
 * a token created or revoked by `wix-account-graph token …` holds from the gateway's next request.
 */
export class SqliteAuthStore implements TokenStore, AuditStore {
  private readonly db: Database.Database;
  private appended = 0;

  constructor(
    path: string,
    private readonly retention: AuditRetention = DEFAULT_RETENTION,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        accounts TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE TABLE IF NOT EXISTS audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        time TEXT NOT NULL,
        caller_id TEXT NOT NULL,
        tenant_id TEXT,
        account_id TEXT,
        paid INTEGER NOT NULL,
        event TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time);
    `);
    this.prune();
  }

  async create(token: NewToken): Promise<{ record: TokenRecord; token: string }> {
    const { record, token: text, values } = newTokenRow(token);
    this.db.prepare(`INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(...values);
    return { record, token: text };
  }

  async verify(token: string): Promise<TokenRecord | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(parsed.id) as TokenRow | undefined;
    return matchingRecord(parsed.secret, row && stored(row));
  }

  async list(): Promise<TokenRecord[]> {
    const rows = this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as TokenRow[];
    return rows.map((row) => recordOf(stored(row)));
  }

  async revoke(id: string): Promise<boolean> {
    const info = this.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), id);
    return info.changes === 1;
  }

  async append(event: NewAuditEvent): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO audit_events (time, caller_id, tenant_id, account_id, paid, event) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        event.time,
        event.callerId,
        event.tenantId?.toLowerCase() ?? null,
        event.accountId?.toLowerCase() ?? null,
        event.paid ? 1 : 0,
        JSON.stringify(event),
      );
    if (++this.appended % PRUNE_EVERY === 0) this.prune();
  }

  async page(filter: AuditFilter, first: number, before?: number): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (before !== undefined) add('seq < ?', before);
    if (filter.since) add('time >= ?', filter.since);
    if (filter.until) add('time < ?', filter.until);
    if (filter.callerId) add('caller_id = ?', filter.callerId);
    if (filter.paidOnly) add('paid = 1');
    if (filter.accountId)
      add('(tenant_id = ? OR account_id = ?)', ...[filter.accountId, filter.accountId].map((a) => a.toLowerCase()));
    const sql = `SELECT seq, event FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, first + 1) as EventRow[];
    return { events: rows.slice(0, first).map(toEvent), hasMore: rows.length > first };
  }

  async range(since: string | null, afterSeq: number, limit: number): Promise<AuditEvent[]> {
    const rows = this.db
      .prepare('SELECT seq, event FROM audit_events WHERE seq > ? AND time >= ? ORDER BY seq LIMIT ?')
      .all(afterSeq, since ?? '', limit) as EventRow[];
    return rows.map(toEvent);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Drops events older than the retention age, then the oldest past the count. */
  private prune(): void {
    const cutoff = new Date(Date.now() - this.retention.maxAgeDays * 86_400_000).toISOString();
    this.db.prepare('DELETE FROM audit_events WHERE time < ?').run(cutoff);
    this.db
      .prepare('DELETE FROM audit_events WHERE seq <= (SELECT MAX(seq) FROM audit_events) - ?')
      .run(this.retention.maxEvents);
  }
}

interface TokenRow {
  id: string;
  name: string;
  secret_hash: string;
  accounts: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

interface EventRow {
  seq: number;
  event: string;
}

/** A row as stored (accounts and scopes are JSON text in SQLite). */
function stored(row: TokenRow): StoredToken {
  return {
    ...row,
    accounts: JSON.parse(row.accounts) as TokenRecord['accounts'],
    scopes: JSON.parse(row.scopes) as TokenRecord['scopes'],
  };
}

function toEvent(row: EventRow): AuditEvent {
  return { ...(JSON.parse(row.event) as NewAuditEvent), seq: row.seq };
}
