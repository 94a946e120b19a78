import { createHash } from 'node:crypto';
import type { SharedReadTier } from '../budget/read-cache.js';
import type { RedisLink } from './redis-link.js';
import { decode, encode } from './wire.js';

/** Channel on which an instance tells the others it wrote (they empty their local read caches). */
const CHANNEL = 'read-cache:written';
/** An answer larger than this stays in the instance's own cache only (a runaway list must not fill Redis). */
const MAX_VALUE_BYTES = 512 * 1024;
/** How long a write waits for Redis to take the new generation before it goes on (Redis slow or half away). */
const WRITTEN_TIMEOUT_MS = 250;

/** The generation and the answer under it, in one round trip (`{generation, text | false}`). */
const GET = `local g = redis.call('GET', KEYS[1]) or '0'
return {g, redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])}`;
/** Stores the answer only while the generation is still the one the read started under. */
const SET = `local g = redis.call('GET', KEYS[1]) or '0'
if g ~= ARGV[1] then return 0 end
redis.call('SET', ARGV[2] .. g .. ':' .. ARGV[3], ARGV[4], 'PX', ARGV[5])
return 1`;

/**
 * The read cache's shared tier (src/budget/read-cache.ts) in Redis: answers under
 * `<prefix>read:<generation>:<sha1 of the cache key>` (the key holds the tenant, headers and request), each with the
 * time it was read, kept for the policy's fresh + stale time (`PX`). A write on any instance increments
 * `<prefix>read:gen` — answers of older generations are never read again and expire on their own — and publishes the
 * new generation, so every instance empties its local cache. Lookups read the generation and the answer in one script,
 * so an answer read before a write is never served from Redis after it; a store is refused (by script) when a write
 * happened since its read began. Fails soft: while Redis is away a lookup is a miss and a store is skipped; when Redis
 * comes back the generation is moved on once, so nothing read before writes made meanwhile is served.
 */
export class RedisReadTier implements SharedReadTier {
  private known = '0';
  private readonly drops = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private readonly onChange = (healthy: boolean) => {
    if (healthy) void this.written();
  };
  /** Lookups answered from Redis, and lookups that found nothing there (tests and `upstreamBudget`). */
  hits = 0;
  misses = 0;

  constructor(private readonly link: RedisLink) {
    this.unsubscribe = link.subscribe(CHANNEL, (message) => this.received(message));
    link.on('change', this.onChange);
  }

  get generation(): string {
    return this.known;
  }

  async get(key: string): Promise<{ value: unknown; ageMs: number; bytes: number } | undefined> {
    if (!this.link.healthy) return undefined;
    try {
      const [generation, text] = (await this.link.client.eval(GET, 1, this.genKey, this.prefix, digest(key))) as [
        string,
        string | null,
      ];
      this.known = generation;
      if (typeof text !== 'string') {
        this.misses++;
        return undefined;
      }
      const { at, value } = decode<{ at: number; value: unknown }>(text);
      this.hits++;
      return { value, ageMs: Math.max(0, Date.now() - at), bytes: text.length };
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown, keepMs: number, generation: string): void {
    if (!this.link.healthy || value === undefined || keepMs <= 0) return;
    const text = encode({ at: Date.now(), value });
    if (text.length > MAX_VALUE_BYTES) return;
    this.link.client
      .eval(SET, 1, this.genKey, generation, this.prefix, digest(key), text, Math.ceil(keepMs))
      .catch(() => undefined);
  }

  async written(): Promise<void> {
    if (!this.link.healthy) return;
    const told = (async () => {
      this.known = String(await this.link.client.incr(this.genKey));
      await this.link.publish(CHANNEL, JSON.stringify({ from: this.link.instanceId, generation: this.known }));
    })().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, WRITTEN_TIMEOUT_MS)));
    await Promise.race([told, timeout]);
    clearTimeout(timer);
  }

  onWritten(drop: () => void): void {
    this.drops.add(drop);
  }

  close(): void {
    this.unsubscribe();
    this.link.off('change', this.onChange);
    this.drops.clear();
  }

  private get genKey(): string {
    return this.link.key('read:gen');
  }

  private get prefix(): string {
    return this.link.key('read:');
  }

  private received(message: string): void {
    try {
      const { from, generation } = JSON.parse(message) as { from: string; generation: string };
      if (from === this.link.instanceId) return;
      this.known = String(generation);
      for (const drop of this.drops) drop();
    } catch {
      // Malformed: ignored.
    }
  }
}

/** The Redis key part of a cache key (cache keys hold request bodies: long, and not for Redis's key space). */
function digest(key: string): string {
  return createHash('sha1').update(key).digest('base64url');
}
