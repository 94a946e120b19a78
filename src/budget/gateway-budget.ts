import type { PollPace } from '../polling/poll-pacer.js';
import { DEFAULT_BUDGET, type BudgetOptions, type BudgetSnapshot } from './budget-options.js';
import { ReadCache, type ReadCacheOptions } from './read-cache.js';
import { UpstreamScheduler } from './scheduler.js';
import { SharedBucket, type SharedBudgetLink } from './shared-bucket.js';

/** The gateway's rate budget settings (GatewayOptions.budget): the scheduler's, and the read cache's or `false`. */
export interface GatewayBudgetOptions extends Partial<Omit<BudgetOptions, 'shared'>> {
  /** The read cache (on by default); `false` turns it off (READ_CACHE=off). */
  readCache?: ReadCacheOptions | false;
  /** Redis (REDIS_URL): the budget is shared by every instance on it; local to this instance when omitted. */
  sharedLink?: SharedBudgetLink;
}

/** Everything `upstreamBudget` shows. */
export interface BudgetReport extends BudgetSnapshot {
  pollPace?: PollPace;
  readCache?: { entries: number; hits: number; staleHits: number; misses: number; sharedHits: number };
}

/** The scheduler and the read cache of one gateway (built once in server.ts, handed to WixHttp and the pollers). */
export class GatewayBudget {
  readonly scheduler: UpstreamScheduler;
  readonly readCache: ReadCache | undefined;

  constructor(options: GatewayBudgetOptions = {}) {
    const { readCache, sharedLink, ...scheduling } = options;
    const limit = scheduling.limit ?? DEFAULT_BUDGET.limit;
    const burst = scheduling.burst ?? Math.min(10, Math.max(1, Math.floor(limit / 20)));
    const windowMs = scheduling.windowMs ?? DEFAULT_BUDGET.windowMs;
    const shared = sharedLink && new SharedBucket(sharedLink, limit, burst, windowMs);
    this.scheduler = new UpstreamScheduler({ ...scheduling, limit, burst, windowMs, shared });
    this.readCache = readCache === false ? undefined : new ReadCache(readCache);
  }

  report(pollPace: PollPace | undefined): BudgetReport {
    const cache = this.readCache;
    return {
      ...this.scheduler.snapshot(),
      pollPace,
      readCache: cache && {
        entries: cache.size,
        hits: cache.hits,
        staleHits: cache.staleHits,
        misses: cache.misses,
        sharedHits: cache.sharedHits,
      },
    };
  }

  close(): void {
    this.scheduler.close();
  }
}
