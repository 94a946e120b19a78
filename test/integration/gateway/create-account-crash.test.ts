import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSubAccountDocument } from '../../gql/graphql.js';
import { GatewayProcess } from '../../helpers/child.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { eventually } from '../../helpers/ws.js';

/**
 * Create Account has no idempotency at Wix: a second call makes a second account. A gateway killed while the call is
 * at Wix leaves a ledger reservation; a retry after it expired must not send the call again.
 */
describe('createSubAccount across a crash', () => {
  let sandbox: TestSandbox;
  let dir: string;
  const processes: GatewayProcess[] = [];
  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    dir = mkdtempSync(join(tmpdir(), 'wag-account-crash-'));
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async () => {
    const p = await GatewayProcess.start({
      WIX_API_KEY: sandbox.seed.apiKey,
      WIX_ACCOUNT_ID: sandbox.seed.mainAccountId,
      WIX_API_BASE_URL: sandbox.url,
      PORT: '0',
      HOST: '127.0.0.1',
      OPERATION_STORE_PATH: join(dir, 'operations.sqlite'),
      IDEMPOTENCY_RESERVATION_MS: '1000',
      AUTH: 'none', // on loopback: this test is about Create Account, not about callers
    });
    processes.push(p);
    return p;
  };

  it('SIGKILL while Create Account is at Wix: the retry after the reservation expired is not sent again', async () => {
    await sandbox.admin('POST', 'faults', { target: 'createAccount', latencyMs: 2_000, times: 1 });
    const input = { idempotencyKey: `crash-account-${Date.now()}`, email: 'crash.owner@example.com' };
    const first = await start();
    // Sent, and never answered: the process dies while Wix is working on it.
    void fetch(first.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CreateSubAccountDocument), variables: { input } }),
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await first.kill();

    const second = await start();
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the dead call's reservation expires
    const retry = (await second.data(CreateSubAccountDocument, { input })).createSubAccount;
    expect(retry.account).toBeNull();
    expect(retry.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['IDEMPOTENCY_OUTCOME_UNKNOWN', 'input.idempotencyKey'],
    ]);
    // Wix finished the one call it got; nothing else was sent, then or on a later retry.
    await eventually(async () => expect(await sandbox.calls('createAccount')).toHaveLength(1), 5_000);
    const again = (await second.data(CreateSubAccountDocument, { input })).createSubAccount;
    expect(again.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_OUTCOME_UNKNOWN']);
    expect(await sandbox.calls('createAccount')).toHaveLength(1);
  }, 60_000);
});
