import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** How to reach Redis, and how to behave when it is away. */
export interface RedisLinkOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. Never logged (it may hold a password). */
  url: string;
  /** Starts every key and channel (REDIS_KEY_PREFIX), so several deployments or tests can share one Redis. */
  keyPrefix: string;
  /** Operator lines (up / degraded); nowhere when omitted. */
  log?: (line: string) => void;
  /** Upper bound of the reconnect delay (ms); the delay grows 100 ms per attempt up to it. Default 2 000. */
  maxReconnectDelayMs?: number;
  /** How long `start()` waits for the first connection before going on degraded (ms). Default 2 000. */
  startTimeoutMs?: number;
}

/**
 * What the rate budget (src/budget, issue 14) needs of Redis to share Wix's limit between instances: the client (for
 * rate-limiter-flexible's `RateLimiterRedis({ storeClient: client, keyPrefix: prefix + 'budget' })`), whether Redis
 * serves now (when not: each instance spends 1/GATEWAY_INSTANCES of the limit on its own), and the changes of that.
 * `Gateway.shared.link` is one; `Gateway.shared.instances` is GATEWAY_INSTANCES.
 */
export interface BudgetRedis {
  readonly client: Redis;
  readonly healthy: boolean;
  readonly prefix: string;
  on(event: 'change', listener: (healthy: boolean) => void): unknown;
  off(event: 'change', listener: (healthy: boolean) => void): unknown;
}

/** A message handler of one channel (the text as published). */
export type ChannelHandler = (message: string) => void;

/** Subscriber channels at most (the gateway uses a handful; a bound against a bug subscribing per resource). */
const MAX_CHANNELS = 64;

/**
 * The gateway's one Redis connection (commands) and its subscriber connection (pub/sub), with a health state:
 * `healthy` is true while both are ready, and `change` is emitted (and a line logged) whenever it flips. ioredis
 * reconnects on its own with a bounded backoff; no command is queued while Redis is away (`enableOfflineQueue`
 * off), so every caller fails fast and falls back to local behaviour instead of piling up work. The lead's budget
 * and the shared pollers, operations and caches all use this one link.
 */
export class RedisLink extends EventEmitter<{ change: [healthy: boolean] }> implements BudgetRedis {
  /** Commands (keys under {@link key}). Fails fast while Redis is away. */
  readonly client: Redis;
  /** The subscriber connection (SUBSCRIBE puts a connection in a mode where it takes no other command). */
  private readonly subscriber: Redis;
  /** Names this gateway instance in published messages, so it can ignore its own. */
  readonly instanceId = randomUUID();
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  private readonly log: (line: string) => void;
  private state: boolean | undefined;
  private started = false;
  private closed = false;

  constructor(private readonly options: RedisLinkOptions) {
    super();
    this.log = options.log ?? (() => undefined);
    const maxDelay = options.maxReconnectDelayMs ?? 2_000;
    const common = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      autoResubscribe: false,
      retryStrategy: (attempt: number) => (this.closed ? null : Math.min(attempt * 100, maxDelay)),
    };
    this.client = new Redis(options.url, { ...common, connectionName: 'wag-commands' });
    this.subscriber = new Redis(options.url, { ...common, connectionName: 'wag-subscriber' });
    for (const connection of [this.client, this.subscriber]) {
      // Errors are reported through the health state; an unhandled 'error' event would crash the process.
      connection.on('error', () => undefined);
      connection.on('close', () => this.update());
      connection.on('end', () => this.update());
    }
    this.client.on('ready', () => this.update());
    // Healthy once the subscriber listens again (not merely connected), so no message is expected before it can come.
    this.subscriber.on('ready', () => void this.resubscribe());
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) {
        try {
          handler(message);
        } catch {
          // A handler's bug must not stop the others or the connection.
        }
      }
    });
  }

  /** The configured prefix (for libraries that take their own, e.g. rate-limiter-flexible's `keyPrefix`). */
  get prefix(): string {
    return this.options.keyPrefix;
  }

  /** True while both connections are ready: shared mode. False: degraded (each instance on its own). */
  get healthy(): boolean {
    return this.client.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** A key or channel name under the prefix. */
  key(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  /** Connects both connections, waiting at most `startTimeoutMs`; on timeout it goes on degraded and keeps trying. */
  async start(): Promise<void> {
    const connect = (c: Redis) => c.connect().catch(() => undefined);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.options.startTimeoutMs ?? 2_000).unref());
    await Promise.race([Promise.all([connect(this.client), connect(this.subscriber)]), timeout]);
    this.started = true;
    this.update();
  }

  /** Publishes on a channel (named without the prefix); false when Redis is away or refused. */
  async publish(channel: string, message: string): Promise<boolean> {
    if (!this.healthy) return false;
    return this.client.publish(this.key(channel), message).then(
      () => true,
      () => false,
    );
  }

  /** Calls `handler` with every message of a channel (named without the prefix); returns the unsubscribe function. */
  subscribe(channel: string, handler: ChannelHandler): () => void {
    const name = this.key(channel);
    let set = this.handlers.get(name);
    if (!set) {
      if (this.handlers.size >= MAX_CHANNELS) throw new RangeError(`RedisLink: more than ${MAX_CHANNELS} channels`);
      set = new Set();
      this.handlers.set(name, set);
      if (this.subscriber.status === 'ready') void this.subscriber.subscribe(name).catch(() => undefined);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(name) === set) {
        this.handlers.delete(name);
        if (this.subscriber.status === 'ready') void this.subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  /** Closes both connections (QUIT, or a disconnect when Redis is away); no reconnect afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const quit = (c: Redis) =>
      c.status === 'ready'
        ? c.quit().then(
            () => undefined,
            () => c.disconnect(),
          )
        : c.disconnect();
    await Promise.all([quit(this.client), quit(this.subscriber)]);
    this.removeAllListeners();
  }

  /**
   * Drops both connections without closing anything cleanly, as a crash would (tests: "the instance died"): leases
   * are not released, nothing is published.
   */
  kill(): void {
    this.closed = true;
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  /** After a (re)connection of the subscriber: subscribe again to every channel with a handler. */
  private async resubscribe(): Promise<void> {
    const names = [...this.handlers.keys()];
    if (names.length > 0) await this.subscriber.subscribe(...names).catch(() => undefined);
    this.update();
  }

  /** Emits `change` and logs a line when `healthy` flips. */
  private update(): void {
    const healthy = this.healthy;
    // Before start() has waited for both connections, a half-open link is no news.
    if (!this.started || healthy === this.state) return;
    const first = this.state === undefined;
    this.state = healthy;
    if (this.closed) return;
    if (healthy) this.log('redis: connected; updates, pollers and caches are shared between instances');
    else
      this.log(
        first
          ? 'redis: not reachable at start; degraded: this instance polls and caches on its own until it is'
          : 'redis: connection lost; degraded: this instance polls and caches on its own until it is back',
      );
    this.emit('change', healthy);
  }
}
