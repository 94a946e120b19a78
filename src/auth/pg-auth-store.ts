import { LRUCache } from 'lru-cache';
import { isConnectionFailure, type SharedPgPool } from '../stores/pg-pool.js';
import type { AuditEvent, AuditFilter, AuditStore, NewAuditEvent } from './audit-store.js';
import { PendingAudit } from './pending-audit.js';
import type { AuditRetention } from './sqlite-auth-store.js';
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

const DEFAULT_RETENTION: AuditRetention = { maxAgeDays: 400, maxEvents: 1_000_000 };
/** Retention is enforced every this many appends (and at open). */
const PRUNE_EVERY = 500;
/** Tokens verified lately, kept to answer while PostgreSQL is unreachable (how many, and for how long). */
const KNOWN_TOKENS = { max: 1_000, ttl: 15 * 60_000 };

/**
 * Tokens and the audit trail in PostgreSQL (DATABASE_URL), shared by every gateway instance and the `token`/`audit`
 * commands: a token created or revoked anywhere holds on every instance from its next request. Same behaviour as
 * SqliteAuthStore, plus two answers to PostgreSQL being unreachable: a token verified in the last 15 minutes is still
 * recognised (reads go on; revocations made meanwhile cannot be seen until it is back), and audit events that could
 * not be written wait in a bounded queue (pending-audit.ts) and are written when it is back.
 */
export class PgAuthStore implements TokenStore, AuditStore {
  private appended = 0;
  private closed = false;
  private readonly known = new LRUCache<string, StoredToken>(KNOWN_TOKENS);
  private readonly pending: PendingAudit;

  constructor(
    private readonly shared: SharedPgPool,
    private readonly retention: AuditRetention = DEFAULT_RETENTION,
  ) {
    shared.acquire();
    this.pending = new PendingAudit((event) => this.insert(event));
    void this.prune().catch(() => undefined);
  }

  private get pool() {
    return this.shared.pool;
  }

  async create(token: NewToken): Promise<{ record: TokenRecord; token: string }> {
    const { record, token: text, values } = newTokenRow(token);
    await this.pool.query(`INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, values);
    return { record, token: text };
  }

  async verify(token: string): Promise<TokenRecord | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    let row: StoredToken | undefined;
    try {
      row = (await this.pool.query<StoredToken>('SELECT * FROM api_tokens WHERE id = $1', [parsed.id])).rows[0];
    } catch (error) {
      row = isConnectionFailure(error) ? this.known.get(parsed.id) : undefined;
      if (!row) throw error;
    }
    const record = matchingRecord(parsed.secret, row);
    if (record && row) this.known.set(parsed.id, row);
    return record;
  }

  async list(): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<StoredToken>('SELECT * FROM api_tokens ORDER BY created_at, id');
    return rows.map(recordOf);
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
      new Date().toISOString(),
      id,
    ]);
    this.known.delete(id);
    return result.rowCount === 1;
  }

  /** Appends; when PostgreSQL is unreachable the event waits in the pending queue (it is written once it is back). */
  async append(event: NewAuditEvent): Promise<void> {
    if (this.pending.size > 0) return this.pending.add(event);
    try {
      await this.insert(event);
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      this.pending.add(event);
    }
    if (++this.appended % PRUNE_EVERY === 0) await this.prune();
  }

  async page(filter: AuditFilter, first: number, before?: number): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: () => string) => string, ...values: unknown[]) => {
      where.push(clause(() => `$${params.push(values.shift())}`));
    };
    if (before !== undefined) add((n) => `seq < ${n()}`, before);
    if (filter.since) add((n) => `time >= ${n()}`, filter.since);
    if (filter.until) add((n) => `time < ${n()}`, filter.until);
    if (filter.callerId) add((n) => `caller_id = ${n()}`, filter.callerId);
    if (filter.paidOnly) add(() => 'paid');
    if (filter.accountId) {
      const account = filter.accountId.toLowerCase();
      add((n) => `(tenant_id = ${n()} OR account_id = ${n()})`, account, account);
    }
    params.push(first + 1);
    const sql = `SELECT seq, event FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY seq DESC LIMIT $${params.length}`;
    const { rows } = await this.pool.query<EventRow>(sql, params);
    return { events: rows.slice(0, first).map(toEvent), hasMore: rows.length > first };
  }

  async range(since: string | null, afterSeq: number, limit: number): Promise<AuditEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT seq, event FROM audit_events WHERE seq > $1 AND ($2::timestamptz IS NULL OR time >= $2)
       ORDER BY seq LIMIT $3`,
      [afterSeq, since || null, limit],
    );
    return rows.map(toEvent);
  }

  /** Writes what waits in the pending queue, then lets go of the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pending.close();
    await this.shared.release();
  }

  private async insert(event: NewAuditEvent): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_events (time, caller_id, tenant_id, account_id, paid, event)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        event.time,
        event.callerId,
        event.tenantId?.toLowerCase() ?? null,
        event.accountId?.toLowerCase() ?? null,
        event.paid,
        JSON.stringify(event),
      ],
    );
  }

  /** Drops events older than the retention age, then the oldest past the count. */
  private async prune(): Promise<void> {
    const cutoff = new Date(Date.now() - this.retention.maxAgeDays * 86_400_000);
    await this.pool.query('DELETE FROM audit_events WHERE time < $1', [cutoff]);
    await this.pool.query('DELETE FROM audit_events WHERE seq <= (SELECT MAX(seq) FROM audit_events) - $1', [
      this.retention.maxEvents,
    ]);
  }
}

interface EventRow {
  seq: string;
  event: NewAuditEvent;
}

function toEvent(row: EventRow): AuditEvent {
  return { ...row.event, seq: Number(row.seq) };
}
