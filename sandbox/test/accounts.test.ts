import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';

describe('sandbox: Accounts (create, create as collaborator, get, list child accounts)', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
    user: {
      email: { emailAddress: email, isVerified: true },
      userDetails: { firstName: 'Ana', lastName: 'Lima', language: 'pt' },
    },
    ...extra,
  });

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('creates a child of the header account, answers {account: {accountId}}, and Get Account reads it', async () => {
    const res = await sb.call('POST', '/accounts/v1/accounts/create', {
      body: newUser('ana@example.com', { roles: ['OWNER'] }),
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['account']);
    expect(Object.keys(res.body.account)).toEqual(['accountId']);
    const id = res.body.account.accountId;
    const got = await sb.call('GET', `/accounts/v1/accounts/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.account).toMatchObject({
      accountId: id,
      accountName: 'Ana Lima',
      status: 'ACTIVE',
      accountOwner: 'ana@example.com',
      accountProperties: { parentAccountId: sb.seed.mainAccountId },
    });
    // The new account is usable at once as a wix-account-id under the main key.
    expect((await sb.call('POST', '/site-list/v2/sites/query', { accountId: id, body: {} })).body.sites).toEqual([]);
    const grandchild = await sb.call('POST', '/accounts/v1/accounts/create', {
      accountId: id,
      body: newUser('kid@example.com'),
    });
    expect(world().accounts.get(grandchild.body.account.accountId)?.accountProperties.parentAccountId).toBe(id);
  });

  it('creates a new user and account for an email that already has one (documented); 400 for a malformed one', async () => {
    const first = await sb.call('POST', '/accounts/v1/accounts/create', { body: newUser('dup@example.com') });
    expect(first.status).toBe(200);
    const dup = await sb.call('POST', '/accounts/v1/accounts/create', { body: newUser('DUP@example.com') });
    expect(dup.status).toBe(200);
    expect(dup.body.account.accountId).not.toBe(first.body.account.accountId);
    expect(world().accounts.get(dup.body.account.accountId)?.accountOwner).toBe('DUP@example.com');
    const seeded = [...world().accounts.values()][0]!.accountOwner;
    expect((await sb.call('POST', '/accounts/v1/accounts/create', { body: newUser(seeded) })).status).toBe(200);
    expect((await sb.call('POST', '/accounts/v1/accounts/create', { body: {} })).status).toBe(400);
    const bad = await sb.call('POST', '/accounts/v1/accounts/create', {
      body: {
        user: { email: { emailAddress: 'not-an-email' }, userDetails: { language: 'portuguese' } },
        roles: 'OWNER',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field)).toEqual([
      'user.email.emailAddress',
      'user.userDetails.language',
      'roles',
    ]);
  });

  it('creates an account as collaborator on a site of the header account', async () => {
    const siteId = [...world().sites.values()].find((s) => s.ownerAccountId === sb.seed.mainAccountId)!.id;
    const res = await sb.call('POST', '/accounts/v1/accounts/create-as-collaborator', {
      body: { ...newUser('collab@example.com'), siteId, roles: ['Website Manager'] },
    });
    expect(res.status).toBe(200);
    const id = res.body.account.accountId;
    expect(world().sites.get(siteId)?.contributorAccountIds).toContain(id);
    expect(world().accounts.get(id)?.accountProperties.parentAccountId).toBe(sb.seed.mainAccountId);
    const subSite = [...world().sites.values()].find((s) => s.ownerAccountId === sb.seed.subAccountIds[0])!.id;
    const refused = await sb.call('POST', '/accounts/v1/accounts/create-as-collaborator', {
      body: { ...newUser('other@example.com'), siteId: subSite },
    });
    expect(refused.status).toBe(404);
    expect(refused.body.details.applicationError.code).toBe('SITE_NOT_FOUND');
    expect(
      (await sb.call('POST', '/accounts/v1/accounts/create-as-collaborator', { body: newUser('nosite@example.com') }))
        .status,
    ).toBe(400);
  });

  it("Get Account answers 404 ACCOUNT_NOT_FOUND outside the key's tree", async () => {
    const foreign = [...world().accounts.values()].find(
      (a) => !a.accountProperties.parentAccountId && a.accountId !== sb.seed.mainAccountId,
    )!;
    const res = await sb.call('GET', `/accounts/v1/accounts/${foreign.accountId}`);
    expect(res.status).toBe(404);
    expect(res.body.details.applicationError.code).toBe('ACCOUNT_NOT_FOUND');
    const sub = await sb.call('GET', `/accounts/v1/accounts/${sb.seed.subAccountIds[0]}`);
    expect(sub.body.account.accountProperties.parentAccountId).toBe(sb.seed.mainAccountId);
  });

  it('lists child accounts with offset pagingMetadata (default 20, max 50)', async () => {
    for (let i = 0; i < 22; i++)
      await sb.call('POST', '/accounts/v1/accounts/create', { body: newUser(`child${i}@example.com`) });
    const first = await sb.call('GET', '/accounts/v1/account/child-accounts');
    expect(first.status).toBe(200);
    expect(first.body.childAccounts).toHaveLength(20);
    expect(first.body.pagingMetadata).toEqual({
      count: 20,
      offset: 0,
      total: 25,
      tooManyToCount: false,
      hasNext: true,
    });
    expect(
      first.body.childAccounts
        .slice(0, 3)
        .map((c: { accountId: string }) => c.accountId)
        .sort(),
    ).toEqual([...sb.seed.subAccountIds].sort());
    const rest = await sb.call('GET', '/accounts/v1/account/child-accounts?paging.limit=50&paging.offset=20');
    expect(rest.body.pagingMetadata).toEqual({
      count: 5,
      offset: 20,
      total: 25,
      tooManyToCount: false,
      hasNext: false,
    });
    expect((await sb.call('GET', '/accounts/v1/account/child-accounts?paging.limit=51')).status).toBe(400);
    const none = await sb.call('GET', '/accounts/v1/account/child-accounts', { accountId: sb.seed.subAccountIds[0] });
    expect(none.body).toEqual({
      childAccounts: [],
      pagingMetadata: { count: 0, offset: 0, total: 0, tooManyToCount: false, hasNext: false },
    });
  });
});
