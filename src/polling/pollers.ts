import { ErrorCode, GatewayError } from '../errors.js';
import type { Listener } from './listener.js';
import { PollPacer, type PollPace } from './poll-pacer.js';
import { Poller, type PollTiming, type WatchSpec } from './poller.js';

export type { WatchSpec } from './poller.js';

/** Limits and timing of a gateway's pollers (see README: POLL_INTERVAL_MS, POLL_MAX_INTERVAL_MS, MAX_POLLERS_PER_TENANT). */
export interface PollingOptions extends Partial<PollTiming> {
  /** Pollers one tenant (upstream account) may run at once; joining an existing poller never counts. */
  maxPollersPerTenant?: number;
  /** Pollers of the whole gateway started by subscriptions (bounds the map whatever the number of tenants). */
  maxPollers?: number;
  /**
   * Pollers started by flows waiting on a status, counted apart: no subscription cap ever refuses a flow's wait (a
   * flow that already paid must be able to wait for what it bought). The runner runs at most 200 operations at once,
   * each waiting on a few resources, so this bound is never reached by flows alone.
   */
  maxFlowPollers?: number;
  /** Listeners of one poller. */
  maxListenersPerPoller?: number;
  /** States a slow listener may have queued before the oldest are dropped. */
  listenerBuffer?: number;
  /** Polls per ms the rate budget gives all pollers together (see PollPacer); unpaced when omitted. */
  pollRatePerMs?: () => number;
  /** Decides which gateway instance polls a resource (src/shared/shared-pollers.ts); every poller polls when omitted. */
  coordinator?: PollerCoordinator;
}

/**
 * Several gateway instances, one poller per resource: told of every poller started and stopped here, it makes each
 * either poll (`lead()`) or take the states another instance reads (`follow()` and `offer()`).
 */
export interface PollerCoordinator {
  /** A poller was created and has not polled yet: it must end up leading or following. */
  attach(poller: Poller<unknown>): void;
  /** The poller stopped (last listener left, final state, failure or close). */
  detach(poller: Poller<unknown>): void;
}

/** Defaults of {@link PollingOptions} (the gateway passes POLL_INTERVAL_MS etc. from the configuration). */
export const DEFAULT_POLLING = {
  intervalMs: 5_000,
  maxIntervalMs: 60_000,
  backoffFactor: 1.5,
  errorBackoffFactor: 2,
  maxRetryAfterMs: 300_000,
  jitter: 0.1,
  maxPollersPerTenant: 50,
  maxPollers: 5_000,
  maxFlowPollers: 5_000,
  maxListenersPerPoller: 10_000,
  listenerBuffer: 8,
} as const satisfies Required<Omit<PollingOptions, 'pollRatePerMs' | 'coordinator'>>;

/** A stream of one resource's states: iterate it; `return()` leaves (the last listener to leave stops the poller). */
export type Watch<T> = Listener<T>;

/** What the registry is doing, for tests, benchmarks and health. */
export interface PollingStats {
  pollers: number;
  listeners: number;
  tenants: number;
  /** Upstream reads made by the pollers running now. */
  polls: number;
}

/**
 * The gateway's pollers: one per (tenant, resource), shared by every listener — GraphQL subscriptions and flows
 * waiting on a status alike. One registry per Gateway instance (never a module global), bounded everywhere: pollers
 * per tenant, pollers in all, listeners per poller, states queued per listener.
 */
export class PollerRegistry {
  private readonly options: Required<Omit<PollingOptions, 'pollRatePerMs' | 'coordinator'>>;
  private readonly coordinator: PollerCoordinator | undefined;
  /** Spreads the budget's poll share over the pollers; undefined when no budget is configured. */
  private readonly pacer: PollPacer | undefined;
  private readonly pace: ((poller: { readonly forFlow: boolean }) => number) | undefined;
  private readonly timing: PollTiming;
  private readonly pollers = new Map<string, Poller<unknown>>();
  private readonly perTenant = new Map<string, number>();
  private closed = false;
  /** Pollers started by flows (see maxFlowPollers). */
  private flowPollers = 0;

  constructor(options: PollingOptions = {}) {
    this.options = { ...DEFAULT_POLLING, ...definedOnly(options) };
    const o = this.options;
    if (!(o.intervalMs > 0) || !(o.maxIntervalMs >= o.intervalMs))
      throw new RangeError('polling: need 0 < intervalMs <= maxIntervalMs');
    if (!(o.backoffFactor >= 1) || !(o.errorBackoffFactor >= 1))
      throw new RangeError('polling: backoff factors must be >= 1');
    if (!(o.jitter >= 0 && o.jitter < 1)) throw new RangeError('polling: jitter must be in [0, 1)');
    this.timing = {
      intervalMs: o.intervalMs,
      maxIntervalMs: o.maxIntervalMs,
      backoffFactor: o.backoffFactor,
      errorBackoffFactor: o.errorBackoffFactor,
      maxRetryAfterMs: o.maxRetryAfterMs,
      jitter: o.jitter,
    };
    this.coordinator = options.coordinator;
    const rate = options.pollRatePerMs;
    this.pacer = rate && new PollPacer(rate, o.intervalMs, () => this.pollers.values());
    const pacer = this.pacer;
    this.pace = pacer && ((poller) => pacer.floorFor(poller));
  }

  /** The poll intervals the rate budget allows now; undefined when polls are not paced. */
  pollPace(): PollPace | undefined {
    return this.pacer?.current();
  }

  /**
   * Listens to a resource: joins its poller, or starts one (which reads at once). The stream yields the current state
   * first, then every change, and completes after a final state. Throws UPSTREAM_RATE_LIMITED past a cap.
   */
  watch<T>(spec: WatchSpec<T>, forFlow = false): Watch<T> {
    if (this.closed)
      throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The gateway is shutting down; subscribe again shortly');
    const key = pollerKey(spec.tenantId, spec.resource);
    let poller = this.pollers.get(key) as Poller<T> | undefined;
    if (!poller) {
      poller = forFlow ? this.startFlowPoller(key, spec) : this.startPoller(key, spec);
    } else if (!forFlow && poller.size >= this.options.maxListenersPerPoller) {
      throw limitError(
        `${spec.resource} already has ${this.options.maxListenersPerPoller} listeners on this gateway; try again later`,
        'maxListenersPerPoller',
      );
    }
    return poller.listen(this.options.listenerBuffer, forFlow);
  }

  /**
   * Waits until a state satisfies `predicate` or is final, and returns that state (the caller tells which). Shares
   * the poller with every subscriber of the resource. Rejects with the stream's error, with `signal.reason` when
   * aborted, or UPSTREAM_UNAVAILABLE when the registry closes.
   */
  async waitFor<T>(spec: WatchSpec<T>, predicate: (value: T) => boolean, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const watch = this.watch(spec, true);
    const onAbort = () => void watch.return();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const result = await watch.next();
        if (result.done) {
          signal?.throwIfAborted();
          throw new GatewayError(
            ErrorCode.UPSTREAM_UNAVAILABLE,
            'The gateway stopped watching the resource (shutting down)',
          );
        }
        if (predicate(result.value) || spec.isFinal(result.value)) return result.value;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await watch.return();
    }
  }

  /** Pollers, listeners, tenants and polls right now. */
  stats(): PollingStats {
    let listeners = 0;
    let polls = 0;
    for (const poller of this.pollers.values()) {
      listeners += poller.size;
      polls += poller.polls;
    }
    return { pollers: this.pollers.size, listeners, tenants: this.perTenant.size, polls };
  }

  /** The delay before the next poll of a resource (ms, before jitter), or undefined when nothing polls it. */
  currentDelayMs(tenantId: string, resource: string): number | undefined {
    return this.pollers.get(pollerKey(tenantId, resource))?.currentDelayMs;
  }

  /** Stops every poller (their listeners complete) and refuses new watches. */
  close(): void {
    this.closed = true;
    for (const poller of [...this.pollers.values()]) poller.stop();
  }

  private startPoller<T>(key: string, spec: WatchSpec<T>): Poller<T> {
    const tenant = spec.tenantId.toLowerCase();
    const count = this.perTenant.get(tenant) ?? 0;
    if (count >= this.options.maxPollersPerTenant) {
      throw limitError(
        `This account already watches ${count} resources, the most this gateway polls for one account (MAX_POLLERS_PER_TENANT). End a subscription, or subscribe again when one completes.`,
        'MAX_POLLERS_PER_TENANT',
      );
    }
    if (this.pollers.size - this.flowPollers >= this.options.maxPollers)
      throw limitError('This gateway already polls as many resources as it may; subscribe again later.', 'maxPollers');
    const poller = new Poller<T>(key, spec, this.timing, (p) => this.forget(p as Poller<unknown>, tenant), this.pace);
    this.pollers.set(key, poller as Poller<unknown>);
    this.perTenant.set(tenant, count + 1);
    this.begin(poller as Poller<unknown>);
    return poller;
  }

  /** A poller for a flow's wait: outside every subscription cap, bounded by maxFlowPollers only. */
  private startFlowPoller<T>(key: string, spec: WatchSpec<T>): Poller<T> {
    if (this.flowPollers >= this.options.maxFlowPollers)
      throw limitError('This gateway already polls as many resources for flows as it may', 'maxFlowPollers');
    const poller = new Poller<T>(
      key,
      spec,
      this.timing,
      (p) => {
        this.coordinator?.detach(p as Poller<unknown>);
        if (this.pollers.get(p.key) !== p) return;
        this.pollers.delete(p.key);
        this.flowPollers--;
      },
      this.pace,
    );
    this.pollers.set(key, poller as Poller<unknown>);
    this.flowPollers++;
    this.begin(poller as Poller<unknown>);
    return poller;
  }

  /** Polls at once, or lets the coordinator decide whether this instance polls or follows another. */
  private begin(poller: Poller<unknown>): void {
    if (this.coordinator) this.coordinator.attach(poller);
    else poller.start();
  }

  private forget(poller: Poller<unknown>, tenant: string): void {
    this.coordinator?.detach(poller);
    if (this.pollers.get(poller.key) !== poller) return;
    this.pollers.delete(poller.key);
    const left = (this.perTenant.get(tenant) ?? 1) - 1;
    if (left > 0) this.perTenant.set(tenant, left);
    else this.perTenant.delete(tenant);
  }
}

function pollerKey(tenantId: string, resource: string): string {
  return `${tenantId.toLowerCase()}\u0000${resource}`;
}

/**
 * A cap was reached. UPSTREAM_RATE_LIMITED, not BAD_USER_INPUT: the request is valid and will succeed once other
 * watches end — "retry later" is the right advice, and the caps exist to keep the account within Wix's rate limit.
 * `extensions.limit` names the cap.
 */
function limitError(message: string, limit: string): GatewayError {
  const error = new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, message);
  (error.extensions as Record<string, unknown>).limit = limit;
  return error;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
