import { print } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowSetUpCustomerSiteDocument, ViewerIdDocument } from '../../gql/graphql.js';
import { Cluster } from '../../helpers/cluster.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';
import { wsClient } from '../../helpers/ws.js';
import { customerSiteInput } from '../gateway/flow-fixtures.js';
import { expectOnePurchase, flowWaitingAfterPurchase, purchaseTenTimes, statusOf, until } from './scenarios.js';

/**
 * Three gateway processes on one PostgreSQL database and one sandbox (README "Running several instances"). The third
 * reaches PostgreSQL through a TCP proxy the test can cut, as if the database went away for that instance only.
 */
describe('three gateways on PostgreSQL', () => {
  let cluster: Cluster;
  let proxy: TcpProxy;
  let db: pg.Pool;
  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    cluster = await Cluster.start({
      instances: 3,
      env: { OPERATION_LEASE_MS: '1000' },
      instanceEnv: (i, c): Record<string, string> =>
        i === 2 && c.database ? { DATABASE_URL: proxy.rewrite(c.database.url) } : {},
    });
    db = new pg.Pool({ connectionString: cluster.database?.url, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
    await proxy?.close();
  });

  it('A killed mid-flow: B or C finishes the operation after the lease; Wix holds one purchase', async () => {
    const [b, c] = [cluster.at(1), cluster.at(2)];
    const { id, key } = await flowWaitingAfterPurchase(cluster, 'cluster-crash');
    await cluster.kill(0);
    expect((await statusOf(b, id))?.status).toMatch(/^(RUNNING|WAITING)$/);
    await cluster.sandbox.advance(60_000);
    const op = await until(
      () => statusOf(c, id),
      (o) => o?.status === 'SUCCEEDED' || o?.status === 'FAILED',
      'B or C to finish the operation',
    );
    expect(op).toMatchObject({ id, status: 'SUCCEEDED', userErrors: [] });
    expect((await statusOf(b, id))?.status).toBe('SUCCEEDED');
    await expectOnePurchase(cluster, key);
    await cluster.restart(0);
  }, 120_000);

  it('10 concurrent identical purchaseDomain requests over the three: one operation, one purchase', async () => {
    const { key } = await purchaseTenTimes(cluster, 'cl');
    const rows = await db.query('SELECT COUNT(*)::int AS n FROM operations WHERE idempotency_key = $1', [key]);
    expect(rows.rows[0].n).toBe(1);
  }, 120_000);

  it('PostgreSQL unreachable for C: its mutations are refused with STORE_UNAVAILABLE, reads go on, /readyz says so', async () => {
    const c = cluster.at(2);
    await proxy.cut();
    try {
      await cluster.sandbox.clearCalls();
      expect((await c.data(ViewerIdDocument, {})).viewer.wixId).toBe(cluster.sandbox.seed.mainAccountId);
      const input = await customerSiteInput(cluster.sandbox, `cluster-down-${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the second a good answer is trusted
      const refused = await c.request(FlowSetUpCustomerSiteDocument, { input });
      expect(refused.status).toBe(503);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
      expect(refused.body.errors?.[0]?.message).toMatch(/cannot reach its database/);
      // Over WebSocket too: the mutation is answered with the error, the socket stays open.
      const client = wsClient(c.baseUrl, { token: null });
      const overSocket = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: print(FlowSetUpCustomerSiteDocument), variables: { input } },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
      await client.dispose();
      expect(JSON.stringify(overSocket)).toContain('STORE_UNAVAILABLE');
      const writes = (await cluster.sandbox.calls()).filter((call) => call.method.toUpperCase() !== 'GET');
      expect(writes.map((w) => w.operation).filter((o) => !/^query/.test(o))).toEqual([]);
      const ready = await fetch(`${c.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/PostgreSQL unreachable/);
      // The other instances are not affected.
      expect((await fetch(`${cluster.at(1).baseUrl}/readyz`)).status).toBe(200);
    } finally {
      await proxy.restore();
    }
    await until(
      async () => (await fetch(`${c.baseUrl}/readyz`)).status,
      (s) => s === 200,
      'C ready again',
    );
    const input = await customerSiteInput(cluster.sandbox, `cluster-back-${Date.now()}`);
    const again = await c.data(FlowSetUpCustomerSiteDocument, { input: { ...input, dryRun: true } });
    expect(again.setUpCustomerSite.plan?.steps.length).toBeGreaterThan(0);
  }, 120_000);
});
