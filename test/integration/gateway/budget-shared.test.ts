import { afterEach, describe, expect, it } from 'vitest';
import type { SharedBudgetLink } from '../../../src/budget/shared-bucket.js';
import { Gateway } from '../../../src/server.js';
import { DomainAvailabilityDocument, UpstreamBudgetDocument } from '../../gql/graphql.js';
import { TestSandbox } from '../../helpers/sandbox.js';
import { gatewayData } from './flow-fixtures.js';

/**
 * The rate budget of several instances with Redis away: each keeps to its share (limit / GATEWAY_INSTANCES) under a
 * load past the limit, on a short window. (Shared through Redis, three processes together stay under the limit:
 * test/integration/cluster/redis-budget.test.ts.)
 */
const LIMIT = 30;
const WINDOW_MS = 3_000;

describe('gateway: one rate budget for several instances (Redis)', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function cluster(link: (i: number) => SharedBudgetLink) {
    const sandbox = await TestSandbox.start();
    closers.push(() => sandbox.close());
    const gateways: Gateway[] = [];
    for (let i = 0; i < 3; i++) {
      const gateway = await Gateway.start({
        upstream: {
          baseUrl: sandbox.url,
          apiKey: sandbox.seed.apiKey,
          mainAccountId: sandbox.seed.mainAccountId,
          timeoutMs: 5_000,
        },
        auth: { methods: [], storePath: ':memory:' },
        budget: {
          limit: LIMIT,
          windowMs: WINDOW_MS,
          maxWaitMs: 60_000,
          readCache: false,
          instances: 3,
          sharedLink: link(i),
        },
      });
      closers.push(() => gateway.close());
      gateways.push(gateway);
    }
    await sandbox.clearCalls();
    return { sandbox, gateways };
  }

  /** Four callers per gateway asking availability of new names for `ms`: far more than LIMIT per window each. */
  async function load(gateways: Gateway[], ms: number): Promise<void> {
    const until = Date.now() + ms;
    let n = 0;
    await Promise.all(
      gateways.flatMap((g) =>
        Array.from({ length: 4 }, async () => {
          while (Date.now() < until)
            await gatewayData(g, DomainAvailabilityDocument, { domain: `shared-${n++}.com` }).catch(() => undefined);
        }),
      ),
    );
  }

  /** The most calls the sandbox saw in any sliding window. */
  async function worstWindow(sandbox: TestSandbox): Promise<number> {
    const times = (await sandbox.calls()).map((c) => c.receivedAt).sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[j] as number) <= (times[i] as number) - WINDOW_MS) j++;
      worst = Math.max(worst, i - j + 1);
    }
    return worst;
  }

  it('with Redis away each instance keeps to limit / GATEWAY_INSTANCES', { timeout: 60_000 }, async () => {
    const down: SharedBudgetLink = {
      client: { eval: () => Promise.reject(new Error('Redis is away')) },
      healthy: false,
      key: (name) => name,
    };
    const { sandbox, gateways } = await cluster(() => down);
    await load(gateways, 2 * WINDOW_MS);
    expect(await worstWindow(sandbox)).toBeLessThanOrEqual(LIMIT);
    const { upstreamBudget } = await gatewayData(gateways[0] as Gateway, UpstreamBudgetDocument, {});
    expect(upstreamBudget).toMatchObject({ mode: 'degraded', limit: LIMIT, effectiveLimit: LIMIT / 3 });
  });
});
