import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectedDomainUpdatedDocument,
  DashboardDocument,
  FlowSetUpCustomerSiteDocument,
  UpstreamBudgetDocument,
  type ConnectedDomainUpdatedSubscription,
} from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';
import { TestSubscription, wsClient } from '../../helpers/ws.js';
import { customerSiteInput, readOperation } from './flow-fixtures.js';

/**
 * Issue 14's scenario on a time scale of 1/10 (a "minute" is 6 s; poll intervals and cache times scaled alike, the
 * counts unchanged): WIX_RATE_LIMIT_PER_MINUTE=60 with 500 subscribers over 50 connected domains, a dashboard query
 * every (scaled) second and one paid flow, for three (scaled) minutes. The sandbox's call log, in real time, shows at
 * most 60 calls in every sliding window; every dashboard answer comes without error; every subscriber sees its
 * domain's final status; the flow completes.
 */
const WINDOW_MS = 6_000;
const LIMIT = 60;
const SCALE = WINDOW_MS / 60_000;
const RESOURCES = 50;
const SUBSCRIBERS_PER_RESOURCE = 10;

describe('gateway: the rate budget under load (issue 14 scenario, time-scaled)', () => {
  let stack: TestStack;
  const clients: Client[] = [];

  beforeAll(async () => {
    stack = await TestStack.start({
      gateway: {
        budget: { limit: LIMIT, windowMs: WINDOW_MS, readCache: { timeScale: SCALE } },
        polling: { intervalMs: 5_000 * SCALE, maxIntervalMs: 60_000 * SCALE, jitter: 0.1 },
        websocket: { maxOperationsPerConnection: RESOURCES },
        operations: { storePath: ':memory:', retryDelayMs: 50 },
      },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await stack.close();
  });

  it(
    'stays within the limit in every sliding window while every query, subscriber and the flow gets its answer',
    { timeout: 120_000 },
    async () => {
      const sb = stack.sandbox;
      // Fifty connected domains whose DNS propagates on the sandbox clock (created directly, not through the budget).
      await sb.admin('POST', 'settings', { propagationStartMs: 60_000, propagationMs: 10 * 60_000 });
      const names = (await sb.checkDomains(Array.from({ length: 400 }, (_, i) => `budget-${i}.com`)))
        .filter((d) => !d.available)
        .map((d) => d.domain)
        .slice(0, RESOURCES);
      expect(names).toHaveLength(RESOURCES);
      for (const domain of names) {
        const res = await sb.call('POST', '/domains/v1/connected-domains', {
          body: { connectedDomain: { domain, connectionType: 'NAMESERVERS' } },
        });
        expect(res.status).toBe(200);
      }
      const flowInput = await customerSiteInput(sb, 'budget-scenario-flow');
      await sb.clearCalls();
      const started = Date.now();

      // 500 subscribers: ten connections, each following all fifty domains.
      const subs: Array<TestSubscription<ConnectedDomainUpdatedSubscription>> = [];
      for (let c = 0; c < SUBSCRIBERS_PER_RESOURCE; c++) {
        const client = wsClient(stack.gateway.url);
        clients.push(client);
        for (const domain of names) subs.push(new TestSubscription(client, ConnectedDomainUpdatedDocument, { domain }));
      }
      const finals = subs.map(async (sub) => {
        for (;;) {
          const data = await sub.data(60_000);
          if (data.connectedDomainUpdated.dnsPropagationStatus === 'COMPLETED') return;
        }
      });

      // One paid flow.
      const submitted = await stack.data(FlowSetUpCustomerSiteDocument, { input: flowInput });
      const operationId = submitted.setUpCustomerSite.operation?.id as string;
      expect(operationId).toBeTruthy();

      // Three scaled minutes: a dashboard query every scaled second (sent on time, whether or not the last one has
      // answered), the sandbox clock a minute ahead per real second.
      const answers: Array<Promise<unknown>> = [];
      const until = started + 3 * WINDOW_MS;
      let nextAdvance = Date.now() + 1_000;
      for (let at = Date.now(); at < until; at += 1_000 * SCALE) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        answers.push(
          stack.run(DashboardDocument, { first: 100 }).then((r) => (r.errors?.length || !r.data ? r.errors : null)),
        );
        if (Date.now() >= nextAdvance) {
          nextAdvance += 1_000;
          await sb.advance(60_000);
        }
      }
      const errors = (await Promise.all(answers)).filter((e) => e !== null);
      expect(answers.length).toBeGreaterThanOrEqual(170);
      expect(errors).toEqual([]);

      // Let the sandbox finish what is left, then every subscriber must see COMPLETED and the flow must succeed.
      await sb.advance(30 * 60_000);
      await Promise.all(finals);
      for (let i = 0; ; i++) {
        const op = await readOperation(stack, operationId);
        if (op.status === 'SUCCEEDED') break;
        expect(['RUNNING', 'WAITING', 'PENDING']).toContain(op.status);
        if (i > 600) throw new Error(`the flow did not finish: ${JSON.stringify(op)}`);
        if (op.status === 'WAITING') await sb.advance(60_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      // The whole run, as Wix would count it: never more than LIMIT calls in any sliding window.
      const times = (await sb.calls()).map((c) => c.receivedAt).sort((a, b) => a - b);
      expect(times.length).toBeGreaterThan(LIMIT);
      let worst = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while ((times[j] as number) <= (times[i] as number) - WINDOW_MS) j++;
        worst = Math.max(worst, i - j + 1);
      }
      expect(worst).toBeLessThanOrEqual(LIMIT);
      const budget = await stack.data(UpstreamBudgetDocument, {});
      expect(budget.upstreamBudget.rejected).toBe(0);
    },
  );
});
