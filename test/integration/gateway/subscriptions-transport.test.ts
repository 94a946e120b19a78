import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PRODUCT } from '@wix-account-graph/sandbox';
import {
  ConnectedDomainUpdatedDocument,
  ProductInstanceUpdatedDocument,
  RegisteredDomainUpdatedDocument,
  type ConnectedDomainUpdatedSubscription,
  type ProductInstanceUpdatedSubscription,
  type RegisteredDomainUpdatedSubscription,
} from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';
import { TestSubscription, eventually, wsClient } from '../../helpers/ws.js';
import { foreign, mainSites } from './domain-fixtures.js';

/**
 * The WebSocket transport: the tenant check at connection_init (same rules as HTTP), per-tenant polling, argument
 * validation and errors on the stream, the caps, and a clean shutdown.
 */
describe('gateway: graphql-ws transport and tenancy', () => {
  let stack: TestStack;
  let clients: Client[] = [];
  const client = (options?: Parameters<typeof wsClient>[1]) => {
    const c = wsClient(stack.gateway.url, options);
    clients.push(c);
    return c;
  };
  const sub = (i: number) => stack.sandbox.seed.subAccountIds[i] as string;

  beforeAll(async () => {
    stack = await TestStack.start({
      gateway: {
        polling: { intervalMs: 50, maxIntervalMs: 200, jitter: 0 },
        websocket: { maxOperationsPerConnection: 3 },
      },
    });
  });
  afterAll(async () => stack.close());
  beforeEach(async () => {
    await stack.sandbox.reset();
    await stack.sandbox.clearCalls();
  });
  afterEach(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    clients = [];
    await eventually(() => expect(stack.gateway.polling.stats().pollers).toBe(0));
  });

  it('refuses a foreign account at connection_init with 4403, a malformed one with 4400', async () => {
    const refused = async (options: Parameters<typeof wsClient>[1]) =>
      (await new TestSubscription(client(options), RegisteredDomainUpdatedDocument, {
        domain: 'pixelco-agency.com',
      }).error()) as { code: number; reason: string };
    expect(await refused({ params: { 'wix-account-id': (await foreign(stack.sandbox)).accountId } })).toMatchObject({
      code: 4403,
      reason: expect.stringMatching(/^Forbidden: Account .* is not the main account/),
    });
    expect(await refused({ headers: { 'wix-account-id': (await foreign(stack.sandbox)).accountId } })).toMatchObject({
      code: 4403,
    });
    expect(await refused({ params: { 'wix-account-id': 'not-a-guid' } })).toMatchObject({
      code: 4400,
      reason: expect.stringContaining('must be a Wix account ID'),
    });
    expect(await refused({ params: { 'wix-account-id': 42 } })).toMatchObject({ code: 4400 });
    expect(
      await refused({ params: { 'wix-account-id': sub(0) }, headers: { 'wix-account-id': sub(1) } }),
    ).toMatchObject({ code: 4400, reason: expect.stringContaining('disagree') });
    // Nothing but the tenancy look-up reached Wix.
    expect((await stack.sandbox.calls()).every((c) => c.operation === 'listChildAccounts')).toBe(true);
  });

  it("acts as the connection's sub-account (param or header), and refuses its accountId argument outside its scope", async () => {
    const subAccount = sub(2); // owns casaverde.org (connected, propagating)
    for (const options of [
      { params: { 'wix-account-id': subAccount } },
      { headers: { 'wix-account-id': subAccount } },
    ]) {
      const s = new TestSubscription<ConnectedDomainUpdatedSubscription>(
        client(options),
        ConnectedDomainUpdatedDocument,
        { domain: 'casaverde.org' },
      );
      expect((await s.data()).connectedDomainUpdated).toMatchObject({
        domain: 'casaverde.org',
        dnsPropagationStatus: 'IN_PROGRESS',
      });
      await s.stop();
    }
    const calls = await stack.sandbox.calls('getConnectedDomain');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.accountId === subAccount)).toBe(true);

    const s = new TestSubscription<RegisteredDomainUpdatedSubscription>(
      client({ params: { 'wix-account-id': subAccount } }),
      RegisteredDomainUpdatedDocument,
      { domain: 'pixelco-agency.com', accountId: stack.sandbox.seed.mainAccountId },
    );
    expect((await s.next()).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    await s.ended();
  });

  it('validates arguments before any upstream call, and ends the stream with NOT_FOUND for an unknown resource', async () => {
    const c = client();
    const bad = new TestSubscription(c, RegisteredDomainUpdatedDocument, { domain: 'not a domain' });
    const badResult = await bad.next();
    expect(badResult.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'domain', message: expect.stringContaining('domain name') }],
    });
    expect(JSON.stringify(badResult)).not.toContain('not a domain');
    const badId = new TestSubscription(c, ProductInstanceUpdatedDocument, { id: 'nope' });
    expect((await badId.next()).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await stack.sandbox.calls()).toHaveLength(0);

    const missing = new TestSubscription(c, RegisteredDomainUpdatedDocument, { domain: 'never-registered-here.com' });
    const error = (await missing.error()) as Array<{ extensions?: Record<string, unknown> }>;
    expect(error[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams a connected domain UNKNOWN → IN_PROGRESS → COMPLETED and a product instance PENDING → ENABLED', async () => {
    const sb = stack.sandbox;
    const m0 = mainSites(sb)[0] as string;
    const { settings } = await sb.admin('GET', 'settings');
    expect(
      (
        await sb.call('POST', '/domains/v1/connected-domains', {
          body: {
            connectedDomain: {
              domain: 'mysite.com',
              connectionType: 'NAMESERVERS',
              siteInfo: { assignmentType: 'PRIMARY' },
            },
          },
          siteId: m0,
        })
      ).status,
    ).toBe(200);
    const world = await sb.world();
    const freeSite = [...world.sites.values()].find(
      (site) => site.ownerAccountId === sb.seed.mainAccountId && world.instancesOfSite(site.id).length === 0,
    )?.id;
    const plan = {
      catalogProductId: PRODUCT.premiumBusiness,
      siteId: freeSite,
      billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
      countryCode: 'US',
    };
    const pkg = await sb.call('POST', '/resellers/v2/packages', { body: { products: [plan] } });
    expect(pkg.status, JSON.stringify(pkg.body)).toBe(200);
    const instanceId = pkg.body.package.productInstances[0].instanceId as string;

    const c = client();
    const cd = new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, {
      domain: 'MySite.com',
    });
    const pi = new TestSubscription<ProductInstanceUpdatedSubscription>(c, ProductInstanceUpdatedDocument, {
      id: instanceId,
    });
    expect((await cd.data()).connectedDomainUpdated).toMatchObject({
      domain: 'mysite.com',
      connectionType: 'NAMESERVERS',
      dnsPropagationStatus: 'UNKNOWN',
    });
    expect((await pi.data()).productInstanceUpdated).toMatchObject({
      wixId: instanceId,
      status: 'PENDING',
      failure: null,
    });

    await sb.advance(Math.max(settings.propagationStartMs, settings.instanceActivationMs));
    expect((await pi.data()).productInstanceUpdated.status).toBe('ENABLED');
    await pi.ended();
    expect((await cd.data()).connectedDomainUpdated.dnsPropagationStatus).toBe('IN_PROGRESS');
    await sb.advance(settings.propagationMs);
    expect((await cd.data()).connectedDomainUpdated.dnsPropagationStatus).toBe('COMPLETED');
    await cd.ended();
    expect((await sb.calls('queryPackages')).every((call) => call.accountId === sb.seed.mainAccountId)).toBe(true);
  });

  it('answers GraphQL errors on the stream without closing the connection, and caps operations per connection', async () => {
    const c = client();
    const invalid = new TestSubscription(
      c,
      parse('subscription Bad { registeredDomainUpdated(domain: "x.com") { nope } }'),
    );
    expect(await invalid.error()).toMatchObject([
      { message: expect.stringContaining('nope'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const subs = ['goldengarden.info', 'shop.quietbistro.net'].map(
      (domain) =>
        new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, { domain }),
    );
    for (const s of subs) expect((await s.data()).connectedDomainUpdated.dnsPropagationStatus).not.toBe('COMPLETED');
    const third = new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, {
      domain: 'goldengarden.info',
    });
    expect((await third.data()).connectedDomainUpdated.domain).toBe('goldengarden.info');
    const fourth = new TestSubscription(c, ConnectedDomainUpdatedDocument, { domain: 'goldengarden.info' });
    const refused = (await fourth.error()) as Array<{ message: string; extensions?: Record<string, unknown> }>;
    expect(refused[0]).toMatchObject({
      message: expect.stringContaining('At most 3 operations'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // The connection is still usable: one subscriber leaves, another may join.
    await third.stop();
    const again = new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, {
      domain: 'goldengarden.info',
    });
    await eventually(async () => expect((await again.data()).connectedDomainUpdated.domain).toBe('goldengarden.info'));
    expect(stack.gateway.polling.stats()).toMatchObject({ pollers: 2, listeners: 3 });
  });

  it('answers an upgrade on another path with 404, and keeps HTTP working beside WebSockets', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${stack.gateway.url.replace('http', 'ws')}/elsewhere`, 'graphql-transport-ws');
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('opened')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
    const res = await fetch(`${stack.gateway.url}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('gateway: subscription caps and shutdown', () => {
  it('caps pollers per tenant with UPSTREAM_RATE_LIMITED (joining is free), bounds connections, and closes cleanly', async () => {
    const stack = await TestStack.start({
      gateway: { polling: { intervalMs: 50, maxPollersPerTenant: 1 }, websocket: { maxConnections: 2 } },
    });
    try {
      const c = wsClient(stack.gateway.url);
      const first = new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, {
        domain: 'goldengarden.info',
      });
      expect((await first.data()).connectedDomainUpdated.dnsPropagationStatus).toBe('IN_PROGRESS');
      const same = new TestSubscription<ConnectedDomainUpdatedSubscription>(c, ConnectedDomainUpdatedDocument, {
        domain: 'goldengarden.info',
      });
      expect((await same.data()).connectedDomainUpdated.domain).toBe('goldengarden.info');
      const other = new TestSubscription(c, ConnectedDomainUpdatedDocument, { domain: 'shop.quietbistro.net' });
      const capped = await other.next();
      expect(capped.errors?.[0]).toMatchObject({
        message: expect.stringContaining('MAX_POLLERS_PER_TENANT'),
        extensions: { code: 'UPSTREAM_RATE_LIMITED', limit: 'MAX_POLLERS_PER_TENANT' },
      });
      // Another tenant has its own budget.
      const asSub = new TestSubscription<ConnectedDomainUpdatedSubscription>(
        wsClient(stack.gateway.url, { params: { 'wix-account-id': stack.sandbox.seed.subAccountIds[2] } }),
        ConnectedDomainUpdatedDocument,
        { domain: 'casaverde.org' },
      );
      expect((await asSub.data()).connectedDomainUpdated.domain).toBe('casaverde.org');

      // Two connections are open: a third upgrade is answered 503.
      expect(stack.gateway.webSocketConnections).toBe(2);
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${stack.gateway.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
      expect(status).toBe(503);

      const closing = first.error(5_000);
      await stack.gateway.close();
      expect(await closing).toMatchObject({ code: 1001 });
      expect(stack.gateway.polling.stats()).toMatchObject({ pollers: 0, listeners: 0 });
      expect(stack.gateway.webSocketConnections).toBe(0);
    } finally {
      await stack.sandbox.close();
    }
  });
});
