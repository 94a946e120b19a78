import { isTransientUpstream, type GatewayError } from '../errors.js';
import { Listener } from './listener.js';

/** What to poll: one upstream resource of one tenant. */
export interface WatchSpec<T> {
  /** The account the upstream read is made as (its `wix-account-id`); pollers are never shared across tenants. */
  tenantId: string;
  /** The resource within the tenant, e.g. `registeredDomain:example.com`. Same tenant + resource ⇒ same poller. */
  resource: string;
  /**
   * One upstream read. Called once per poll; it must not answer from a per-request or short-TTL cache (build a fresh
   * data source each call) or a poller would see no change. Its calls should spend the rate budget's poll class
   * (ResourceWatches builds its data sources so).
   */
  fetch: () => Promise<T>;
  /** The fields whose change is worth pushing (compared as JSON). Default: the whole value. */
  project?: (value: T) => unknown;
  /** True when the value is final: the poller pushes it, completes every listener and stops. */
  isFinal: (value: T) => boolean;
}

/** How often a poller polls. */
export interface PollTiming {
  /** Delay after a change (and the first delay after the initial read). */
  intervalMs: number;
  /** Upper bound of the delay while nothing changes or upstream fails. */
  maxIntervalMs: number;
  /** Growth of the delay per unchanged poll. */
  backoffFactor: number;
  /** Growth of the delay per failed poll. */
  errorBackoffFactor: number;
  /** A Retry-After above this is cut to it (a misbehaving upstream must not park a poller for a day). */
  maxRetryAfterMs: number;
  /** ± share of random jitter on every delay, so pollers started together spread out. */
  jitter: number;
}

/**
 * One poller: polls one (tenant, resource) for every listener. It polls at once, then after `intervalMs`; each poll
 * that brings no change multiplies the delay by `backoffFactor` (up to `maxIntervalMs`), a change resets it, a
 * transient failure multiplies it by `errorBackoffFactor` and waits at least the Retry-After Wix sent. Only real
 * changes (of the projection) are pushed. A final value is pushed, then every listener completes; a non-transient
 * failure ends every listener with that error.
 */
export class Poller<T> {
  private readonly listeners = new Set<Listener<T>>();
  /** Listeners that are flows waiting on this resource (they make it a priority of the poll budget). */
  private readonly flowListeners = new Set<Listener<T>>();
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private latest: { value: T; projection: string } | undefined;
  private stopped = false;
  /** True while another gateway instance polls this resource and its states arrive through {@link offer}. */
  private following = false;
  /**
   * Told about every state this poller read itself that changed (before listeners complete on a final one) and
   * about a failure that ends it: the shared pollers publish them to the other instances (see PollerCoordinator).
   */
  onShare: ((event: { value: T } | { error: unknown }) => void) | undefined;
  /** Upstream reads made (for stats and tests). */
  polls = 0;
  /** Failed reads in a row. */
  failures = 0;

  constructor(
    readonly key: string,
    readonly spec: WatchSpec<T>,
    private readonly timing: PollTiming,
    /** Called once when the poller stops (last listener left, final value, failure or close). */
    private readonly onStop: (poller: Poller<T>) => void,
    /** The shortest delay the rate budget allows this poller now (see PollPacer); none when omitted. */
    private readonly pace?: (poller: { readonly forFlow: boolean }) => number,
  ) {
    this.delayMs = timing.intervalMs;
  }

  /** Listeners of this poller. */
  get size(): number {
    return this.listeners.size;
  }

  /** True while a flow waits on this resource. */
  get forFlow(): boolean {
    return this.flowListeners.size > 0;
  }

  /** When the next poll is due (performance.now() ms), if one is scheduled. */
  dueAt: number | undefined;

  /** The delay before the next poll (ms, before jitter). */
  get currentDelayMs(): number {
    return this.delayMs;
  }

  /** Starts polling (the first read happens at once). */
  start(): void {
    this.schedule(0);
  }

  /** True while another instance polls this resource for it (see {@link follow}). */
  get isFollowing(): boolean {
    return this.following;
  }

  /** The latest state known here (read or received), if any. */
  get latestValue(): T | undefined {
    return this.latest?.value;
  }

  /** Another instance polls this resource: stop reading Wix and take its states through {@link offer}. */
  follow(): void {
    if (this.stopped) return;
    this.following = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = undefined;
  }

  /** This instance polls (again): at once when no state is known yet, else after the base interval. */
  lead(): void {
    if (this.stopped) return;
    const wasFollowing = this.following;
    this.following = false;
    if (this.timer || (!wasFollowing && this.polls > 0)) return;
    this.schedule(this.latest ? this.timing.intervalMs : 0);
  }

  /** A state read by the instance that polls this resource: pushed when it changed, completing on a final one. */
  offer(value: T): void {
    if (this.stopped) return;
    this.accept(value);
    if (this.spec.isFinal(value)) this.stop();
  }

  /** Adds a listener; it gets the latest known value at once, if there is one. */
  listen(maxBuffer?: number, forFlow = false): Listener<T> {
    const listener = new Listener<T>((l) => this.remove(l), maxBuffer);
    this.listeners.add(listener);
    if (forFlow) this.flowListeners.add(listener);
    if (this.latest) listener.push(this.latest.value);
    return listener;
  }

  /** Stops at once, ending every listener (with `error` if given). */
  stop(error?: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener.end(error);
    this.onStop(this);
  }

  /**
   * Polls sooner when the budget has freed up: a poll due more than `floorMs` × 2 from now is moved to `floorMs` from
   * now (the pacer calls this when the poll intervals shrink).
   */
  hurry(floorMs: number): void {
    if (this.stopped || !this.timer || this.dueAt === undefined) return;
    if (this.dueAt - performance.now() <= floorMs * 2) return;
    clearTimeout(this.timer);
    this.schedule(floorMs);
  }

  private remove(listener: Listener<T>): void {
    this.listeners.delete(listener);
    this.flowListeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  /** Polls again after `baseDelayMs` ± jitter, and never before `floorMs`. */
  private schedule(baseDelayMs: number, floorMs = 0): void {
    if (this.stopped || this.following) return;
    const { jitter } = this.timing;
    const jittered = baseDelayMs <= 0 ? 0 : Math.round(baseDelayMs * (1 + (Math.random() * 2 - 1) * jitter));
    // The rate budget's floor applies to every poll but the first (a new watch reads at once).
    const paced = baseDelayMs > 0 && this.pace ? this.pace(this) : 0;
    const delay = Math.max(0, jittered, floorMs, paced);
    this.dueAt = performance.now() + delay;
    this.timer = setTimeout(() => void this.poll(), delay);
    // Pollers never keep a process alive on their own; the gateway's server does.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.dueAt = undefined;
    if (this.stopped) return;
    this.polls++;
    let value: T;
    try {
      value = await this.spec.fetch();
    } catch (error) {
      if (this.stopped) return;
      this.failed(error);
      return;
    }
    if (this.stopped) return;
    this.failures = 0;
    if (this.accept(value)) this.onShare?.({ value });
    if (this.spec.isFinal(value)) {
      this.stop();
      return;
    }
    // Another instance took the resource over while this read was in flight: it polls from now on.
    if (!this.following) this.schedule(this.delayMs);
  }

  /** Keeps and pushes a state when its projection changed (resetting the delay); else backs off. True on a change. */
  private accept(value: T): boolean {
    const projection = JSON.stringify((this.spec.project ?? ((v: T) => v))(value)) ?? 'undefined';
    const changed = this.latest?.projection !== projection;
    if (changed) {
      this.latest = { value, projection };
      this.delayMs = this.timing.intervalMs;
      for (const listener of this.listeners) listener.push(value);
    } else {
      this.delayMs = Math.min(this.delayMs * this.timing.backoffFactor, this.timing.maxIntervalMs);
    }
    return changed;
  }

  private failed(error: unknown): void {
    if (!isTransientUpstream(error)) {
      this.onShare?.({ error });
      this.stop(error);
      return;
    }
    this.failures++;
    const { intervalMs, maxIntervalMs, errorBackoffFactor, maxRetryAfterMs } = this.timing;
    this.delayMs = Math.min(Math.max(this.delayMs * errorBackoffFactor, intervalMs), maxIntervalMs);
    const retryAfterSeconds = Number((error as GatewayError).extensions.retryAfterSeconds);
    const retryAfterMs =
      Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
        ? Math.min(retryAfterSeconds * 1000, maxRetryAfterMs)
        : 0;
    // Retry-After is a floor: never poll sooner than Wix asked, even when that is above maxIntervalMs.
    this.schedule(this.delayMs, retryAfterMs);
  }
}
