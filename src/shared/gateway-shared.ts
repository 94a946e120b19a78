import type { ReadinessCheck } from '../upstream-readiness.js';
import { RedisLink } from './redis-link.js';
import { RedisSharedTier } from './shared-cache.js';
import { RedisReadTier } from './shared-read-cache.js';
import { SharedOperations } from './shared-operations.js';
import { SharedPollers } from './shared-pollers.js';

/** GatewayOptions.shared: what several instances share through Redis (README "Running several instances"). */
export interface GatewaySharedOptions {
  /** REDIS_URL. */
  redisUrl: string;
  /** REDIS_KEY_PREFIX (default `wag:`): keys and channels of this deployment; tests use a random one each. */
  keyPrefix?: string;
  /** POLL_LEASE_MS (default 10 000): a dead holder's resources are polled by another instance after it. */
  pollLeaseMs?: number;
  /** GATEWAY_INSTANCES (default 1): the budget's share while Redis is away is 1/instances (src/budget). */
  instances?: number;
  /** How long start waits for Redis before going on degraded (default 2 000 ms). */
  startTimeoutMs?: number;
}

/**
 * Everything one gateway instance shares through Redis: the link (one command and one subscriber connection, with
 * its health), the pollers' leases and published states, the operation updates, the caches' shared tier and the
 * read cache's.
 */
export class GatewayShared {
  readonly instances: number;

  private constructor(
    readonly link: RedisLink,
    readonly pollers: SharedPollers,
    readonly operations: SharedOperations,
    readonly cacheTier: RedisSharedTier,
    readonly readTier: RedisReadTier,
    instances: number,
  ) {
    this.instances = instances;
  }

  /** Connects (or goes on degraded when Redis does not answer in time; it keeps trying). */
  static async start(options: GatewaySharedOptions, log: (line: string) => void): Promise<GatewayShared> {
    const link = new RedisLink({
      url: options.redisUrl,
      keyPrefix: options.keyPrefix ?? 'wag:',
      log,
      startTimeoutMs: options.startTimeoutMs,
    });
    const pollers = new SharedPollers(link, { leaseMs: options.pollLeaseMs ?? 10_000, log });
    const operations = new SharedOperations(link);
    const cacheTier = new RedisSharedTier(link);
    const readTier = new RedisReadTier(link);
    await link.start();
    return new GatewayShared(link, pollers, operations, cacheTier, readTier, options.instances ?? 1);
  }

  /** True while Redis serves: updates, pollers, caches (and the budget) are shared. */
  get healthy(): boolean {
    return this.link.healthy;
  }

  /** The `/readyz` check: always ok (an instance works alone), `degraded` while Redis is away. */
  check(): ReadinessCheck {
    return this.link.healthy
      ? { name: 'redis', ok: true, detail: 'shared with the other instances' }
      : {
          name: 'redis',
          ok: true,
          degraded: true,
          detail: 'degraded: Redis is not reachable; this instance polls, caches and budgets on its own',
        };
  }

  /** After the pollers stopped: lets go of the leases, then closes the connections. */
  async close(): Promise<void> {
    await this.pollers.close();
    this.operations.close();
    this.cacheTier.close();
    this.readTier.close();
    await this.link.close();
  }
}
