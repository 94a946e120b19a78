import type { PollPace } from '../polling/poll-pacer.js';
import { ReadCache, type ReadCacheOptions } from './read-cache.js';
import { DEFAULT_BUDGET, UpstreamScheduler, type BudgetOptions, type BudgetSnapshot } from './scheduler.js';

/** The gateway's rate budget settings (GatewayOptions.budget): the scheduler's, and the read cache's or `false`. */
export interface GatewayBudgetOptions extends Partial<BudgetOptions> {
  /** The read cache (on by default); `false` turns it off (READ_CACHE=off). */
  readCache?: ReadCacheOptions | false;
}

/** Everything `upstreamBudget` shows. */
export interface BudgetReport extends BudgetSnapshot {
  pollPace?: PollPace;
  readCache?: { entries: number; hits: number; staleHits: number; misses: number };
}

/** The scheduler and the read cache of one gateway (built once in server.ts, handed to WixHttp and the pollers). */
export class GatewayBudget {
  readonly scheduler: UpstreamScheduler;
  readonly readCache: ReadCache | undefined;

  constructor(options: GatewayBudgetOptions = {}) {
    const { readCache, ...scheduling } = options;
    this.scheduler = new UpstreamScheduler({ ...scheduling, limit: scheduling.limit ?? DEFAULT_BUDGET.limit });
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
      },
    };
  }

  close(): void {
    this.scheduler.close();
  }
}
