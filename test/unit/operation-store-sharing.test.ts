import { afterAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../src/stores/pg-database.js';
import { createTestDatabase } from '../helpers/pg.js';
import { operationRecord as record, STORE_BACKENDS } from '../helpers/store-backends.js';

/**
 * What several gateways sharing one store rely on, for both backends: two stores opened on one place (two processes)
 * create one operation per key between them, one claim wins and the lease passes on only after it expires, and the
 * mutation ledger's reservations (replay, conflict, in progress, taken over once stale) hold across them.
 */
describe.each(STORE_BACKENDS.map((make) => make()))('$name store shared by two gateways', (backend) => {
  afterAll(() => backend.dispose());

  it('creates one operation per key across stores, and one runner holds a lease until it expires', async () => {
    const place = await backend.fresh();
    const [a, b] = [await backend.open(place), await backend.open(place)];
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).create(record(`op-${i}`, 'same-key'))),
    );
    expect(made.filter((m) => m.created)).toHaveLength(1);
    const id = made[0]?.record.id as string;
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).claim(id, `runner-${i}`, 400)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `runner-${claims.indexOf(true)}`;
    expect(await a.claim(id, winner, 400)).toBe(true); // renewal by the holder
    expect(await b.claim(id, 'late-runner', 400)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await b.claim(id, 'late-runner', 400)).toBe(true);
    expect(await a.claim(id, winner, 400)).toBe(false);
    await a.close();
    await b.close();
  });

  it('keeps the ledger across stores: replay, conflict, in progress, and a stale reservation taken over once', async () => {
    const place = await backend.fresh();
    const a = await backend.open(place, { staleReservationMs: 300 });
    const b = await backend.open(place, { staleReservationMs: 300 });
    expect(await a.begin('t1', 'k1', 'createPackage', 'h1')).toEqual({ state: 'new' });
    expect(await b.begin('t1', 'k1', 'createPackage', 'h1')).toEqual({ state: 'in-progress' });
    expect(await b.begin('t1', 'k1', 'cancelPackage', 'h1')).toEqual({ state: 'conflict', mutation: 'createPackage' });
    await a.complete('t1', 'k1', { package: { id: 'p1' } });
    expect(await b.begin('t1', 'k1', 'createPackage', 'h1')).toEqual({
      state: 'replay',
      payload: { package: { id: 'p1' } },
    });
    // Another tenant's key is another entry.
    expect(await b.begin('t2', 'k1', 'createPackage', 'h1')).toEqual({ state: 'new' });
    await b.abandon('t2', 'k1');
    expect(await a.begin('t2', 'k1', 'createPackage', 'h1')).toEqual({ state: 'new' });
    // A reservation whose call died: taken over by exactly one of two concurrent callers once it is stale.
    expect(await a.begin('t1', 'k2', 'createAccount', 'h2')).toEqual({ state: 'new' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const takers = await Promise.all([a, b, a, b].map((s) => s.begin('t1', 'k2', 'createAccount', 'h2')));
    expect(takers.filter((t) => t.state === 'new')).toEqual([{ state: 'new', takenOver: true }]);
    expect(takers.filter((t) => t.state === 'in-progress')).toHaveLength(3);
    await a.close();
    await b.close();
  });
});

describe('PostgreSQL migrations', () => {
  it('are applied once when several gateways start together, and not again on a later start', async () => {
    const db = await createTestDatabase('wag_migrate');
    try {
      const opened = await Promise.all([1, 2, 3].map(() => PgDatabase.open(db.url)));
      const { rows } = await opened[0]!.pool.query<{ version: number }>(
        'SELECT version FROM wag_schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual([1, 2]);
      await Promise.all(opened.map((d) => d.close()));
      const again = await PgDatabase.open(db.url);
      const count = await again.pool.query('SELECT COUNT(*)::int AS n FROM wag_schema_migrations');
      expect(count.rows[0].n).toBe(2);
      await again.close();
    } finally {
      await db.drop();
    }
  });

  it('names DATABASE_URL, without its password, when the database cannot be used', async () => {
    const error = await PgDatabase.open('postgres://postgres:s3cret-pw@127.0.0.1:1/nowhere').then(
      () => new Error('opened'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/DATABASE_URL \(127\.0\.0\.1:1\/nowhere\) cannot be used/);
    expect(error.message).not.toContain('s3cret-pw');
  });
});
