import { LRUCache } from 'lru-cache';

/** How long answers of one kind of read stay fresh, and how long after that they may still be served while refreshed. */
export interface ReadPolicy {
  ttlMs: number;
  /** Stale-while-revalidate: 0 where a stale answer could mislead (availability before a purchase). */
  staleMs: number;
}

/**
 * The read cache's policy per Wix endpoint (README "The rate budget" lists it). Accounts change rarely; sites,
 * packages and domains change mostly through the gateway itself (every write empties the cache) or slowly in Wix's
 * UI; availability answers are kept a minute but never served stale. Endpoints not listed are never cached. Polls
 * (the status source of subscriptions and flows) and flow steps always read fresh, and refresh the cache.
 */
export const READ_POLICIES: Readonly<Record<string, ReadPolicy>> = {
  'Get Account': { ttlMs: 60_000, staleMs: 300_000 },
  'List Child Accounts': { ttlMs: 60_000, staleMs: 300_000 },
  'Query Sites': { ttlMs: 15_000, staleMs: 60_000 },
  'Query Folders': { ttlMs: 15_000, staleMs: 60_000 },
  'Query Packages': { ttlMs: 15_000, staleMs: 60_000 },
  'Get Package': { ttlMs: 15_000, staleMs: 60_000 },
  'List Registered Domains': { ttlMs: 15_000, staleMs: 60_000 },
  'Get Registered Domain': { ttlMs: 15_000, staleMs: 60_000 },
  'List Connected Domains': { ttlMs: 15_000, staleMs: 60_000 },
  'Get Connected Domain': { ttlMs: 15_000, staleMs: 60_000 },
  'Get Connected Domain Setup Info': { ttlMs: 30_000, staleMs: 120_000 },
  'Get DNS Zone': { ttlMs: 15_000, staleMs: 60_000 },
  'Get DNS Propagation': { ttlMs: 15_000, staleMs: 30_000 },
  'List Domain Assignments': { ttlMs: 15_000, staleMs: 60_000 },
  'Check Domain Availability': { ttlMs: 60_000, staleMs: 0 },
  'Suggest Domains': { ttlMs: 60_000, staleMs: 0 },
};

/** Read-cache settings (READ_CACHE=off disables it; tests scale the times down). */
export interface ReadCacheOptions {
  /** Multiplies every TTL and stale time (1 in production). */
  timeScale?: number;
  /** Entries at most. */
  maxEntries?: number;
  /** Bytes of answers at most (their JSON text length). */
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  value: unknown;
  storedAt: number;
  policy: ReadPolicy;
}

/** What a lookup found: a fresh answer, a stale one to serve while refreshing, or nothing. */
export type Lookup = { state: 'fresh' | 'stale'; value: unknown } | { state: 'miss' };

/**
 * Answers of Wix reads, per tenant (the key holds the tenant, the account and site headers and the request), bounded
 * in entries and bytes. Every write the gateway makes empties it (a generation counter also keeps a read that was in
 * flight during a write from storing what it read before the write): a write is visible in the next read.
 */
export class ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly scale: number;
  private readonly now: () => number;
  /** Bumped by every write: a read stores its answer only if no write started or ended while it was in flight. */
  generation = 0;
  hits = 0;
  staleHits = 0;
  misses = 0;

  constructor(options: ReadCacheOptions = {}) {
    this.scale = options.timeScale ?? 1;
    this.now = options.now ?? (() => performance.now());
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (_entry, key) => key.length + 64,
    });
  }

  /** The policy of an endpoint, scaled; undefined when its answers are not cached. */
  policyOf(operation: string): ReadPolicy | undefined {
    const policy = READ_POLICIES[operation];
    return policy && { ttlMs: policy.ttlMs * this.scale, staleMs: policy.staleMs * this.scale };
  }

  lookup(key: string): Lookup {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return { state: 'miss' };
    }
    const age = this.now() - entry.storedAt;
    if (age <= entry.policy.ttlMs) {
      this.hits++;
      return { state: 'fresh', value: entry.value };
    }
    if (age <= entry.policy.ttlMs + entry.policy.staleMs) {
      this.staleHits++;
      return { state: 'stale', value: entry.value };
    }
    this.entries.delete(key);
    this.misses++;
    return { state: 'miss' };
  }

  /** Stores an answer read under `generation` (dropped if a write happened since). `bytes`: its JSON text length. */
  store(key: string, value: unknown, policy: ReadPolicy, generation: number, bytes: number): void {
    if (generation !== this.generation) return;
    this.entries.set(key, { value, storedAt: this.now(), policy }, { size: key.length + bytes + 64 });
  }

  /** A write is starting or has ended: nothing read before it is served again. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
