import { ErrorCode, GatewayError } from '../errors.js';
import type { Poller } from '../polling/poller.js';
import type { PollerCoordinator } from '../polling/pollers.js';
import type { RedisLink } from './redis-link.js';
import { decode, encode } from './wire.js';

/** Channel of the pollers' events: a state read, a failure that ends the stream, a lease let go. */
const CHANNEL = 'poll:events';

type PollEvent =
  | { t: 'state'; k: string; from: string; n: number; v: string }
  | { t: 'error'; k: string; from: string; code: string; message: string }
  | { t: 'released'; k: string; from: string };

/** One watched resource here: its poller, whether this instance holds its lease, the newest state sequence seen. */
interface Held {
  poller: Poller<unknown>;
  id: string;
  leased: boolean;
  seq: number;
  /** A claim is under way (one at a time: two racing claims of one instance must not make it follow itself). */
  claiming: boolean;
}

/** Takes a free lease, or keeps one this instance already holds (renewing it); 0 when another instance holds it. */
const CLAIM = `local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
/** Renews a lease this instance holds (and the TTL of the resource's last state); 0 when it is someone else's. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2]); redis.call('pexpire', KEYS[2], tonumber(ARGV[2]) * 3); return 1
end return 0`;
/** Lets go of a lease this instance holds. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
/**
 * Keeps a resource's last state and publishes it, numbered: the number grows with Redis's clock (and by one at
 * least), so a follower that reads the kept state and receives a published one applies only the newer.
 */
const PUBLISH_STATE = `local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = math.max(tonumber(redis.call('hget', KEYS[1], 'n') or '0') + 1, now)
redis.call('hset', KEYS[1], 'n', n, 'v', ARGV[4]); redis.call('pexpire', KEYS[1], ARGV[5])
redis.call('publish', ARGV[1], cjson.encode({t = 'state', k = ARGV[3], from = ARGV[2], n = n, v = ARGV[4]}))
return n`;

/**
 * One poller per resource across every gateway instance that shares a Redis. The instance whose poller first takes
 * the resource's lease (`SET NX PX`) polls Wix; it renews the lease every third of POLL_LEASE_MS, keeps the last
 * state in Redis and publishes every change; the others follow: they take the kept state at once and then the
 * published ones, and try the lease at every renewal tick — so when the holder dies its lease expires and one of them
 * polls from then on; when the holder stops watching (or closes) it lets go of the lease and says so, and a follower
 * takes over at once. While Redis is away every instance polls its own resources (degraded, nothing missed); when it
 * is back they race for the leases again and the losers follow.
 */
export class SharedPollers implements PollerCoordinator {
  private readonly held = new Map<string, Held>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly onChange = (healthy: boolean) => (healthy ? this.rejoin() : this.goLocal());

  constructor(
    private readonly link: RedisLink,
    private readonly options: { leaseMs: number; log?: (line: string) => void },
  ) {
    this.unsubscribe = link.subscribe(CHANNEL, (message) => this.received(message));
    link.on('change', this.onChange);
    this.timer = setInterval(() => this.tick(), Math.max(100, Math.floor(options.leaseMs / 3)));
    this.timer.unref();
  }

  /** Resources watched here, and how many of them this instance polls under a lease. */
  stats(): { resources: number; leased: number } {
    let leased = 0;
    for (const h of this.held.values()) if (h.leased) leased++;
    return { resources: this.held.size, leased };
  }

  attach(poller: Poller<unknown>): void {
    const held: Held = { poller, id: poller.key.replace('\u0000', '|'), leased: false, seq: 0, claiming: false };
    this.held.set(held.id, held);
    poller.onShare = (event) => this.share(held, event);
    if (!this.link.healthy) poller.lead();
    else this.track(this.claim(held));
  }

  detach(poller: Poller<unknown>): void {
    const id = poller.key.replace('\u0000', '|');
    const held = this.held.get(id);
    if (held?.poller !== poller) return;
    this.held.delete(id);
    poller.onShare = undefined;
    if (held.leased && this.link.healthy) this.track(this.release(held));
  }

  /** Stops the renewals and waits for the lease releases under way (call after the pollers stopped). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.link.off('change', this.onChange);
    this.unsubscribe();
    await Promise.allSettled([...this.pending]);
  }

  /** Takes the lease (this instance polls) or follows the holder (its kept state first). */
  private async claim(held: Held): Promise<void> {
    if (held.claiming) return;
    held.claiming = true;
    try {
      await this.tryClaim(held);
    } finally {
      held.claiming = false;
    }
  }

  private async tryClaim(held: Held): Promise<void> {
    const { client } = this.link;
    try {
      const lease = this.key('lease', held.id);
      const taken = (await client.eval(CLAIM, 1, lease, this.link.instanceId, this.options.leaseMs)) === 1;
      if (this.held.get(held.id) !== held) {
        if (taken) await this.release(held);
        return;
      }
      if (taken) {
        held.leased = true;
        held.poller.lead();
        // Back from a Redis outage with a state the others may have missed: they get it now.
        const latest = held.poller.latestValue;
        if (latest !== undefined) await this.publishState(held, latest);
        return;
      }
      const wasFollowing = held.poller.isFollowing;
      held.poller.follow();
      if (wasFollowing && held.poller.latestValue !== undefined) return;
      const [n, v] = await client.hmget(this.key('state', held.id), 'n', 'v');
      if (v && Number(n) > held.seq && this.held.get(held.id) === held) {
        held.seq = Number(n);
        held.poller.offer(decode(v));
      }
    } catch {
      // Redis refused or went away mid-way: poll here rather than risk nobody polling.
      held.leased = false;
      held.poller.lead();
    }
  }

  private async release(held: Held): Promise<void> {
    held.leased = false;
    try {
      await this.link.client.eval(RELEASE, 1, this.key('lease', held.id), this.link.instanceId);
      await this.link.publish(CHANNEL, JSON.stringify({ t: 'released', k: held.id, from: this.link.instanceId }));
    } catch {
      // The lease expires on its own.
    }
  }

  /** A changed state or an ending failure this instance read: kept and published when it holds the lease. */
  private share(held: Held, event: { value: unknown } | { error: unknown }): void {
    if (!held.leased || !this.link.healthy) return;
    if ('value' in event) {
      this.track(this.publishState(held, event.value));
      return;
    }
    const error = event.error;
    const code = error instanceof GatewayError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = error instanceof GatewayError ? error.message : 'The watched resource failed';
    const payload: PollEvent = { t: 'error', k: held.id, from: this.link.instanceId, code, message };
    this.track(this.link.publish(CHANNEL, JSON.stringify(payload)));
  }

  private async publishState(held: Held, value: unknown): Promise<void> {
    const ttl = this.options.leaseMs * 3;
    const n = await this.link.client
      .eval(
        PUBLISH_STATE,
        1,
        this.key('state', held.id),
        this.link.key(CHANNEL),
        this.link.instanceId,
        held.id,
        encode(value),
        ttl,
      )
      .catch(() => 0);
    held.seq = Math.max(held.seq, Number(n) || 0);
  }

  private received(message: string): void {
    let event: PollEvent;
    try {
      event = JSON.parse(message) as PollEvent;
    } catch {
      return;
    }
    if (event.from === this.link.instanceId) return;
    const held = this.held.get(event.k);
    if (!held) return;
    if (event.t === 'state') {
      if (!(event.n > held.seq)) return;
      held.seq = event.n;
      held.poller.offer(decode(event.v));
    } else if (event.t === 'error') {
      held.poller.stop(new GatewayError(event.code as ErrorCode, event.message));
    } else if (!held.leased && this.link.healthy) {
      this.track(this.claim(held));
    }
  }

  /** Every third of the lease: renew the leases held; try those of resources followed (their holder may be dead). */
  private tick(): void {
    if (!this.link.healthy) return;
    for (const held of this.held.values()) {
      if (!held.leased) {
        this.track(this.claim(held));
        continue;
      }
      const renewal = this.link.client.eval(
        RENEW,
        2,
        this.key('lease', held.id),
        this.key('state', held.id),
        this.link.instanceId,
        this.options.leaseMs,
      );
      this.track(
        renewal.then(
          (kept) => {
            // Lost (this process stalled past the lease and another instance took it): follow the new holder.
            if (kept === 0 && this.held.get(held.id) === held) {
              held.leased = false;
              this.track(this.claim(held));
            }
          },
          () => undefined,
        ),
      );
    }
  }

  private goLocal(): void {
    if (this.held.size > 0)
      this.options.log?.(`redis: ${this.held.size} watched resources are polled by this instance`);
    for (const held of this.held.values()) {
      held.leased = false;
      held.poller.lead();
    }
  }

  private rejoin(): void {
    for (const held of this.held.values()) this.track(this.claim(held));
  }

  private key(kind: 'lease' | 'state', id: string): string {
    return this.link.key(`poll:${kind}:${id}`);
  }

  private track(promise: Promise<unknown>): void {
    const p = promise.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
