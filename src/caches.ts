import { LRUCache } from 'lru-cache';

/** A reseller's tree is read often and changes rarely: child-account lists are kept this long. */
export const CHILD_ACCOUNTS_TTL_MS = 30_000;
/**
 * Connected-domain setup info and DNS zones (Wix has no batch form for either) are kept this long, so a dashboard
 * that refreshes does not repeat one call per domain. Short, because a zone edited in Wix's UI should show soon.
 */
export const DOMAIN_DETAILS_TTL_MS = 10_000;

/** Answers kept across requests: read through (`getOrLoad`), forgotten after a write (`delete`). */
export interface AnswerCache<V> {
  /** The kept answer of `key`, or `load()`'s (kept when it succeeds). `fresh`: skip the kept one and refresh it. */
  getOrLoad(key: string, load: () => Promise<V>, fresh?: boolean): Promise<V>;
  /** The answer kept in this instance, if any (no I/O, no refresh of its age). */
  peek(key: string): Promise<V> | undefined;
  /** Forgets `key` here and, with a shared tier, on every instance (after a write changed it). */
  delete(key: string): void;
}

/**
 * Where several gateway instances share answers (Redis: src/shared/shared-cache.ts). Every method fails soft: an
 * unreachable tier reads as a miss and takes nothing, and the instance goes on with its local cache.
 */
export interface SharedTier {
  get(cache: string, key: string): Promise<{ value: unknown } | undefined>;
  set(cache: string, key: string, value: unknown, ttlMs: number): void;
  /** Deletes the shared copy and tells the other instances to drop theirs. */
  invalidate(cache: string, key: string): void;
  /** Calls `drop(key)` when another instance invalidated a key of `cache`. */
  onInvalidate(cache: string, drop: (key: string) => void): void;
}

/** An LRU of promises in this instance, in front of an optional shared tier; bounded in entries and time. */
class TieredCache<V> implements AnswerCache<V> {
  private readonly local: LRUCache<string, Promise<V>>;
  /** Grows at every delete: a load that started before one does not store its (maybe older) answer in the tier. */
  private epoch = 0;

  constructor(
    private readonly name: string,
    max: number,
    private readonly ttlMs: number,
    private readonly shared?: SharedTier,
  ) {
    this.local = new LRUCache<string, Promise<V>>({ max, ttl: ttlMs });
    shared?.onInvalidate(name, (key) => {
      this.epoch++;
      this.local.delete(key);
    });
  }

  getOrLoad(key: string, load: () => Promise<V>, fresh = false): Promise<V> {
    const hit = fresh ? undefined : this.local.get(key);
    if (hit) return hit;
    const loading = this.read(key, load, fresh);
    this.local.set(key, loading);
    loading.catch(() => {
      if (this.local.get(key) === loading) this.local.delete(key);
    });
    return loading;
  }

  peek(key: string): Promise<V> | undefined {
    return this.local.peek(key);
  }

  delete(key: string): void {
    this.epoch++;
    this.local.delete(key);
    this.shared?.invalidate(this.name, key);
  }

  private async read(key: string, load: () => Promise<V>, fresh: boolean): Promise<V> {
    const shared = this.shared;
    if (!shared) return load();
    if (!fresh) {
      const found = await shared.get(this.name, key);
      if (found) return found.value as V;
    }
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch) shared.set(this.name, key, value, this.ttlMs);
    return value;
  }
}

/**
 * Caches shared across the requests of one gateway (one per Gateway instance, so that two gateways in one process —
 * as in tests — never share state unless given the same shared tier). Every cache is bounded in size and time. With
 * a shared tier (REDIS_URL) an answer one instance read serves the others until its TTL, and a write on any instance
 * drops the answer everywhere.
 */
export class SharedCaches {
  /** Parent account ID → its child-account IDs (List Child Accounts). */
  readonly childAccounts: AnswerCache<string[]>;
  /** `setup-info|<account>|<domain>` and `dns-zone|<account>|<domain>` → the answer (null when there is none). */
  readonly domainDetails: AnswerCache<unknown>;

  constructor(shared?: SharedTier) {
    this.childAccounts = new TieredCache<string[]>('child-accounts', 100, CHILD_ACCOUNTS_TTL_MS, shared);
    this.domainDetails = new TieredCache<unknown>('domain-details', 5_000, DOMAIN_DETAILS_TTL_MS, shared);
  }
}
