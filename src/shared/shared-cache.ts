import type { SharedTier } from '../caches.js';
import type { RedisLink } from './redis-link.js';
import { decode, encode } from './wire.js';

/** Channel of cache invalidations (a write on one instance drops the answer on every one). */
const CHANNEL = 'cache:invalidate';
/** Caches that may register (the gateway has two); a bound against a bug registering per request. */
const MAX_CACHES = 16;
/** An answer larger than this is kept locally only (a runaway list must not fill Redis). */
const MAX_VALUE_BYTES = 512 * 1024;

/**
 * The shared tier of the gateway's caches (src/caches.ts) in Redis: answers as JSON strings with the cache's TTL
 * (`SET … PX`), under `<prefix>cache:<cache>:<key>`, each instance's LRU in front. A write deletes the key and
 * publishes its name, and every instance drops its local copy. Fails soft: while Redis is away a read is a miss, a
 * store is skipped, and an invalidation reaches this instance only — the others keep their copy for at most the TTL
 * (10 to 30 s), which is the same staleness a change made in Wix's own UI has.
 */
export class RedisSharedTier implements SharedTier {
  private readonly droppers = new Map<string, (key: string) => void>();
  private readonly unsubscribe: () => void;
  /** Reads answered by Redis, and reads that found nothing (for tests and metrics). */
  hits = 0;
  misses = 0;

  constructor(private readonly link: RedisLink) {
    this.unsubscribe = link.subscribe(CHANNEL, (message) => this.received(message));
  }

  async get(cache: string, key: string): Promise<{ value: unknown } | undefined> {
    if (!this.link.healthy) return undefined;
    try {
      const text = await this.link.client.get(this.key(cache, key));
      if (text === null) {
        this.misses++;
        return undefined;
      }
      this.hits++;
      return { value: decode(text) };
    } catch {
      return undefined;
    }
  }

  set(cache: string, key: string, value: unknown, ttlMs: number): void {
    if (!this.link.healthy || value === undefined) return;
    const text = encode(value);
    if (text.length > MAX_VALUE_BYTES) return;
    this.link.client.set(this.key(cache, key), text, 'PX', ttlMs).catch(() => undefined);
  }

  invalidate(cache: string, key: string): void {
    if (!this.link.healthy) return;
    this.link.client.del(this.key(cache, key)).catch(() => undefined);
    void this.link.publish(CHANNEL, JSON.stringify({ from: this.link.instanceId, cache, key }));
  }

  onInvalidate(cache: string, drop: (key: string) => void): void {
    if (!this.droppers.has(cache) && this.droppers.size >= MAX_CACHES)
      throw new RangeError(`RedisSharedTier: more than ${MAX_CACHES} caches`);
    this.droppers.set(cache, drop);
  }

  close(): void {
    this.unsubscribe();
  }

  private key(cache: string, key: string): string {
    return this.link.key(`cache:${cache}:${key}`);
  }

  private received(message: string): void {
    try {
      const { from, cache, key } = JSON.parse(message) as { from: string; cache: string; key: string };
      if (from !== this.link.instanceId) this.droppers.get(cache)?.(key);
    } catch {
      // Malformed: ignored.
    }
  }
}
