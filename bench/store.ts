/**
 * `npm run bench:store`: the operation store's cost per flow, SQLite file against PostgreSQL (DATABASE_URL's store).
 *
 * One "flow" here is what the runner does to the store for a three-step operation: create by key, claim the lease,
 * six saves (running, each step running and done), release; plus one keyed single mutation on the ledger (begin,
 * complete). Runs BENCH_FLOWS flows (default 500), BENCH_CONCURRENCY at once (default 20), and prints flows per
 * second and the p50/p99 of each call. PostgreSQL: a scratch database on BENCH_PG_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres), created and dropped by the run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { OperationRecord } from '../src/flows/operation.js';
import type { OperationAndLedgerStore } from '../src/flows/operation-services.js';
import { SqliteOperationStore } from '../src/flows/sqlite-operation-store.js';
import { PgDatabase } from '../src/stores/pg-database.js';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Call = 'create' | 'claim' | 'save' | 'release' | 'ledger';

function record(): OperationRecord {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    kind: 'SET_UP_CUSTOMER_SITE',
    tenantId: 'tenant',
    idempotencyKey: randomUUID(),
    inputHash: 'h',
    input: { siteId: randomUUID(), targetAccountId: randomUUID() },
    status: 'PENDING',
    steps: ['transfer', 'package', 'wait'].map((name) => ({ name, description: name, status: 'PENDING', paid: true })),
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

async function run(store: OperationAndLedgerStore): Promise<{ flowsPerSecond: number; times: Map<Call, number[]> }> {
  const times = new Map<Call, number[]>();
  const timed = async <T>(call: Call, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await fn();
    const list = times.get(call) ?? [];
    list.push(performance.now() - started);
    times.set(call, list);
    return value;
  };
  const flow = async () => {
    const { record: op } = await timed('create', () => store.create(record()));
    await timed('claim', () => store.claim(op.id, 'runner', 30_000));
    for (let i = 0; i < 6; i++) {
      op.status = i === 5 ? 'SUCCEEDED' : 'RUNNING';
      if (i === 5) op.finishedAt = new Date().toISOString();
      await timed('save', () => store.save(op));
    }
    await timed('release', () => store.release(op.id, 'runner'));
    const key = randomUUID();
    await timed('ledger', async () => {
      await store.begin('tenant', key, 'createPackage', 'h');
      await store.complete('tenant', key, { package: { id: key } });
    });
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < FLOWS) await flow();
    }),
  );
  return { flowsPerSecond: FLOWS / ((performance.now() - started) / 1000), times };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function report(name: string, result: Awaited<ReturnType<typeof run>>): void {
  console.log(`${name}: ${result.flowsPerSecond.toFixed(0)} flows/s (${FLOWS} flows, ${CONCURRENCY} at once)`);
  for (const [call, list] of result.times) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `  ${call.padEnd(8)} p50 ${quantile(sorted, 0.5).toFixed(2)} ms  p99 ${quantile(sorted, 0.99).toFixed(2)} ms`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wag-bench-store-'));
  const sqlite = new SqliteOperationStore(join(dir, 'ops.sqlite'));
  try {
    report('SQLite (OPERATION_STORE_PATH)', await run(sqlite));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const name = `wag_bench_${randomBytes(4).toString('hex')}`;
  const server = new URL(PG_SERVER);
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    server.pathname = `/${name}`;
    const database = await PgDatabase.open(server.toString());
    const store = database.operationStore();
    try {
      report('PostgreSQL (DATABASE_URL)', await run(store));
    } finally {
      await store.close();
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
