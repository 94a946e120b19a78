/** A per-key rate limit like Wix's ("up to 200 requests per minute"), in real time (not the world's clock). */
export interface RateLimitSettings {
  /** Requests one API key may make per window; 0 or absent: no limit. */
  perWindow: number;
  /** The window (60 s; tests may shorten it). */
  windowMs: number;
}

/** Keys tracked at most (an unknown key is refused with 401 before it counts, so this is the seeded keys and a few). */
const MAX_KEYS = 1_000;

/**
 * Counts each API key's requests over a sliding window and tells when one is over the limit, with how long until
 * the oldest counted request leaves the window (the Retry-After). Each key's log holds at most `perWindow` times.
 */
export class KeyRateLimiter {
  private settings: RateLimitSettings = { perWindow: 0, windowMs: 60_000 };
  private readonly logs = new Map<string, number[]>();
  /** Requests refused with 429 since the limit was set. */
  refused = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get current(): RateLimitSettings {
    return { ...this.settings };
  }

  configure(settings: RateLimitSettings): void {
    this.settings = { ...settings };
    this.logs.clear();
    this.refused = 0;
  }

  /** Counts a request of `key`; returns the seconds to wait when it is over the limit (then it is not counted). */
  take(key: string): number | undefined {
    const { perWindow, windowMs } = this.settings;
    if (!(perWindow > 0)) return undefined;
    const now = this.now();
    let log = this.logs.get(key);
    if (!log) {
      if (this.logs.size >= MAX_KEYS) this.logs.delete(this.logs.keys().next().value as string);
      this.logs.set(key, (log = []));
    }
    while (log.length > 0 && (log[0] as number) <= now - windowMs) log.shift();
    if (log.length >= perWindow) {
      this.refused++;
      return Math.max(1, Math.ceil(((log[0] as number) + windowMs - now) / 1000));
    }
    log.push(now);
    return undefined;
  }
}
