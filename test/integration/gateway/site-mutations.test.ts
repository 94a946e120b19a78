import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/schema/node.type.js';
import {
  AccountSitesDocument,
  CreateSubAccountDocument,
  TransferSiteDocument,
  type TransferSiteInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectTopLevel, key, worldOf, writesIn } from './write-fixtures.js';

describe('gateway: transferSite and createSubAccount over the sandbox', () => {
  const stack = useStack();
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const sub = (i: number) => stack.sandbox.seed.subAccountIds[i] as string;
  const transfer = (input: TransferSiteInput, headers?: Record<string, string>) =>
    stack.data(TransferSiteDocument, { input }, headers);

  it('moves a free site to a sub-account: the TARGET in wix-account-id, the source in the body, the site re-read from the target', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const input = {
      idempotencyKey: key(),
      siteId: toGlobalId('Site', site),
      targetAccountId: toGlobalId('Account', sub(0)),
    };
    const { transferSite } = await transfer(input);
    expect(transferSite).toEqual({
      site: { id: toGlobalId('Site', site), wixId: site, ownerAccountId: sub(0), premium: false },
      userErrors: [],
    });
    expect((await w.world()).sites.get(site)?.ownerAccountId).toBe(sub(0));
    const calls = (await stack.sandbox.calls()).filter((c) => c.operation !== 'listChildAccounts');
    expect(calls.map((c) => [c.operation, c.accountId])).toEqual([
      ['transferSite', sub(0)],
      ['querySites', sub(0)],
    ]);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/b2b-site-management/v1/transfer-site', status: 200 });
    expect(calls[0]?.body).toEqual({
      siteTransfer: { siteId: site, sourceAccountId: main(), enableNotifications: false },
    });
    // A client retry with the same key replays the answer without moving anything again.
    await stack.sandbox.clearCalls();
    expect((await transfer(input)).transferSite).toEqual(transferSite);
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
    const conflict = await transfer({ ...input, enableNotifications: true });
    expect(conflict.transferSite.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('a site with paid services is refused with SITE_TRANSFER_NOT_SUPPORTED on input.siteId and stays put', async () => {
    const paid = (await w.assignedLive(main()))[0]!;
    const site = paid.instance.siteId as string;
    const idempotencyKey = key();
    const { transferSite } = await transfer({
      idempotencyKey,
      siteId: site,
      targetAccountId: sub(1),
      enableNotifications: true,
    });
    expect(transferSite.site).toBeNull();
    expect(transferSite.userErrors).toEqual([
      {
        code: 'SITE_TRANSFER_NOT_SUPPORTED',
        field: 'input.siteId',
        message: expect.stringContaining('paid Wix services'),
      },
    ]);
    expect((await w.world()).sites.get(site)?.ownerAccountId).toBe(main());
    expect(await stack.sandbox.calls('transferSite')).toHaveLength(1);
    // The refusal did not use up the key: after the paid service is canceled, the same request succeeds.
    for (const { pkg } of (await w.world()).instancesOfSite(site))
      await stack.sandbox.call('DELETE', `/resellers/v1/packages/${pkg.id}`, { accountId: pkg.accountId });
    const retried = await transfer({
      idempotencyKey,
      siteId: site,
      targetAccountId: sub(1),
      enableNotifications: true,
    });
    expect(retried.transferSite, JSON.stringify(retried)).toMatchObject({
      site: { ownerAccountId: sub(1) },
      userErrors: [],
    });
  });

  it('a site that is not in the source account is SITE_NOT_FOUND', async () => {
    const site = (await w.freeSites(sub(1)))[0] as string;
    const { transferSite } = await transfer({ idempotencyKey: key(), siteId: site, targetAccountId: sub(0) });
    expect(transferSite.userErrors).toEqual([
      { code: 'SITE_NOT_FOUND', field: 'input.siteId', message: expect.any(String) },
    ]);
  });

  it('a target outside the tree is FORBIDDEN with no upstream write', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    expectTopLevel(
      await stack.run(TransferSiteDocument, {
        input: { idempotencyKey: key(), siteId: site, targetAccountId: await w.foreignAccount() },
      }),
      'FORBIDDEN',
    );
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
    // A sub-account may not pull a site out of the main account either.
    expectTopLevel(
      await stack.run(
        TransferSiteDocument,
        { input: { idempotencyKey: key(), siteId: site } },
        { 'wix-account-id': sub(0) },
      ),
      'FORBIDDEN',
    );
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
    expect((await w.world()).sites.get(site)?.ownerAccountId).toBe(main());
  });

  it('bad input is BAD_USER_INPUT before any upstream call', async () => {
    const result = await stack.run(TransferSiteDocument, {
      input: { idempotencyKey: '', siteId: 'not-a-site', targetAccountId: toGlobalId('Site', main()) },
    });
    expectTopLevel(result, 'BAD_USER_INPUT', ['input.idempotencyKey', 'input.siteId', 'input.targetAccountId']);
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it('createSubAccount creates a child of the main account, usable at once; replays by key; a known email makes another account', async () => {
    const input = {
      idempotencyKey: key(),
      email: 'new.customer@example.com',
      firstName: 'Nova',
      lastName: 'Client',
      language: 'pt',
      emailVerified: true,
    };
    const { createSubAccount } = await stack.data(CreateSubAccountDocument, { input });
    expect(createSubAccount.userErrors).toEqual([]);
    const created = createSubAccount.account!.wixId;
    expect((await w.world()).accounts.get(created)?.accountProperties.parentAccountId).toBe(main());
    const calls = await stack.sandbox.calls('createAccount');
    expect(calls.map((c) => [c.method, c.path, c.accountId])).toEqual([
      ['POST', '/accounts/v1/accounts/create', main()],
    ]);
    expect(calls[0]?.body).toEqual({
      user: {
        email: { emailAddress: input.email, isVerified: true },
        userDetails: { firstName: 'Nova', lastName: 'Client', language: 'pt' },
      },
    });
    // The cached child-account list was forgotten: the new account is within reach at once.
    const account = await stack.data(AccountSitesDocument, { id: created, first: 5 });
    expect(account.account).toEqual({ wixId: created, sites: { nodes: [] } });
    expect((await stack.data(CreateSubAccountDocument, { input })).createSubAccount).toEqual(createSubAccount);
    expect(await stack.sandbox.calls('createAccount')).toHaveLength(1);
    // Wix documents that an email which already has a user still gets a new user and a new account.
    const again = await stack.data(CreateSubAccountDocument, { input: { ...input, idempotencyKey: key() } });
    expect(again.createSubAccount.userErrors).toEqual([]);
    expect(again.createSubAccount.account?.wixId).not.toBe(created);
    expect(await stack.sandbox.calls('createAccount')).toHaveLength(2);
  });

  it('createSubAccount is for the main account only, and validates its input first', async () => {
    expectTopLevel(
      await stack.run(
        CreateSubAccountDocument,
        { input: { idempotencyKey: key(), email: 'x@example.com' } },
        { 'wix-account-id': sub(0) },
      ),
      'FORBIDDEN',
    );
    const bad = await stack.run(CreateSubAccountDocument, {
      input: { idempotencyKey: key(), email: 'not-an-email', language: 'xx-YY', roles: ['bad role'] },
    });
    expectTopLevel(bad, 'BAD_USER_INPUT', ['input.email', 'input.language', 'input.roles']);
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
  });
});
