import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  AccountPackagesDocument,
  PackageByIdDocument,
  ProductInstanceByIdDocument,
  ResellerNodeDocument,
  SubAccountPackagesDocument,
  SubAccountSitesAndPackagesDocument,
  SubAccountsPackagesOnlyDocument,
  ViewerAccountDocument,
} from '../../gql/graphql.js';
import type { CallRecord } from '@wix-account-graph/sandbox';
import { useStack } from '../../helpers/stack.js';
import { instancesOf, rawPackages } from './resellers-fixtures.js';

/** A GUID no account of the sandbox has. */
const OUTSIDER = '7a1c0b2e-0000-4000-8000-00000000beef';

const ops = (calls: CallRecord[]) => calls.map((c) => c.operation);
const count = (calls: CallRecord[], operation: string) => calls.filter((c) => c.operation === operation).length;
/** Reads only: GETs and the query POSTs. */
const onlyReads = (calls: CallRecord[]) =>
  calls.every((c) => c.method === 'GET' || c.operation === 'queryPackages' || c.operation === 'querySites');

describe('gateway: accounts, sub-accounts and tenancy over the sandbox', () => {
  const stack = useStack();
  const seed = () => stack.sandbox.seed;

  it('viewer answers its name (Get Account) and its sub-accounts (List Child Accounts)', async () => {
    const data = await stack.data(ViewerAccountDocument);
    expect(data.viewer).toEqual({
      id: toGlobalId('Account', seed().mainAccountId),
      wixId: seed().mainAccountId,
      name: 'Pixel & Co Agency',
      subAccounts: seed().subAccountIds.map((wixId) => ({ wixId })),
    });
    const calls = await stack.sandbox.calls();
    expect(count(calls, 'getAccount')).toBe(1);
    expect(count(calls, 'listChildAccounts')).toBeLessThanOrEqual(1);
    expect(calls).toHaveLength(count(calls, 'getAccount') + count(calls, 'listChildAccounts'));
  });

  it('viewer { subAccounts { packages } }: one Query Packages for every sub-account, values as upstream', async () => {
    const raw = await rawPackages(stack.sandbox);
    await stack.sandbox.clearCalls();
    const data = await stack.data(SubAccountsPackagesOnlyDocument, { first: 100 });
    expect(data.viewer.subAccounts!.map((a) => a.wixId)).toEqual(seed().subAccountIds);
    for (const sub of data.viewer.subAccounts!) {
      const own = raw.filter((p) => p.accountId === sub.wixId);
      expect(own.length).toBeGreaterThan(0);
      expect(sub.packages!.totalCount).toBe(own.length);
      expect(sub.packages!.nodes).toEqual(
        own.map((p) => ({
          wixId: p.id,
          accountId: sub.wixId,
          productInstances: p.productInstances.map((i) => ({
            wixId: i.instanceId,
            status: i.status,
            siteWixId: i.siteId ?? null,
          })),
        })),
      );
    }
    const calls = await stack.sandbox.calls();
    expect(count(calls, 'listChildAccounts')).toBeLessThanOrEqual(1);
    expect(count(calls, 'queryPackages')).toBe(1);
    expect(calls).toHaveLength(count(calls, 'listChildAccounts') + 1);
    const query = calls.find((c) => c.operation === 'queryPackages');
    expect(query?.accountId).toBe(seed().mainAccountId);
    const filter = (query?.body as { query: { filter: { accountId: { $in: string[] } } } }).query.filter;
    expect(Object.keys(filter)).toEqual(['accountId']);
    expect([...filter.accountId.$in].sort()).toEqual([...seed().subAccountIds].sort());
  });

  it("the main account's packages join the sub-accounts' batch: one Query Packages for the whole tree", async () => {
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: seed().mainAccountId } });
    await stack.sandbox.clearCalls();
    const data = await stack.data(SubAccountPackagesDocument, { first: 100 });
    expect(data.viewer.packages!.nodes.map((p) => p.wixId)).toEqual(raw.map((p) => p.id));
    expect(data.viewer.subAccounts!.map((a) => a.name)).toEqual(['Blue Bakery', 'Nordic Yoga', 'Casa Verde']);
    expect(data.viewer.subAccounts!.every((a) => a.packages!.nodes.every((p) => p.accountId === a.wixId))).toBe(true);
    const calls = await stack.sandbox.calls();
    expect(count(calls, 'queryPackages')).toBe(1);
    expect(count(calls, 'getAccount')).toBe(3);
    const filter = (
      calls.find((c) => c.operation === 'queryPackages')?.body as {
        query: { filter: { accountId: { $in: string[] } } };
      }
    ).query.filter;
    expect([...filter.accountId.$in].sort()).toEqual([seed().mainAccountId, ...seed().subAccountIds].sort());
  });

  it('account(id) reaches a sub-account by GUID or global ID', async () => {
    const sub = seed().subAccountIds[1] as string;
    const raw = await rawPackages(stack.sandbox, { accountId: { $eq: sub } });
    for (const id of [sub, toGlobalId('Account', sub)]) {
      const data = await stack.data(AccountPackagesDocument, { id, first: 100 });
      expect(data.account).toEqual({
        wixId: sub,
        name: 'Nordic Yoga',
        packages: { nodes: raw.map((p) => ({ wixId: p.id, accountId: sub })) },
      });
    }
  });

  it('account(id) outside the tree is FORBIDDEN, with no upstream write', async () => {
    const result = await stack.run(AccountPackagesDocument, { id: OUTSIDER, first: 10 });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // account(id:) is nullable (issue 13): the refusal nulls it alone, sibling fields would keep their data.
    expect(result.data).toEqual({ account: null });
    const calls = await stack.sandbox.calls();
    expect(ops(calls).every((o) => o === 'listChildAccounts')).toBe(true);
    expect(onlyReads(calls)).toBe(true);
  });

  it('a sub-account sees only its own sites, packages and instances, and has no sub-accounts', async () => {
    const sub = seed().subAccountIds[0] as string;
    const headers = { 'wix-account-id': sub };
    const own = await rawPackages(stack.sandbox, { accountId: { $eq: sub } });
    const ownSites = (
      await stack.sandbox.call('POST', '/site-list/v2/sites/query', {
        accountId: sub,
        body: { query: { cursorPaging: { limit: 100 } } },
      })
    ).body.sites.map((s: { id: string }) => s.id);
    await stack.sandbox.clearCalls();
    const data = await stack.data(SubAccountSitesAndPackagesDocument, { first: 100 }, headers);
    expect(data.viewer.wixId).toBe(sub);
    expect(data.viewer.subAccounts).toEqual([]);
    expect(data.viewer.sites!.nodes.map((s) => s.wixId).sort()).toEqual([...ownSites].sort());
    expect(data.viewer.sites!.nodes.every((s) => s.ownerAccountId === sub)).toBe(true);
    const ownInstances = new Set(instancesOf(own).map(({ instance }) => instance.instanceId));
    const shown = data.viewer.sites!.nodes.flatMap((s) => s.productInstances!.map((i) => i.wixId));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((id) => ownInstances.has(id))).toBe(true);
    expect(data.viewer.packages!.nodes).toEqual(own.map((p) => ({ wixId: p.id, accountId: sub })));
    expect(data.viewer.floatingProductInstances).toEqual([]);
    const calls = await stack.sandbox.calls();
    expect(calls.filter((c) => c.operation !== 'listChildAccounts').every((c) => c.accountId === sub)).toBe(true);
    expect(count(calls, 'queryPackages')).toBe(2);
    expect(onlyReads(calls)).toBe(true);
  });

  it('a sub-account cannot reach the main account, a sibling, or their packages and instances', async () => {
    const [sub, sibling] = seed().subAccountIds as [string, string];
    const headers = { 'wix-account-id': sub };
    const mainPkgs = await rawPackages(stack.sandbox, { accountId: { $eq: seed().mainAccountId } });
    const mainPkg = mainPkgs[0] as (typeof mainPkgs)[number];
    const mainInstance = mainPkg.productInstances[0]?.instanceId as string;
    for (const id of [seed().mainAccountId, sibling, OUTSIDER]) {
      const result = await stack.run(AccountPackagesDocument, { id, first: 10 }, headers);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await stack.data(PackageByIdDocument, { id: mainPkg.id }, headers)).package).toBeNull();
    expect((await stack.data(ProductInstanceByIdDocument, { id: mainInstance }, headers)).productInstance).toBeNull();
    expect(
      (await stack.data(ResellerNodeDocument, { id: toGlobalId('Package', mainPkg.id) }, headers)).node,
    ).toBeNull();
    // The main account sees the same package.
    expect((await stack.data(PackageByIdDocument, { id: mainPkg.id })).package?.wixId).toBe(mainPkg.id);
    expect(onlyReads(await stack.sandbox.calls())).toBe(true);
  });
});
