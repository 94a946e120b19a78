import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FlowOperationDocument,
  FlowSetUpCustomerSiteDocument,
  ProductInstanceUpdatedDocument,
} from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';
import { TestSubscription, eventually, wsClient } from '../../helpers/ws.js';
import { customerSiteInput } from './flow-fixtures.js';

/**
 * A flow that paid must be able to wait for what it bought: with the account's subscription cap
 * (MAX_POLLERS_PER_TENANT) filled by subscriptions, a buying flow still waits on its instances and succeeds.
 */
describe("flows: subscriptions cannot starve a flow's waits", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({
      gateway: { polling: { maxPollersPerTenant: 1, intervalMs: 50, maxIntervalMs: 200 } },
    });
  });
  afterAll(async () => stack.close());

  it('with the cap reached by subscriptions, setUpCustomerSite waits for its instances and succeeds', async () => {
    const main = stack.sandbox.seed.mainAccountId;
    const world = await stack.sandbox.world();
    const pending = [...world.packages.values()]
      .filter((p) => p.accountId === main)
      .flatMap((p) => p.productInstances)
      .filter((i) => i.status === 'PENDING')
      .map((i) => i.instanceId);
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const client = wsClient(stack.gateway.url);
    try {
      const subs = pending
        .slice(0, 1)
        .map((id) => new TestSubscription(client, ProductInstanceUpdatedDocument, { id }));
      for (const s of subs) await s.data();
      // The cap is full: another resource is refused to subscribers.
      const third = new TestSubscription(client, ProductInstanceUpdatedDocument, { id: pending[1] as string });
      expect((await third.next()).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED' });

      const input = await customerSiteInput(stack.sandbox, `starve-${Date.now()}`);
      const id = (await stack.data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation?.id as string;
      const status = async () => (await stack.data(FlowOperationDocument, { id })).operation;
      await eventually(async () => expect((await status())?.status).toBe('WAITING'), 10_000);
      await stack.sandbox.advance(60_000);
      await eventually(async () => expect((await status())?.status).toBe('SUCCEEDED'), 10_000);
      expect((await status())?.userErrors).toEqual([]);
    } finally {
      await client.dispose();
    }
  }, 30_000);
});
