import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { Gateway } from '../../../src/server.js';
import {
  FlowCancelOperationDocument,
  FlowOperationDocument,
  FlowSetUpCustomerSiteDocument,
} from '../../gql/graphql.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { gatewayData, stepStatuses } from './flow-fixtures.js';
import { key } from './write-fixtures.js';

/**
 * Two gateways on one operation store (as README "Running several instances" describes): an operation runs on the
 * gateway that accepted it; a cancel sent to the other one finishes it in the store, and the runner that executes it
 * stops waiting at its next lease renewal instead of polling Wix for a canceled operation until the end of time.
 */
describe('flows: two gateways sharing the operation store', () => {
  let sandbox: TestSandbox;
  let dir: string;
  const gateways: Gateway[] = [];
  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    dir = mkdtempSync(join(tmpdir(), 'wag-two-'));
    for (let i = 0; i < 2; i++) {
      gateways.push(
        await Gateway.start({
          upstream: {
            baseUrl: sandbox.url,
            apiKey: sandbox.seed.apiKey,
            mainAccountId: sandbox.seed.mainAccountId,
            timeoutMs: 5_000,
          },
          polling: { intervalMs: 20, maxIntervalMs: 50, jitter: 0 },
          operations: { storePath: join(dir, 'operations.sqlite'), leaseMs: 600, retryDelayMs: 10 },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const g of gateways) await g.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function eventually(ok: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000): Promise<void> {
    for (
      const deadline = Date.now() + timeoutMs;
      !(await ok());
      await new Promise((resolve) => setTimeout(resolve, 20))
    )
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }

  it('a cancel through the other gateway stops the waiting runner; nothing is undone', async () => {
    const [a, b] = gateways as [Gateway, Gateway];
    const main = sandbox.seed.mainAccountId;
    const world = await sandbox.world();
    const site = [...world.sites.values()].find(
      (s) => s.ownerAccountId === main && !s.premium && world.instancesOfSite(s.id).length === 0,
    )?.id as string;
    const input = {
      idempotencyKey: key(),
      siteId: site,
      targetAccountId: sandbox.seed.subAccountIds[0] as string,
      products: [
        { catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR' as const, count: 1 } },
      ],
    };
    const id = (await gatewayData(a, FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation
      ?.id as string;
    await eventually(
      async () => (await gatewayData(a, FlowOperationDocument, { id })).operation?.status === 'WAITING',
      'the operation to wait for Wix',
    );
    expect(a.operations.runner.runningCount).toBe(1);

    const { cancelOperation } = await gatewayData(b, FlowCancelOperationDocument, { input: { id } });
    expect(cancelOperation.operation).toMatchObject({ id, status: 'CANCELED' });
    expect(stepStatuses(cancelOperation.operation!)).toEqual({
      transferSite: 'DONE',
      createPackage: 'DONE',
      waitForInstances: 'CANCELED',
    });
    // Gateway A lets go of it (within a lease renewal, 200 ms) while Wix has still not delivered.
    await eventually(
      () => a.operations.runner.runningCount === 0,
      'gateway A to stop running the canceled operation',
      2_000,
    );
    expect(a.polling.stats()).toMatchObject({ pollers: 0, listeners: 0 });

    await sandbox.clearCalls();
    await sandbox.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await gatewayData(a, FlowOperationDocument, { id })).operation;
    expect(after).toMatchObject({ status: 'CANCELED', updatedAt: cancelOperation.operation?.updatedAt });
    expect((await sandbox.world()).sites.get(site)?.ownerAccountId).toBe(input.targetAccountId);
    expect(
      (await sandbox.calls()).filter(
        (c) => c.method !== 'GET' && !['querySites', 'queryPackages'].includes(c.operation),
      ),
    ).toEqual([]);
  });
});
