import { describe, expect, it } from 'vitest';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { fromGlobalId, toGlobalId } from '../../../src/schema/node.type.js';
import {
  FlowCancelOperationDocument,
  FlowOperationUpdatedDocument,
  FlowSetUpCustomerSiteDocument,
  type SetUpCustomerSiteInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { TestSubscription, wsClient } from '../../helpers/ws.js';
import { finished, readOperation, stepStatuses, until, writeCalls, FLOW_STACK } from './flow-fixtures.js';
import { key, worldOf } from './write-fixtures.js';

describe('flows: following and canceling operations', () => {
  const stack = useStack(FLOW_STACK);
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const input = (site: string, idempotencyKey = key()): SetUpCustomerSiteInput => ({
    idempotencyKey,
    siteId: site,
    targetAccountId: stack.sandbox.seed.subAccountIds[0] as string,
    products: [{ catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR', count: 1 } }],
  });
  async function eventually(ok: () => boolean, what: string): Promise<void> {
    for (const deadline = Date.now() + 3_000; !ok(); await new Promise((resolve) => setTimeout(resolve, 20)))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
  const start = async (site: string, idempotencyKey?: string) =>
    (await stack.data(FlowSetUpCustomerSiteDocument, { input: input(site, idempotencyKey) })).setUpCustomerSite
      .operation?.id as string;

  it('operationUpdated: the current state first, then each saved change, completing at SUCCEEDED', async () => {
    const id = await start((await w.freeSites(main()))[0] as string);
    const client = wsClient(stack.gateway.url);
    try {
      const sub = new TestSubscription(client, FlowOperationUpdatedDocument, { id });
      const states = [(await sub.data()).operationUpdated];
      while (states[states.length - 1]?.status !== 'WAITING') states.push((await sub.data()).operationUpdated);
      await stack.sandbox.advance(60_000);
      for (;;) {
        const next = (await sub.data()).operationUpdated;
        states.push(next);
        if (next.status === 'SUCCEEDED') break;
      }
      await sub.ended();
      expect(states.every((s) => s.id === id)).toBe(true);
      expect(states[states.length - 1]).toMatchObject({
        status: 'SUCCEEDED',
        result: { __typename: 'SetUpCustomerSiteResult' },
      });
      expect(states.map((s) => s.status)).toContain('WAITING');
      // Each push is a saved change: no two consecutive states are the same.
      for (let i = 1; i < states.length; i++) expect(states[i]).not.toEqual(states[i - 1]);
      // Subscribing to a finished operation gives its final state and completes.
      const late = new TestSubscription(client, FlowOperationUpdatedDocument, { id });
      expect((await late.data()).operationUpdated.status).toBe('SUCCEEDED');
      await late.ended();
      // Another tenant's operation is NOT_FOUND.
      const other = wsClient(stack.gateway.url, {
        headers: { 'wix-account-id': stack.sandbox.seed.subAccountIds[0] as string },
      });
      const refused = new TestSubscription(other, FlowOperationUpdatedDocument, { id });
      expect((await refused.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await other.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('operationUpdated releases its listener on the runner when the client unsubscribes, and when the stream completes', async () => {
    const runner = stack.gateway.operations.runner;
    const id = await start((await w.freeSites(main()))[3] as string);
    await until(stack, id, (op) => op.status === 'WAITING');
    const client = wsClient(stack.gateway.url);
    try {
      const subs = [
        new TestSubscription(client, FlowOperationUpdatedDocument, { id }),
        new TestSubscription(client, FlowOperationUpdatedDocument, { id }),
      ];
      for (const sub of subs) expect((await sub.data()).operationUpdated.status).toBe('WAITING');
      expect(runner.listenerCount()).toBe(2);
      await subs[0]!.stop();
      await eventually(() => runner.listenerCount() === 1, 'the unsubscribed listener to go');
      // The other one follows the operation to its end; the completed stream leaves no listener behind.
      await stack.sandbox.advance(60_000);
      while ((await subs[1]!.data()).operationUpdated.status !== 'SUCCEEDED');
      await subs[1]!.ended();
      await eventually(() => runner.listenerCount() === 0, "the completed stream's listener to go");
    } finally {
      await client.dispose();
    }
  });

  it('cancelOperation stops the wait and does not undo the purchase', async () => {
    const idempotencyKey = key();
    const id = await start((await w.freeSites(main()))[1] as string, idempotencyKey);
    await until(stack, id, (op) => op.status === 'WAITING');
    const { cancelOperation } = await stack.data(FlowCancelOperationDocument, { input: { id } });
    expect(cancelOperation.userErrors).toEqual([]);
    expect(cancelOperation.operation).toMatchObject({ id, status: 'CANCELED' });
    expect(stepStatuses(cancelOperation.operation!)).toEqual({
      transferSite: 'DONE',
      createPackage: 'DONE',
      waitForInstances: 'CANCELED',
    });
    expect(cancelOperation.operation?.finishedAt).toBeTruthy();
    // The wait let go of its product-instance poller, and the runner of the operation.
    expect(stack.gateway.polling.stats()).toMatchObject({ pollers: 0, listeners: 0 });
    expect(stack.gateway.operations.runner.runningCount).toBe(0);
    // What was bought stays bought; the operation stays canceled when Wix delivers later.
    expect(await w.packagesWithExternalId(externalIdFor(main(), idempotencyKey))).toHaveLength(1);
    await stack.sandbox.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await readOperation(stack, id)).status).toBe('CANCELED');
    // Canceling a finished operation changes nothing; an unknown one is NOT_FOUND.
    expect((await stack.data(FlowCancelOperationDocument, { input: { id } })).cancelOperation.operation?.status).toBe(
      'CANCELED',
    );
    const unknown = await stack.data(FlowCancelOperationDocument, {
      input: { id: toGlobalId('Operation', '00000000-0000-4000-8000-000000000000') },
    });
    expect(unknown.cancelOperation).toEqual({
      operation: null,
      userErrors: [{ code: 'NOT_FOUND', field: 'input.id', message: expect.any(String) }],
    });
  });

  it("a run's upstream calls carry the operation's ID as their request ID, apart from the submitting request's", async () => {
    await stack.sandbox.clearCalls();
    const id = await start((await w.freeSites(main()))[0] as string);
    expect((await finished(stack, id)).status).toBe('SUCCEEDED');
    const opId = fromGlobalId(id)?.wixId as string;
    const writes = writeCalls(await stack.sandbox.calls());
    // The transfer, its acceptance and the purchase: each sent by a step, with the operation's ID (Wix's logs and the
    // gateway's join on it), none with the ID of the request that submitted it.
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.every((c) => c.requestId === opId)).toBe(true);
  });

  it('a flow that succeeded is returned as is to a retry with its key (no new calls)', async () => {
    const site = (await w.freeSites(main()))[2] as string;
    const idempotencyKey = key();
    const id = await start(site, idempotencyKey);
    await finished(stack, id);
    await stack.sandbox.clearCalls();
    expect(await start(site, idempotencyKey)).toBe(id);
    expect(
      (await stack.sandbox.calls()).filter((c) => c.operation !== 'listChildAccounts' && c.operation !== 'getAccount'),
    ).toEqual([]);
  });
});
