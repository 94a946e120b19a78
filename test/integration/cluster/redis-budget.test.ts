import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainAvailabilityDocument, UpstreamBudgetDocument } from '../../gql/graphql.js';
import { Cluster, type ClusterInstance } from '../../helpers/cluster.js';
import { dropPrefix, randomPrefix, REDIS_URL } from '../../helpers/redis-cluster.js';

/**
 * The rate budget shared through Redis by three gateway processes on one Wix key (the machine's Redis, a key prefix
 * of the test's own): each is loaded far past WIX_RATE_LIMIT_PER_MINUTE on its own (four callers asking availability
 * of new names without pause), and the sandbox's call log shows no minute (sliding, as Wix counts) with more calls
 * than the limit from the three together. It runs a real minute and a bit: the window is Wix's, not a test's.
 */
const LIMIT = 20;
const WINDOW_MS = 60_000;
const LOAD_MS = 70_000;

describe('three gateway processes share one rate budget through Redis', () => {
  let cluster: Cluster;
  const prefix = randomPrefix();
  beforeAll(async () => {
    cluster = await Cluster.start({
      instances: 3,
      postgres: false,
      env: {
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        GATEWAY_INSTANCES: '3',
        WIX_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        // Callers wait for budget rather than being refused: the load stays a queue, not a busy loop.
        UPSTREAM_QUEUE_MAX_WAIT_MS: '120000',
        READ_CACHE: 'off',
      },
    });
    await cluster.sandbox.clearCalls();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await dropPrefix(REDIS_URL, prefix);
  });

  /** Four callers per instance asking availability of new names until `until`. */
  const load = (instance: ClusterInstance, until: number, names: { n: number }) =>
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until)
        await instance
          .request(DomainAvailabilityDocument, { domain: `budget-${instance.index}-${names.n++}.com` })
          .catch(() => undefined);
    });

  /** The most calls the sandbox saw in any sliding window. */
  async function worstWindow(): Promise<number> {
    const times = (await cluster.sandbox.calls()).map((c) => c.receivedAt).sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[j] as number) <= (times[i] as number) - WINDOW_MS) j++;
      worst = Math.max(worst, i - j + 1);
    }
    return worst;
  }

  it(
    'loaded past the limit each, together they stay at or under it in every minute of the call log',
    { timeout: LOAD_MS + 60_000 },
    async () => {
      const until = Date.now() + LOAD_MS;
      const names = { n: 0 };
      // Each instance's use of the shared budget, read while all three are loaded.
      const sample = (async () => {
        await new Promise((resolve) => setTimeout(resolve, LOAD_MS - 5_000));
        return Promise.all(
          cluster.instances.map(async (i) => (await i.data(UpstreamBudgetDocument, {})).upstreamBudget),
        );
      })();
      // The callers still waiting at the end are not waited for (the cluster stops under them).
      void Promise.all(cluster.instances.flatMap((i) => load(i, until, names)));
      const budgets = await sample;
      await new Promise((resolve) => setTimeout(resolve, until - Date.now()));
      const calls = (await cluster.sandbox.calls()).length;
      // More than one minute's worth went out over the run (the load was real), never more than the limit in a minute.
      expect(calls).toBeGreaterThan(LIMIT);
      expect(await worstWindow()).toBeLessThanOrEqual(LIMIT);
      for (const b of budgets) {
        expect(b).toMatchObject({ mode: 'shared', limit: LIMIT });
        // Every instance had callers waiting: alone, each would have sent far more.
        expect(b.classes.find((c) => c.name === 'interactive')?.queued).toBeGreaterThan(0);
      }
      // And every instance got a share: one budget, not first come first served.
      expect(budgets.every((b) => b.callsInWindow > 0)).toBe(true);
    },
  );
});
