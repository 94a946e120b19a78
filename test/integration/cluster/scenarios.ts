import { expect } from 'vitest';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import {
  FlowOperationDocument,
  FlowPurchaseDomainDocument,
  FlowSetUpCustomerSiteDocument,
  type FlowOperationUpdatedSubscription,
  type PurchaseDomainInput,
} from '../../gql/graphql.js';
import type { Cluster, ClusterInstance } from '../../helpers/cluster.js';
import type { TestSandbox } from '../../helpers/sandbox.js';
import type { TestSubscription } from '../../helpers/ws.js';
import { customerSiteInput, REGISTRANT } from '../gateway/flow-fixtures.js';
import { rawPackages } from '../gateway/resellers-fixtures.js';

/** What the cluster test files share: waiting on a value, an operation's status, and the concurrent purchase. */

/** Reads `read()` every 100 ms until `ok` holds; fails after `ms` with the last value. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An operation as `instance` reads it from the store. */
export const statusOf = async (instance: ClusterInstance, id: string) =>
  (await instance.data(FlowOperationDocument, { id })).operation;

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELED'];

/**
 * Every state a subscriber to an operation receives (status and step statuses), until a final one, or until its
 * instance goes away (the stream then ends with a close: the states so far are returned).
 */
export async function statesOf(sub: TestSubscription<FlowOperationUpdatedSubscription>): Promise<string[]> {
  const states: string[] = [];
  for (;;) {
    let op: FlowOperationUpdatedSubscription['operationUpdated'];
    try {
      op = (await sub.data(20_000)).operationUpdated;
    } catch {
      return states;
    }
    states.push(JSON.stringify([op.status, op.steps.map((s) => s.status)]));
    if (FINAL.includes(op.status)) return states;
  }
}

/**
 * Expects two subscribers' states to be runs of one sequence: whichever subscribed later starts at a state the other
 * also saw, and from there on both saw the same states, with none missing, for as long as both were listening.
 */
export function expectSameRun(x: string[], y: string[]): void {
  const [early, late] = y.length > 0 && x.includes(y[0] as string) ? [x, y] : [y, x];
  const start = early.indexOf(late[0] as string);
  expect(start, `${JSON.stringify(late)} within ${JSON.stringify(early)}`).toBeGreaterThanOrEqual(0);
  const n = Math.min(early.length - start, late.length);
  expect(late.slice(0, n)).toEqual(early.slice(start, start + n));
}

/** A premium site of the main account and a .com name the sandbox says is available. */
export async function purchaseInput(sandbox: TestSandbox, prefix: string): Promise<PurchaseDomainInput> {
  const world = await sandbox.world();
  const main = sandbox.seed.mainAccountId;
  const site = [...world.sites.values()].find((s) => s.ownerAccountId === main && s.premium)?.id as string;
  for (let i = 0; i < 50; i++) {
    const domain = `${prefix}-${i}.com`;
    const res = await sandbox.call('GET', `/domain-search/v2/check-domain-availability?domain=${domain}`);
    if (res.body.availability.available)
      return { idempotencyKey: `${prefix}-${Date.now()}`, siteId: site, domain, contacts: { registrant: REGISTRANT } };
  }
  throw new Error(`no available ${prefix}-N.com name in the sandbox`);
}

/**
 * Ten identical purchaseDomain requests at once, spread over the instances: one operation for all ten answers, run to
 * its end; the sandbox holds one registration and one package. Returns the operation's ID and idempotency key.
 */
export async function purchaseTenTimes(cluster: Cluster, prefix: string): Promise<{ id: string; key: string }> {
  const input = await purchaseInput(cluster.sandbox, prefix);
  await cluster.sandbox.clearCalls();
  const n = cluster.instances.length;
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) => cluster.at(i % n).data(FlowPurchaseDomainDocument, { input })),
  );
  const ids = new Set(answers.map((a) => a.purchaseDomain.operation?.id));
  expect(ids.size).toBe(1);
  const id = [...ids][0] as string;
  const op = await until(
    async () => {
      await cluster.sandbox.advance(60_000);
      return statusOf(cluster.at(1), id);
    },
    (o) => o?.status === 'SUCCEEDED' || o?.status === 'FAILED',
    'the purchase to finish',
  );
  expect(op?.status).toBe('SUCCEEDED');
  expect(await cluster.sandbox.calls('createRegisteredDomain')).toHaveLength(1);
  expect(await cluster.sandbox.calls('createPackage')).toHaveLength(1);
  return { id, key: input.idempotencyKey };
}

/**
 * setUpCustomerSite started on instance A (`cluster.at(0)`), run until it bought the plan and waits for Wix to deliver
 * it (the sandbox's manual clock stands still). Returns the operation's ID and its idempotency key.
 */
export async function flowWaitingAfterPurchase(cluster: Cluster, prefix: string): Promise<{ id: string; key: string }> {
  const key = `${prefix}-${Date.now()}`;
  const input = await customerSiteInput(cluster.sandbox, key);
  await cluster.sandbox.clearCalls();
  const id = (await cluster.at(0).data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation
    ?.id as string;
  expect(id).toBeTruthy();
  await until(
    () => cluster.sandbox.calls('createPackage'),
    (calls) => calls.length === 1,
    'the purchase',
  );
  return { id, key };
}

/** After the crash scenario: Wix holds one purchase and one transfer, and one package with the key's external ID. */
export async function expectOnePurchase(cluster: Cluster, key: string): Promise<void> {
  expect(await cluster.sandbox.calls('createPackage')).toHaveLength(1);
  expect(await cluster.sandbox.calls('transferSite')).toHaveLength(1);
  const main = cluster.sandbox.seed.mainAccountId;
  expect(await rawPackages(cluster.sandbox, { externalId: { $eq: externalIdFor(main, key) } })).toHaveLength(1);
}
