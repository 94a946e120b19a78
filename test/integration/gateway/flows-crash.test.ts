import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import { FlowOperationDocument, FlowSetUpCustomerSiteDocument } from '../../gql/graphql.js';
import { GatewayProcess } from '../../helpers/child.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { customerSiteInput } from './flow-fixtures.js';
import { rawPackages } from './resellers-fixtures.js';

/**
 * The gateway process is killed (SIGKILL, no shutdown) right after a flow's package was created, while the flow
 * waits for Wix to deliver it (the sandbox's manual clock does not move). A new process on the same operation store
 * resumes the operation once the dead one's lease expired, and finishes it when the clock moves; a client retry
 * with the same key gets the same operation; Wix holds exactly one package for the key.
 */
describe('flows: a gateway killed mid-flow resumes the operation after a restart', () => {
  let sandbox: TestSandbox;
  let dir: string;
  const processes: GatewayProcess[] = [];
  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    dir = mkdtempSync(join(tmpdir(), 'wag-crash-'));
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    WIX_API_KEY: sandbox.seed.apiKey,
    WIX_ACCOUNT_ID: sandbox.seed.mainAccountId,
    WIX_API_BASE_URL: sandbox.url,
    PORT: '0',
    HOST: '127.0.0.1',
    OPERATION_STORE_PATH: join(dir, 'operations.sqlite'),
    // A Wix key needs an authentication mode: none is allowed on loopback, and chosen explicitly.
    AUTH: 'none',
    AUTH_STORE_PATH: join(dir, 'auth.sqlite'),
    OPERATION_LEASE_MS: '1000',
    POLL_INTERVAL_MS: '50',
    POLL_MAX_INTERVAL_MS: '200',
  });
  const start = async () => {
    const p = await GatewayProcess.start(env());
    processes.push(p);
    return p;
  };

  async function eventually<T>(
    read: () => Promise<T>,
    ok: (value: T) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('completes the operation after the restart and never buys twice', async () => {
    const main = sandbox.seed.mainAccountId;
    const idempotencyKey = `crash-${Date.now()}`;
    const input = await customerSiteInput(sandbox, idempotencyKey);
    const site = input.siteId;

    const first = await start();
    const id = (await first.data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite.operation?.id as string;
    expect(id).toBeTruthy();
    await eventually(
      () => sandbox.calls('createPackage'),
      (calls) => calls.length === 1,
      'the package to be created',
    );
    await first.kill();

    const second = await start();
    // Wix has not delivered yet (the clock stands still): the operation is unfinished, as the dead process saved it —
    // RUNNING when the kill came before the wait step was saved, WAITING after.
    expect((await second.data(FlowOperationDocument, { id })).operation?.status).toMatch(/^(RUNNING|WAITING)$/);
    await sandbox.advance(60_000);
    const op = await eventually(
      async () => (await second.data(FlowOperationDocument, { id })).operation,
      (o) => o?.status === 'SUCCEEDED' || o?.status === 'FAILED',
      'the resumed operation to finish',
    );
    expect(op).toMatchObject({ id, status: 'SUCCEEDED', userErrors: [] });
    // The package step is DONE when the dead process saved it, SKIPPED when the resumed runner found the package by
    // its externalId; the wait is DONE when the resumed runner was waiting as the clock moved, SKIPPED when its lease
    // came later. Either way: one purchase (below).
    expect(op?.steps.map((s) => s.status)).toEqual([
      'DONE',
      expect.stringMatching(/^(DONE|SKIPPED)$/),
      expect.stringMatching(/^(DONE|SKIPPED)$/),
    ]);
    expect(op?.result).toMatchObject({
      __typename: 'SetUpCustomerSiteResult',
      site: { wixId: site, ownerAccountId: input.targetAccountId, premium: true },
    });

    const retry = (await second.data(FlowSetUpCustomerSiteDocument, { input })).setUpCustomerSite;
    expect(retry.operation?.id).toBe(id);
    expect(await sandbox.calls('createPackage')).toHaveLength(1);
    expect(await sandbox.calls('transferSite')).toHaveLength(1);
    expect(await rawPackages(sandbox, { externalId: { $eq: externalIdFor(main, idempotencyKey) } })).toHaveLength(1);
  }, 90_000);
});
