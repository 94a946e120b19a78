import { PRODUCT } from '@wix-account-graph/sandbox';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CreateConnectedDomainDocument,
  CreatePackageDocument,
  FlowPurchaseDomainDocument,
  RegisterDomainDocument,
  ViewerPackagesDocument,
  ViewerSitesDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { wsClient } from '../../helpers/ws.js';
import { mainSites, SHERLOCK } from '../gateway/domain-fixtures.js';
import { key, worldOf, writesIn } from '../gateway/write-fixtures.js';

/**
 * A credential is held to its accounts and its scopes, before any upstream write: a customer's token sees its own
 * account only; `read` cannot buy or write (the sandbox call log shows no write); `write` connects a domain but
 * cannot buy one; a mutation sent over WebSocket as `subscribe` is held to the same rule. Refusals of a whole request
 * answer 403 (a refused account or scope) and 400 (a malformed wix-account-id), never 500.
 */
describe('access control: accounts and scopes', () => {
  const stack = useStack();
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const sub = (i: number) => stack.sandbox.seed.subAccountIds[i] as string;
  const as = (token: string, more: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...more });
  const buy = () => ({
    idempotencyKey: key(),
    products: [{ catalogProductId: PRODUCT.premiumBusiness, countryCode: 'US' }],
  });

  it("a customer's token sees only its account's sites and packages, and gets 403 for another account", async () => {
    const token = await stack.token({ name: 'customer dashboard', accounts: [sub(1)], scopes: ['read'] });
    const world = await w.world();
    // No header: a credential for one account acts on that account.
    const sites = await stack.data(ViewerSitesDocument, { first: 100 }, as(token));
    expect(sites.viewer.wixId).toBe(sub(1));
    const own = [...world.sites.values()].filter((s) => s.ownerAccountId === sub(1)).map((s) => s.id);
    expect(sites.viewer.sites!.nodes.map((s) => s.wixId).sort()).toEqual(own.sort());
    const packages = await stack.data(ViewerPackagesDocument, { first: 100 }, as(token));
    expect(packages.viewer.packages!.nodes.length).toBeGreaterThan(0);
    expect(new Set(packages.viewer.packages!.nodes.map((p) => p.accountId))).toEqual(new Set([sub(1)]));

    for (const account of [sub(2), main()]) {
      const refused = await stack.run(ViewerSitesDocument, { first: 5 }, as(token, { 'wix-account-id': account }));
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers 400 for a malformed wix-account-id and 403 for an account outside the tree', async () => {
    const bad = await stack.run(ViewerSitesDocument, { first: 1 }, { 'wix-account-id': 'not-a-guid' });
    expect([bad.status, bad.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    const foreign = await stack.run(ViewerSitesDocument, { first: 1 }, { 'wix-account-id': await w.foreignAccount() });
    expect([foreign.status, foreign.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('a read token cannot buy or write: 403 naming the scope, and no upstream write; its dry run is served', async () => {
    const token = await stack.token({ scopes: ['read'] });
    await stack.sandbox.clearCalls();
    const refused = await stack.run(CreatePackageDocument, { input: buy() }, as(token));
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Mutation\.createPackage needs the "purchase" scope/),
      extensions: { code: 'FORBIDDEN', requiredScope: 'purchase' },
    });
    const connect = await stack.run(
      CreateConnectedDomainDocument,
      { input: { domain: 'reader.com', connectionType: 'POINTING', siteId: mainSites(stack.sandbox)[0] } },
      as(token),
    );
    expect([connect.status, connect.errors?.[0]?.extensions?.requiredScope]).toEqual([403, 'write']);
    const site = (await w.freeSites(main()))[0] as string;
    const purchase = {
      idempotencyKey: key(),
      siteId: site,
      domain: 'reader-shop.com',
      contacts: { registrant: SHERLOCK },
    };
    const flow = await stack.run(FlowPurchaseDomainDocument, { input: purchase }, as(token));
    expect([flow.status, flow.errors?.[0]?.extensions?.requiredScope]).toEqual([403, 'purchase']);
    const dry = await stack.data(FlowPurchaseDomainDocument, { input: { ...purchase, dryRun: true } }, as(token));
    expect(dry.purchaseDomain.plan?.wouldCallPaidEndpoint).toBe(true);
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
  });

  it('a write token connects a domain but cannot buy one', async () => {
    const token = await stack.token({ scopes: ['read', 'write'] });
    const site = mainSites(stack.sandbox)[0] as string;
    const { createConnectedDomain } = await stack.data(
      CreateConnectedDomainDocument,
      { input: { domain: 'mysite.com', connectionType: 'POINTING', siteId: site } },
      as(token),
    );
    expect(createConnectedDomain.userErrors).toEqual([]);
    expect(createConnectedDomain.connectedDomain?.domain).toBe('mysite.com');
    await stack.sandbox.clearCalls();
    const register = await stack.run(
      RegisterDomainDocument,
      {
        input: {
          idempotencyKey: key(),
          domain: 'writer-buys.com',
          productInstanceId: '11111111-2222-4333-8444-555555555555',
          contacts: { registrant: SHERLOCK },
        },
      },
      as(token),
    );
    expect([register.status, register.errors?.[0]?.extensions?.requiredScope]).toEqual([403, 'purchase']);
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
  });

  it('a mutation sent over WebSocket as `subscribe` is held to the same scopes', async () => {
    const token = await stack.token({ scopes: ['read', 'write'] });
    await stack.sandbox.clearCalls();
    const client = wsClient(stack.gateway.url, { token });
    try {
      const errors = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: print(CreatePackageDocument), variables: { input: buy() } },
          { next: (r) => reject(new Error(`served: ${JSON.stringify(r)}`)), error: resolve, complete: () => undefined },
        );
      });
      expect(errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'purchase' }),
        }),
      ]);
    } finally {
      await client.dispose();
    }
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
  });
});
