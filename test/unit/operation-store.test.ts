import { afterAll, describe, expect, it } from 'vitest';
import { externalIdFor } from '../../src/idempotency/external-ids.js';
import { inputHash, stableJson } from '../../src/idempotency/hash.js';
import { operationRecord as record, STORE_BACKENDS } from '../helpers/store-backends.js';

describe.each(STORE_BACKENDS.map((make) => make()))('$name operation store', (backend) => {
  afterAll(() => backend.dispose());

  it('stores one operation per (tenant, idempotency key) however many create at once', async () => {
    const store = await backend.open(await backend.fresh());
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(record(`op-${i}`, 'key-1'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    await store.close();
  });

  it('persists across reopen, with optimistic versions and leases', async () => {
    const path = await backend.fresh();
    const a = await backend.open(path);
    const { record: op } = await a.create(record('op-1', 'k'));
    op.status = 'RUNNING';
    expect(await a.save(op)).toBe(true);
    const stale = { ...op, version: 1 };
    expect(await a.save(stale)).toBe(false);
    expect(await a.claim('op-1', 'runner-a', 60_000)).toBe(true);
    expect(await a.claim('op-1', 'runner-b', 60_000)).toBe(false);
    await a.close();
    const b = await backend.open(path);
    expect((await b.get('op-1'))?.status).toBe('RUNNING');
    expect((await b.listUnfinished(10)).map((o) => o.id)).toEqual(['op-1']);
    expect(await b.claim('op-1', 'runner-b', 60_000)).toBe(false);
    await b.release('op-1', 'runner-a');
    expect(await b.claim('op-1', 'runner-b', 60_000)).toBe(true);
    await b.close();
  });
});

describe('stable hashing', () => {
  it('hashes inputs independently of key order and derives stable external IDs', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(inputHash('PURCHASE_DOMAIN', { a: 1, b: 2 })).toBe(inputHash('PURCHASE_DOMAIN', { b: 2, a: 1 }));
    expect(inputHash('PURCHASE_DOMAIN', { a: 1 })).not.toBe(inputHash('PURCHASE_DOMAIN', { a: 2 }));
    const ext = externalIdFor('tenant', 'key');
    expect(ext).toBe(externalIdFor('tenant', 'key'));
    expect(ext).not.toBe(externalIdFor('tenant', 'other'));
    expect(ext.length).toBeLessThanOrEqual(100);
  });
});
