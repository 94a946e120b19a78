import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';

const TRANSFER = '/b2b-site-management/v1/transfer-site';

describe('sandbox: Transfer Site (POST /b2b-site-management/v1/transfer-site)', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  const freeSites = (accountId: string) =>
    [...world().sites.values()]
      .filter((s) => s.ownerAccountId === accountId && world().instancesOfSite(s.id).length === 0 && !s.premium)
      .map((s) => s.id);
  const foreign = () => {
    const account = [...world().accounts.values()].find(
      (a) => !a.accountProperties.parentAccountId && a.accountId !== sb.seed.mainAccountId,
    )!;
    return { accountId: account.accountId, key: [...world().apiKeys].find(([, id]) => id === account.accountId)![0] };
  };
  const transfer = (target: string | null, siteTransfer: unknown, apiKey?: string) =>
    sb.call('POST', TRANSFER, { accountId: target, body: { siteTransfer }, ...(apiKey ? { apiKey } : {}) });
  const expectCode = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.details.applicationError.code).toBe(code);
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('TV6: moves a free site to a sub-account (target in the header) and echoes the request', async () => {
    const main = sb.seed.mainAccountId;
    const target = sb.seed.subAccountIds[0] as string;
    const siteId = freeSites(main)[0] as string;
    const res = await transfer(target, { siteId, sourceAccountId: main, enableNotifications: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ siteTransfer: { siteId, sourceAccountId: main, enableNotifications: false } });
    expect(world().sites.get(siteId)?.ownerAccountId).toBe(target);
    expect(world().sites.get(siteId)?.contributorAccountIds).toContain(target);
    const targetSites = await sb.call('POST', '/site-list/v2/sites/query', {
      accountId: target,
      body: { query: { filter: { id: siteId } } },
    });
    expect(targetSites.body.sites).toHaveLength(1);
    // enableNotifications defaults to false; a sub-account → main move is allowed too.
    const back = await transfer(main, { siteId, sourceAccountId: target });
    expect(back.body.siteTransfer.enableNotifications).toBe(false);
    expect(world().sites.get(siteId)?.ownerAccountId).toBe(main);
  });

  it('answers TARGET_ACCOUNT_ID_NOT_FOUND (428) for an unknown target and 400 without one', async () => {
    const siteId = freeSites(sb.seed.mainAccountId)[0];
    expectCode(
      await transfer('99999999-9999-4999-8999-999999999999', { siteId, sourceAccountId: sb.seed.mainAccountId }),
      428,
      'TARGET_ACCOUNT_ID_NOT_FOUND',
    );
    expect((await transfer(null, { siteId, sourceAccountId: sb.seed.mainAccountId })).status).toBe(400);
  });

  it("answers SITE_TRANSFER_NOT_ALLOWED (403) for a target or source outside the key's tree", async () => {
    const main = sb.seed.mainAccountId;
    const siteId = freeSites(main)[0];
    const other = foreign();
    expectCode(await transfer(other.accountId, { siteId, sourceAccountId: main }), 403, 'SITE_TRANSFER_NOT_ALLOWED');
    const foreignSite = freeSites(other.accountId)[0];
    expectCode(
      await transfer(sb.seed.subAccountIds[0] as string, { siteId: foreignSite, sourceAccountId: other.accountId }),
      403,
      'SITE_TRANSFER_NOT_ALLOWED',
    );
    // With its own key the unrelated account can't pull agency sites either.
    expectCode(
      await transfer(other.accountId, { siteId, sourceAccountId: main }, other.key),
      403,
      'SITE_TRANSFER_NOT_ALLOWED',
    );
    expect(world().sites.get(siteId as string)?.ownerAccountId).toBe(main);
  });

  it('answers SITE_NOT_FOUND (400) when the site is not in the source account', async () => {
    const sub = sb.seed.subAccountIds[1] as string;
    const siteOfSub = freeSites(sub)[0];
    expectCode(
      await transfer(sb.seed.subAccountIds[0] as string, { siteId: siteOfSub, sourceAccountId: sb.seed.mainAccountId }),
      400,
      'SITE_NOT_FOUND',
    );
    expectCode(
      await transfer(sub, { siteId: '12121212-1212-4212-8212-121212121212', sourceAccountId: sb.seed.mainAccountId }),
      400,
      'SITE_NOT_FOUND',
    );
  });

  it('answers SITE_TRANSFER_NOT_SUPPORTED (428) while the site has a paid service; after cancelling, it moves', async () => {
    const main = sb.seed.mainAccountId;
    const target = sb.seed.subAccountIds[2] as string;
    const paid = [...world().packages.values()].find((p) => p.externalId === 'agency-0004')!;
    const siteId = paid.productInstances[0]?.siteId as string;
    const refused = await transfer(target, { siteId, sourceAccountId: main });
    expectCode(refused, 428, 'SITE_TRANSFER_NOT_SUPPORTED');
    expect(refused.body.details.applicationError.data.productInstanceIds).toEqual([
      paid.productInstances[0]?.instanceId,
    ]);
    expect((await sb.call('DELETE', `/resellers/v1/packages/${paid.id}`)).status).toBe(200);
    expect((await transfer(target, { siteId, sourceAccountId: main })).status).toBe(200);
    // A PENDING plan counts as a paid service too.
    const free = freeSites(main)[0] as string;
    await sb.call('POST', '/resellers/v2/packages', {
      body: {
        products: [
          {
            catalogProductId: '00ba7923-2655-402a-852d-2b2100568bcf',
            siteId: free,
            billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
            countryCode: 'US',
          },
        ],
      },
    });
    expectCode(await transfer(target, { siteId: free, sourceAccountId: main }), 428, 'SITE_TRANSFER_NOT_SUPPORTED');
  });

  it('validates the body and needs a valid key (the header account is not checked by auth)', async () => {
    const target = sb.seed.subAccountIds[0] as string;
    expect((await sb.call('POST', TRANSFER, { accountId: target, body: {} })).status).toBe(400);
    const missing = await transfer(target, { enableNotifications: 'yes' });
    expect(missing.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field)).toEqual([
      'siteTransfer.siteId',
      'siteTransfer.sourceAccountId',
      'siteTransfer.enableNotifications',
    ]);
    expect((await sb.call('POST', TRANSFER, { accountId: target, apiKey: null, body: {} })).status).toBe(401);
  });
});
