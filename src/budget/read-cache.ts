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
  /** The tier shared with the other instances (REDIS_URL); local only when omitted. */
  shared?: SharedReadTier;
}

interface Entry {
  value: unknown;
  storedAt: number;
  policy: ReadPolicy;
}

/** What a lookup found: a fresh answer, a stale one to serve while refreshing, or nothing. */
export type Lookup = { state: 'fresh' | 'stale'; value: unknown } | { state: 'miss' };

/**
 * The read cache's tier shared by every instance (Redis, src/shared/shared-read-cache.ts): each instance's LRU in
 * front of it. Writes anywhere start a new generation of it (answers read before are never served again) and tell the
 * other instances to empty their LRUs. Fails soft: while it is away a lookup is a miss and a store is skipped.
 */
export interface SharedReadTier {
  /** The answer under `key` in the current generation, its age and size; undefined when none or unreachable. */
  get(key: string): Promise<{ value: unknown; ageMs: number; bytes: number } | undefined>;
  /** Stores an answer read under `generation` (skipped if any instance wrote since); kept `keepMs`. */
  set(key: string, value: unknown, keepMs: number, generation: string): void;
  /** The generation known to this instance now (taken before a read, handed to `set` after it). */
  readonly generation: string;
  /** A write here: a new generation for every instance (resolves once told, or at once while unreachable). */
  written(): Promise<void>;
  /** `drop` is called when another instance wrote. */
  onWritten(drop: () => void): void;
}

/** Taken before a read (see {@link ReadCache.mark}): a store after it is kept only if no write happened meanwhile. */
export interface ReadMark {
  local: number;
  shared: string;
}

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
  /** Answers found in the shared tier after a local miss. */
  sharedHits = 0;
  readonly shared: SharedReadTier | undefined;

  constructor(options: ReadCacheOptions = {}) {
    this.shared = options.shared;
    // Another instance wrote: nothing read before is served here either.
    this.shared?.onWritten(() => this.invalidate());
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

  /**
   * After a local miss: the answer another instance stored in the shared tier, if it is still fresh or may be served
   * stale; kept locally too (with its age). A miss when there is no shared tier. `mark` (taken before) is brought up
   * to the shared generation the lookup saw.
   */
  async lookupShared(key: string, policy: ReadPolicy, mark: ReadMark): Promise<Lookup> {
    const found = this.shared && (await this.shared.get(key));
    // The lookup read the shared generation in force: what is read next may be stored under it (not an older one).
    if (this.shared) mark.shared = this.shared.generation;
    if (!found || found.ageMs > policy.ttlMs + policy.staleMs) return { state: 'miss' };
    this.sharedHits++;
    if (mark.local === this.generation)
      this.entries.set(
        key,
        { value: found.value, storedAt: this.now() - found.ageMs, policy },
        { size: key.length + found.bytes + 64 },
      );
    return { state: found.ageMs <= policy.ttlMs ? 'fresh' : 'stale', value: found.value };
  }

  /** The generations before a read: {@link store} keeps what it read only if no write happened since. */
  mark(): ReadMark {
    return { local: this.generation, shared: this.shared?.generation ?? '' };
  }

  /** Stores an answer read after `mark` (dropped if a write happened since). `bytes`: its JSON text length. */
  store(key: string, value: unknown, policy: ReadPolicy, mark: ReadMark, bytes: number): void {
    if (mark.local !== this.generation) return;
    this.entries.set(key, { value, storedAt: this.now(), policy }, { size: key.length + bytes + 64 });
    this.shared?.set(key, value, policy.ttlMs + policy.staleMs, mark.shared);
  }

  /** A write is starting or has ended: nothing read before it is served again (here only). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** A write of this instance is starting or has ended: nothing read before it is served again, on any instance. */
  async written(): Promise<void> {
    this.invalidate();
    await this.shared?.written();
  }

  get size(): number {
    return this.entries.size;
  }
}
