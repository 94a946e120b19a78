/**
 * The rate budget shared by every gateway instance on one Wix key (REDIS_URL): the same token bucket as
 * {@link TokenBucket} — capacity plus one window's refill never above the limit in any sliding window — kept in one
 * Redis hash and taken from atomically by a Lua script on Redis's own clock, so N instances together stay under Wix's
 * limit. A 429 seen by any instance pauses all of them and halves the shared limit, which climbs back as in the local
 * bucket. The scheduler falls back to a local bucket of limit / GATEWAY_INSTANCES while Redis is away.
 */

/** The part of a Redis client the shared bucket uses (ioredis's `eval`). */
export interface RedisScripting {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** Where the shared bucket lives and whether Redis can be asked now. */
export interface SharedBudgetLink {
  readonly client: RedisScripting;
  readonly healthy: boolean;
  key(name: string): string;
}

/** What one take answered: a token, or how long to wait for one; and the limit in force across instances. */
export interface SharedTake {
  ok: boolean;
  waitMs: number;
  limit: number;
}

// Refill, recover (additive increase), then take if `keep` more tokens stay. Numbers go back as a string: Redis
// truncates Lua numbers to integers in replies.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max, capacity, window, keep, take = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'last', 'paused', 'limit', 'step')
local tokens = tonumber(b[1]) or capacity
local last = tonumber(b[2]) or now
local paused = tonumber(b[3]) or 0
local limit = tonumber(b[4]) or max
local step = tonumber(b[5]) or now
if limit > max then limit = max end
local stepMs = window / 6
while limit < max and now - step >= stepMs do
  limit = math.min(max, limit + math.max(1, math.ceil(max / 20)))
  step = step + stepMs
end
if limit >= max then step = now end
local rate = (limit - capacity) / window
local from = math.max(last, paused)
if now > from then tokens = math.min(capacity, tokens + (now - from) * rate) end
if now > last then last = now end
local wait = 0
if now < paused then
  wait = paused - now + math.max(0, 1 + keep - tokens) / rate
elseif tokens >= 1 + keep then
  if take == 1 then tokens = tokens - 1 end
else
  wait = (1 + keep - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', last, 'paused', paused, 'limit', limit, 'step', step)
redis.call('PEXPIRE', KEYS[1], math.floor(window * 2 + (paused > now and (paused - now) or 0)))
return tostring(wait) .. ',' .. tostring(limit)
`;

// A 429: pause everyone until now + ARGV[1] ms, drop saved tokens, halve the limit (not below ARGV[2]).
const THROTTLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pauseMs, floor, max, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local limit = tonumber(redis.call('HGET', KEYS[1], 'limit')) or max
limit = math.max(floor, math.floor(limit / 2))
local paused = math.max(tonumber(redis.call('HGET', KEYS[1], 'paused')) or 0, now + pauseMs)
redis.call('HSET', KEYS[1], 'tokens', '0', 'last', now, 'paused', paused, 'limit', limit, 'step', now)
redis.call('PEXPIRE', KEYS[1], math.floor(window * 2 + pauseMs))
return tostring(limit)
`;

/** The shared bucket of one Wix key (its Redis key is under the link's prefix). */
export class SharedBucket {
  private readonly key: string;
  /** The limit in force across instances, as last seen. */
  limit: number;

  constructor(
    private readonly link: SharedBudgetLink,
    readonly maxLimit: number,
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    this.key = link.key('budget:bucket');
    this.limit = maxLimit;
  }

  get healthy(): boolean {
    return this.link.healthy;
  }

  /** Takes a token if `keep` more stay (`take` false: only asks how long until one would be there). */
  async take(keep: number, take = true): Promise<SharedTake> {
    const reply = String(
      await this.link.client.eval(TAKE, 1, this.key, this.maxLimit, this.capacity, this.windowMs, keep, take ? 1 : 0),
    );
    const [wait, limit] = reply.split(',').map(Number) as [number, number];
    this.limit = limit;
    return { ok: wait <= 0 && take, waitMs: Math.max(0, wait), limit };
  }

  /** A 429 seen by this instance: every instance pauses for `pauseMs`, and the shared limit halves. */
  async throttle(pauseMs: number, floor: number): Promise<void> {
    const reply = await this.link.client.eval(
      THROTTLE,
      1,
      this.key,
      Math.ceil(pauseMs),
      floor,
      this.maxLimit,
      this.windowMs,
    );
    this.limit = Number(reply);
  }
}
