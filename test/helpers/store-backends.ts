import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationAndLedgerStore } from '../../src/flows/operation-services.js';
import type { OperationRecord } from '../../src/flows/operation.js';
import { inputHash } from '../../src/idempotency/hash.js';
import { SqliteOperationStore, type SqliteStoreOptions } from '../../src/flows/sqlite-operation-store.js';
import { PgDatabase } from '../../src/stores/pg-database.js';
import { createTestDatabase, type TestDatabase } from './pg.js';

/** A store under test, with the row count the retention tests read. */
export type TestStore = OperationAndLedgerStore & {
  count(): { operations: number; ledger: number } | Promise<{ operations: number; ledger: number }>;
};

/**
 * One backend of the operation store for tests run against both (describe.each): `open(place)` opens a store on a
 * place made by `fresh()` (opening the same place twice is a reopen, as after a restart); `dispose()` removes every
 * place made.
 */
export interface StoreBackend {
  name: 'SQLite' | 'PostgreSQL';
  fresh(): Promise<string>;
  open(place: string, options?: SqliteStoreOptions): Promise<TestStore>;
  dispose(): Promise<void>;
}

export function sqliteBackend(): StoreBackend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wag-store-'));
      dirs.push(dir);
      return join(dir, 'ops.sqlite');
    },
    open: async (path, options) => new SqliteOperationStore(path, options),
    dispose: async () => {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Each place is a database of its own; a store's database stays open until the store closes. */
export function postgresBackend(): StoreBackend {
  const databases: TestDatabase[] = [];
  return {
    name: 'PostgreSQL',
    fresh: async () => {
      const db = await createTestDatabase('wag_store');
      databases.push(db);
      return db.url;
    },
    open: async (url, options) => {
      const database = await PgDatabase.open(url);
      const store = database.operationStore(options);
      await database.close();
      return store;
    },
    dispose: async () => {
      for (const db of databases.splice(0)) await db.drop();
    },
  };
}

export const STORE_BACKENDS = [sqliteBackend, postgresBackend];

/** A new (PENDING) setUpCustomerSite operation record with the given ID, idempotency key and input. */
export function operationRecord(
  id: string,
  key: string,
  input: Record<string, unknown> = { siteId: 'a' },
): OperationRecord {
  const now = new Date().toISOString();
  return {
    id,
    kind: 'SET_UP_CUSTOMER_SITE',
    tenantId: 't1',
    idempotencyKey: key,
    inputHash: inputHash('SET_UP_CUSTOMER_SITE', input),
    input,
    status: 'PENDING',
    steps: [],
    recordsToSet: [],
    result: null,
    userErrors: [],
    state: {},
    cancelRequested: false,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    version: 1,
  };
}
