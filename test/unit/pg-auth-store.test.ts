import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAuditEvent } from '../../src/auth/audit-store.js';
import { PgDatabase } from '../../src/stores/pg-database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

function event(n: number, extra: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    callerId: n % 2 ? 'token:a' : 'token:b',
    callerName: 'ci',
    tenantId: 'AAAA',
    accountId: n % 3 ? 'BBBB' : null,
    operationName: null,
    mutation: 'createPackage',
    operationId: null,
    idempotencyKey: `k-${n}`,
    endpoint: n % 2 ? 'Create Package V2' : 'Cancel Package',
    request: 'POST /x',
    paid: n % 2 === 1,
    status: 200,
    wixCode: null,
    errorCode: null,
    createdIds: [],
    ...extra,
  };
}

/**
 * Tokens and audit in PostgreSQL, shared by instances (two databases objects on one database stand for two
 * processes), and what happens when PostgreSQL goes away (a TCP proxy in between is cut): mutations are refused
 * with STORE_UNAVAILABLE, a token verified lately is still recognised, audit events wait and land once it is back.
 */
describe('PostgreSQL token store and audit trail', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  beforeAll(async () => {
    db = await createTestDatabase('wag_auth');
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(db.url).port) });
  });
  afterAll(async () => {
    await proxy.close();
    await db.drop();
  });

  it('shares tokens between instances: created on one, verified and revoked on the other', async () => {
    const [one, two] = await Promise.all([PgDatabase.open(db.url), PgDatabase.open(db.url)]);
    const a = one.authStore();
    const b = two.authStore();
    const { record, token } = await a.create({
      name: 'ci',
      accounts: 'all',
      scopes: ['read', 'write'],
      expiresAt: null,
    });
    expect(await b.verify(token)).toEqual(record);
    expect(await b.verify(token.slice(0, -2) + 'xx')).toBeUndefined();
    expect((await b.list()).map((t) => t.id)).toContain(record.id);
    expect(await b.revoke(record.id)).toBe(true);
    expect(await b.revoke(record.id)).toBe(false);
    expect((await a.verify(token))?.revokedAt).not.toBeNull();
    for (const s of [a, b]) await s.close();
    await Promise.all([one.close(), two.close()]);
  });

  it('pages and filters the trail newest first, and exports it oldest first', async () => {
    const database = await PgDatabase.open(db.url);
    const store = database.authStore();
    for (let n = 1; n <= 12; n++) await store.append(event(n));
    const first = await store.page({}, 5);
    expect(first.hasMore).toBe(true);
    expect(first.events.map((e) => e.idempotencyKey)).toEqual(['k-12', 'k-11', 'k-10', 'k-9', 'k-8']);
    const next = await store.page({}, 5, first.events.at(-1)?.seq);
    expect(next.events[0]?.idempotencyKey).toBe('k-7');
    const paid = await store.page({ paidOnly: true, callerId: 'token:a' }, 50);
    expect(paid.events.every((e) => e.paid && e.callerId === 'token:a')).toBe(true);
    expect(paid.events).toHaveLength(6);
    expect((await store.page({ accountId: 'bbbb' }, 50)).events).toHaveLength(8);
    const since = event(10).time;
    expect((await store.page({ since, until: event(12).time }, 50)).events.map((e) => e.idempotencyKey)).toEqual([
      'k-11',
      'k-10',
    ]);
    const exported = await store.range(since, 0, 10);
    expect(exported.map((e) => e.idempotencyKey)).toEqual(['k-10', 'k-11', 'k-12']);
    expect((await store.range(null, 0, 100)).length).toBeGreaterThanOrEqual(12);
    await store.close();
    await database.close();
  });

  it('while PostgreSQL is unreachable: writes refused, known tokens recognised, audit events kept and written later', async () => {
    const database = await PgDatabase.open(proxy.rewrite(db.url));
    const store = database.authStore();
    const { token } = await store.create({ name: 'known', accounts: 'all', scopes: ['read'], expiresAt: null });
    const unseen = await store.create({ name: 'unseen', accounts: 'all', scopes: ['read'], expiresAt: null });
    await store.verify(token);
    await database.checkWritable();
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the second a good answer is trusted
    const refused = await database.checkWritable().catch((e: { extensions?: Record<string, unknown> }) => e);
    expect(refused).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE', http: { status: 503 } } });
    expect((await store.verify(token))?.name).toBe('known');
    await expect(store.verify(unseen.token)).rejects.toThrow();
    await store.append(event(40, { idempotencyKey: 'while-down' }));
    await proxy.restore();
    await database.checkWritable();
    await expect
      .poll(async () => (await store.page({}, 1)).events[0]?.idempotencyKey, { timeout: 8_000, interval: 200 })
      .toBe('while-down');
    await store.close();
    await database.close();
  });
});
