import { describe, expect, it } from 'vitest';
import { AccountSitesDocument, NodeByIdDocument, SitesPageDocument, ViewerIdDocument } from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';

const FOREIGN = '0a0b0c0d-1111-4222-8333-444455556666';

describe('gateway: tenancy', () => {
  const stack = useStack();

  const writes = async () =>
    (await stack.sandbox.calls()).filter(
      (c) => c.method !== 'GET' && !['querySites', 'queryPackages'].includes(c.operation),
    );

  it('defaults to the main account', async () => {
    const data = await stack.data(ViewerIdDocument);
    expect(data.viewer.wixId).toBe(stack.sandbox.seed.mainAccountId);
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('acts on a sub-account given in the wix-account-id header, and shows only its sites', async () => {
    const sub = stack.sandbox.seed.subAccountIds[1] as string;
    const data = await stack.data(SitesPageDocument, { first: 100 }, { 'wix-account-id': sub });
    expect(data.sites!.edges).toHaveLength(8);
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => [c.operation, c.accountId])).toEqual([
      ['listChildAccounts', stack.sandbox.seed.mainAccountId],
      ['querySites', sub],
    ]);
    const mainSite = stack.sandbox.seed.siteIds[0] as string;
    const seen = data.sites!.edges.map((e) => e.node.wixId);
    expect(seen).not.toContain(mainSite);
  });

  it('refuses an account outside the main account tree with FORBIDDEN and no upstream write', async () => {
    const header = await stack.run(ViewerIdDocument, undefined, { 'wix-account-id': FOREIGN });
    expect(header.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(header.data ?? null).toBeNull();
    const arg = await stack.run(AccountSitesDocument, { id: FOREIGN, first: 5 });
    expect(arg.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await writes()).toEqual([]);
    expect((await stack.sandbox.calls()).every((c) => c.operation === 'listChildAccounts')).toBe(true);
  });

  it('lets the main account reach a sub-account by argument, but not a sub-account reach its sibling', async () => {
    const [a, b] = stack.sandbox.seed.subAccountIds as [string, string];
    const ok = await stack.data(AccountSitesDocument, { id: a, first: 100 });
    expect(ok.account!.sites!.nodes).toHaveLength(8);
    const denied = await stack.run(AccountSitesDocument, { id: b, first: 5 }, { 'wix-account-id': a });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('caches the child-account list briefly across requests', async () => {
    const sub = stack.sandbox.seed.subAccountIds[0] as string;
    await stack.data(ViewerIdDocument, undefined, { 'wix-account-id': sub });
    await stack.data(ViewerIdDocument, undefined, { 'wix-account-id': sub });
    expect((await stack.sandbox.calls('listChildAccounts')).length).toBeLessThanOrEqual(1);
  });

  it('refuses a malformed header with BAD_USER_INPUT', async () => {
    const res = await stack.run(ViewerIdDocument, undefined, { 'wix-account-id': 'not-a-guid' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('node(id) refetches a site and an account by global ID', async () => {
    const page = await stack.data(SitesPageDocument, { first: 1 });
    const site = page.sites!.edges[0]?.node;
    const node = await stack.data(NodeByIdDocument, { id: site?.id as string });
    expect(node.node).toMatchObject({ wixId: site?.wixId });
    const bad = await stack.run(NodeByIdDocument, { id: 'garbage' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
