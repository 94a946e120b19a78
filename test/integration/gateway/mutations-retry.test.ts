import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT } from '@wix-account-graph/sandbox';
import { CreatePackageDocument, CreateSubAccountDocument, TransferSiteDocument } from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';
import { expectTopLevel, key, worldOf } from './write-fixtures.js';

/**
 * Single paid or irreversible mutations under concurrent duplicates and lost answers. The sandbox's latency faults
 * delay a write past the gateway's wait for a duplicate (200 ms) or past its upstream timeout (1 s, in the second
 * stack), and the sandbox still acts once the latency is over (an answer lost on the way, as far as the gateway can
 * tell).
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await ok()); await sleep(20))
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
}
const fault = (stack: TestStack, rule: Record<string, unknown>) => stack.sandbox.admin('POST', 'faults', rule);

describe("gateway: a keyed mutation's duplicate that outlives the wait", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ gateway: { operations: { storePath: ':memory:', idempotencyWaitMs: 200 } } });
  });
  afterAll(async () => stack.close());

  it('a duplicate that outlives the wait is IDEMPOTENCY_IN_PROGRESS; the first buys once and a later retry replays it', async () => {
    // 1 s: past the duplicate's 200 ms wait, inside the 5 s upstream timeout.
    await fault(stack, { target: 'createPackage', latencyMs: 1_000, times: 1 });
    const input = {
      idempotencyKey: key(),
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    };
    const send = async () => (await stack.data(CreatePackageDocument, { input })).createPackage;
    const answers = await Promise.all([send(), sleep(50).then(send)]);
    // Whichever reserved the key first bought; the other waited 200 ms and gave up.
    const bought = answers.find((a) => a.package) as (typeof answers)[number];
    const duplicate = answers.find((a) => a !== bought);
    expect(duplicate).toEqual({
      package: null,
      userErrors: [
        {
          code: 'IDEMPOTENCY_IN_PROGRESS',
          field: 'input.idempotencyKey',
          message: expect.stringContaining('still running'),
        },
      ],
    });
    expect(bought.userErrors).toEqual([]);
    expect((await stack.data(CreatePackageDocument, { input })).createPackage).toEqual(bought);
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
  });
});

describe('gateway: keyed mutations whose answer was lost', () => {
  let stack: TestStack;
  let w: ReturnType<typeof worldOf>;
  beforeAll(async () => {
    stack = await TestStack.start({ timeoutMs: 1_000 });
    w = worldOf(stack);
  });
  afterAll(async () => stack.close());
  beforeEach(async () => {
    await stack.sandbox.reset();
    await stack.sandbox.clearCalls();
  });
  const main = () => stack.sandbox.seed.mainAccountId;

  it('createSubAccount whose answer was lost is not sent again with its key: IDEMPOTENCY_OUTCOME_UNKNOWN, one account', async () => {
    await fault(stack, { target: 'createAccount', latencyMs: 2_500, times: 1 });
    const input = { idempotencyKey: key(), email: 'lost.answer@example.com', firstName: 'Lost' };
    expectTopLevel(await stack.run(CreateSubAccountDocument, { input }), 'UPSTREAM_TIMEOUT');
    const owned = async () =>
      [...(await w.world()).accounts.values()].filter((a) => a.accountOwner.toLowerCase() === input.email);
    await eventually(async () => (await owned()).length === 1, 'the sandbox to create the account');
    const retry = (await stack.data(CreateSubAccountDocument, { input })).createSubAccount;
    expect(retry).toEqual({
      account: null,
      userErrors: [
        {
          code: 'IDEMPOTENCY_OUTCOME_UNKNOWN',
          field: 'input.idempotencyKey',
          message: expect.stringContaining('may have taken effect'),
        },
      ],
    });
    expect(await stack.sandbox.calls('createAccount')).toHaveLength(1);
    expect(await owned()).toHaveLength(1);
    // Only a new key sends it again — and makes a second account for the same email (documented Wix behaviour).
    const fresh = (await stack.data(CreateSubAccountDocument, { input: { ...input, idempotencyKey: key() } }))
      .createSubAccount;
    expect(fresh.userErrors).toEqual([]);
    expect(await stack.sandbox.calls('createAccount')).toHaveLength(2);
    expect(await owned()).toHaveLength(2);
  });

  it('transferSite retried after a lost answer answers the site where it went, not SITE_NOT_FOUND', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const target = stack.sandbox.seed.subAccountIds[0] as string;
    await fault(stack, { target: 'transferSite', latencyMs: 2_500, times: 1 });
    const input = { idempotencyKey: key(), siteId: site, targetAccountId: target };
    expectTopLevel(await stack.run(TransferSiteDocument, { input }), 'UPSTREAM_TIMEOUT');
    await eventually(
      async () => (await w.world()).sites.get(site)?.ownerAccountId === target,
      'the sandbox to move the site',
    );
    const retry = (await stack.data(TransferSiteDocument, { input })).transferSite;
    expect(retry).toMatchObject({ site: { wixId: site, ownerAccountId: target }, userErrors: [] });
    // The retry asked Wix once more (refused: not in the source any more) and read the site in the target.
    expect((await stack.sandbox.calls('transferSite')).map((c) => c.status)).toEqual([200, 400]);
    expect((await stack.data(TransferSiteDocument, { input })).transferSite).toEqual(retry);
    expect(await stack.sandbox.calls('transferSite')).toHaveLength(2);
  });
});
