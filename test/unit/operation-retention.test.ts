import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OperationRecord } from '../../src/flows/operation.js';
import { SqliteOperationStore } from '../../src/flows/sqlite-operation-store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';

const dir = mkdtempSync(join(tmpdir(), 'wag-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function finished(n: number, at: string): OperationRecord {
  return {
    id: `op-${n}`,
    kind: 'REASSIGN_PAID_SERVICE',
    tenantId: 'tenant',
    idempotencyKey: `key-${n}`,
    inputHash: 'h',
    input: { productInstanceId: 'x'.repeat(200), targetSiteId: 'y'.repeat(200) },
    status: 'PENDING',
    steps: [{ name: 'assign', description: 'Assign the instance', status: 'PENDING', paid: false }],
    recordsToSet: [],
    result: null,
    userErrors: [],
    state: {},
    cancelRequested: false,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
    version: 1,
  };
}

/**
 * The store under a stream of operations and keyed mutations, pruned as the gateway's background sweep does: rows
 * and file size stop growing. Unfinished operations are never pruned, and a world's rows are invisible to another.
 */
describe('operation store retention', () => {
  it('stays bounded under a stream of finished operations and ledger entries', async () => {
    const path = join(dir, 'ops.sqlite');
    const store = new SqliteOperationStore(path);
    const sizes: number[] = [];
    let n = 0;
    for (let round = 0; round < 30; round++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const roundStart = new Date();
      await new Promise((resolve) => setTimeout(resolve, 2));
      for (let i = 0; i < 100; i++, n++) {
        const at = new Date().toISOString();
        const { record } = await store.create(finished(n, at));
        record.status = 'SUCCEEDED';
        record.finishedAt = at;
        expect(await store.save(record)).toBe(true);
        await store.begin('tenant', `m-${n}`, 'createPackage', 'h');
        await store.complete('tenant', `m-${n}`, { package: { id: 'p'.repeat(300) } });
      }
      // Keep only this round: everything of the rounds before goes.
      await store.prune({ finishedOperationsBefore: roundStart, ledgerEntriesBefore: roundStart });
      sizes.push(statSync(path).size + statSync(`${path}-wal`).size);
      expect(store.count().operations).toBeLessThanOrEqual(100);
      expect(store.count().ledger).toBeLessThanOrEqual(100);
    }
    // Pages freed by the pruning are reused: after the first rounds the file does not grow.
    expect(Math.max(...sizes.slice(10))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 10)) * 1.05);
    await store.close();
  });
});

describe.each(STORE_BACKENDS.map((make) => make()))('$name operation store retention', (backend) => {
  afterAll(() => backend.dispose());

  it('keeps at most the rows of the retention under a stream of operations and ledger entries', async () => {
    const store = await backend.open(await backend.fresh());
    let n = 0;
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const roundStart = new Date();
      await new Promise((resolve) => setTimeout(resolve, 2));
      for (let i = 0; i < 40; i++, n++) {
        const at = new Date().toISOString();
        const { record } = await store.create(finished(n, at));
        record.status = 'SUCCEEDED';
        record.finishedAt = at;
        expect(await store.save(record)).toBe(true);
        await store.begin('tenant', `m-${n}`, 'createPackage', 'h');
        await store.complete('tenant', `m-${n}`, { package: { id: 'p'.repeat(300) } });
      }
      const pruned = await store.prune({ finishedOperationsBefore: roundStart, ledgerEntriesBefore: roundStart });
      expect(pruned).toEqual(round === 0 ? { operations: 0, ledger: 0 } : { operations: 40, ledger: 40 });
      expect(await store.count()).toEqual({ operations: 40, ledger: 40 });
    }
    await store.close();
  });

  it('never prunes an unfinished operation, and binds rows to their upstream', async () => {
    let world = 'world-a';
    const store = await backend.open(await backend.fresh(), { upstream: () => world });
    const old = '2020-01-01T00:00:00.000Z';
    await store.create(finished(1, old));
    const pruned = await store.prune({ finishedOperationsBefore: new Date(), ledgerEntriesBefore: new Date() });
    expect(pruned.operations).toBe(0);
    expect(await store.get('op-1')).toBeDefined();
    world = 'world-b';
    expect(await store.get('op-1')).toBeUndefined();
    expect(await store.listUnfinished(10)).toEqual([]);
    expect(
      (await store.create(finished(1, old).idempotencyKey ? { ...finished(1, old), id: 'op-1b' } : finished(1, old)))
        .created,
    ).toBe(true);
    await store.close();
  });
});
