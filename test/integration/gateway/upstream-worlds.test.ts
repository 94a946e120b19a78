import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import { Gateway } from '../../../src/server.js';
import { CreatePackageDocument, FlowSetUpCustomerSiteDocument } from '../../gql/graphql.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { eventually } from '../../helpers/ws.js';
import { customerSiteInput, gatewayData } from './flow-fixtures.js';
import { rawPackages } from './resellers-fixtures.js';

/**
 * Operations and ledger entries are bound to the upstream world they ran in. A sandbox restart (here: a reset, which
 * makes a new world with the same seed, so the same key, accounts and sites) with a gateway restart on the same store
 * file: the same key and input must not answer with the old world's result, and the new world gets what is bought.
 */
describe('idempotency is bound to the upstream world', () => {
  let sandbox: TestSandbox;
  let dir: string;
  let gateway: Gateway | undefined;
  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    dir = mkdtempSync(join(tmpdir(), 'wag-worlds-'));
  });
  afterAll(async () => {
    await gateway?.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async () => {
    gateway = await Gateway.start({
      upstream: {
        baseUrl: sandbox.url,
        apiKey: sandbox.seed.apiKey,
        mainAccountId: sandbox.seed.mainAccountId,
        timeoutMs: 5_000,
      },
      operations: { storePath: join(dir, 'operations.sqlite') },
    });
    return gateway;
  };

  it('createPackage: replayed in its world, bought anew in the next one', async () => {
    const input = {
      idempotencyKey: `world-pkg-${Date.now()}`,
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    };
    let gw = await start();
    const first = (await gatewayData(gw, CreatePackageDocument, { input })).createPackage.package?.wixId as string;
    const replay = (await gatewayData(gw, CreatePackageDocument, { input })).createPackage.package?.wixId;
    expect(replay).toBe(first);
    expect(await sandbox.calls('createPackage')).toHaveLength(1);

    await gw.close();
    await sandbox.reset(); // a new world: the package bought above is gone
    expect(await rawPackages(sandbox, { id: { $eq: first } })).toHaveLength(0);
    gw = await start();
    const again = (await gatewayData(gw, CreatePackageDocument, { input })).createPackage;
    expect(again.userErrors).toEqual([]);
    // Bought again in this world (the same seed makes the same IDs, so the ID alone proves nothing).
    expect(await sandbox.calls('createPackage')).toHaveLength(1);
    expect(await rawPackages(sandbox, { id: { $eq: again.package?.wixId } })).toHaveLength(1);
    await gw.close();
    gateway = undefined;
  });

  it('a flow: the new world gets a new operation that does the work there', async () => {
    const main = sandbox.seed.mainAccountId;
    const idempotencyKey = `world-flow-${Date.now()}`;
    const input = await customerSiteInput(sandbox, idempotencyKey);
    let gw = await start();
    const inA = (await gatewayData(gw, FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation?.id;
    await eventually(async () => {
      expect(await rawPackages(sandbox, { externalId: { $eq: externalIdFor(main, idempotencyKey) } })).toHaveLength(1);
    }, 10_000);
    await gw.close();

    await sandbox.reset();
    gw = await start();
    const inB = (await gatewayData(gw, FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation;
    expect(inB?.id).toBeTruthy();
    expect(inB?.id).not.toBe(inA);
    await eventually(async () => {
      expect(await sandbox.calls('transferSite')).toHaveLength(1);
      expect(await rawPackages(sandbox, { externalId: { $eq: externalIdFor(main, idempotencyKey) } })).toHaveLength(1);
    }, 10_000);
    await gw.close();
    gateway = undefined;
  }, 30_000);
});
