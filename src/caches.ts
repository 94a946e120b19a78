import { LRUCache } from 'lru-cache';

/** A reseller's tree is read often and changes rarely: child-account lists are kept this long. */
export const CHILD_ACCOUNTS_TTL_MS = 30_000;

/**
 * Caches shared across the requests of one gateway (one per Gateway instance, so that two gateways in one process —
 * as in tests — never share state). Every cache is bounded in size and time.
 */
export class SharedCaches {
  /** Parent account ID → its child-account IDs (List Child Accounts). */
  readonly childAccounts = new LRUCache<string, Promise<string[]>>({ max: 100, ttl: CHILD_ACCOUNTS_TTL_MS });
}
