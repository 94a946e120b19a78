import { LRUCache } from 'lru-cache';

/** A reseller's tree is read often and changes rarely: child-account lists are kept this long. */
export const CHILD_ACCOUNTS_TTL_MS = 30_000;
/**
 * Connected-domain setup info and DNS zones (Wix has no batch form for either) are kept this long, so a dashboard
 * that refreshes does not repeat one call per domain. Short, because a zone edited in Wix's UI should show soon.
 */
export const DOMAIN_DETAILS_TTL_MS = 10_000;

/**
 * Caches shared across the requests of one gateway (one per Gateway instance, so that two gateways in one process —
 * as in tests — never share state). Every cache is bounded in size and time.
 */
export class SharedCaches {
  /** Parent account ID → its child-account IDs (List Child Accounts). */
  readonly childAccounts = new LRUCache<string, Promise<string[]>>({ max: 100, ttl: CHILD_ACCOUNTS_TTL_MS });
  /** `setup-info|<account>|<domain>` and `dns-zone|<account>|<domain>` → the answer (null when there is none). */
  readonly domainDetails = new LRUCache<string, Promise<unknown>>({ max: 5_000, ttl: DOMAIN_DETAILS_TTL_MS });
}
