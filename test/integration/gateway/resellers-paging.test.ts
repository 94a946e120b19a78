import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPackagesDocument, SubAccountsPackagesOnlyDocument } from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';

const GOOGLE_WORKSPACE = '53cfc9f8-197a-4e12-b570-ad9ed0cb4e2c';

describe('gateway: Query Packages beyond one Wix page', () => {
  let stack: TestStack;
  let sub: string;
  beforeAll(async () => {
    stack = await TestStack.start();
    sub = stack.sandbox.seed.subAccountIds[2] as string;
    // 120 more floating packages on one sub-account: its packages no longer fit one Wix page of 100.
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const res = await stack.sandbox.call('POST', '/resellers/v2/packages', {
            accountId: sub,
            body: { products: [{ catalogProductId: GOOGLE_WORKSPACE, countryCode: 'US' }] },
          });
          if (res.status !== 200) throw new Error(`Create Package answered ${res.status}: ${JSON.stringify(res.body)}`);
        }),
      );
    }
  });
  afterAll(async () => stack.close());

  it('follows Wix cursors while hasNext, sending only the cursor on follow-ups', async () => {
    await stack.sandbox.clearCalls();
    const data = await stack.data(AccountPackagesDocument, { id: sub, first: 100 });
    expect(data.account!.packages!.nodes).toHaveLength(100);
    const calls = await stack.sandbox.calls('queryPackages');
    expect(calls).toHaveLength(2);
    expect((calls[0]?.body as { query: unknown }).query).toEqual({
      filter: { accountId: { $in: [sub] } },
      cursorPaging: { limit: 100 },
    });
    expect((calls[1]?.body as { query: unknown }).query).toEqual({
      cursorPaging: { limit: 100, cursor: expect.any(String) },
    });
  });

  it("every sub-account's packages still come from one query (one Wix page after another)", async () => {
    await stack.sandbox.clearCalls();
    const data = await stack.data(SubAccountsPackagesOnlyDocument, { first: 100 });
    const counts = Object.fromEntries(data.viewer.subAccounts!.map((a) => [a.wixId, a.packages!.totalCount]));
    expect(counts[sub]).toBe(122);
    expect(Object.values(counts)).toEqual([2, 2, 122]);
    // One query for the three accounts: 126 packages = two Wix pages.
    expect(await stack.sandbox.calls('queryPackages')).toHaveLength(2);
  });
});
