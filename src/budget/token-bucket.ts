/**
 * The rate budget's bucket: `capacity` tokens at most, refilled continuously so that no 60 s window (any `windowMs`,
 * sliding) ever holds more than `limit` takes — a full bucket (capacity) plus what refills in one window
 * (limit − capacity) is exactly the limit. The rate can be lowered and raised while running (AIMD on 429s) and the
 * bucket paused (a Retry-After); the limit never goes above the configured one.
 *
 * Why not rate-limiter-flexible (the suggestion): its limiters count fixed windows, which let twice the limit
 * through across a window boundary (Wix counts a sliding minute), and they have no priority classes; the bucket is
 * twenty lines, the classes and fairness live in the scheduler around it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** The limit in force now (≤ the configured one); lowered on throttling, raised back step by step. */
  limit: number;
  /** No token is given before this time (ms, the clock's). */
  pausedUntil = 0;

  constructor(
    /** The configured limit per window. */
    readonly maxLimit: number,
    readonly capacity: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    if (!(capacity >= 1 && maxLimit > capacity)) throw new RangeError('token bucket: need 1 <= capacity < limit');
    this.limit = maxLimit;
    this.tokens = capacity;
    this.last = now();
  }

  /** Tokens added per ms at the limit in force. */
  get ratePerMs(): number {
    return (this.limit - this.capacity) / this.windowMs;
  }

  /** Tokens available now (fractional), after refilling. */
  available(): number {
    this.refill();
    return this.now() < this.pausedUntil ? 0 : this.tokens;
  }

  /** Takes one token if `keep` more would still be left afterwards; true when taken. */
  tryTake(keep = 0): boolean {
    if (this.available() < 1 + keep) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until `count` tokens (beyond what is there now) will be there, pauses included. */
  msUntil(count: number): number {
    this.refill();
    const now = this.now();
    const pause = Math.max(0, this.pausedUntil - now);
    const missing = Math.max(0, count - this.tokens);
    return pause + missing / this.ratePerMs;
  }

  /** Gives nothing until `until`, and drops what was saved up (a throttled upstream wants quiet, not a burst). */
  pause(until: number): void {
    this.refill();
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.tokens = 0;
  }

  private refill(): void {
    const now = this.now();
    // Nothing accrues while paused: the window after a pause starts empty.
    const from = Math.max(this.last, this.pausedUntil);
    if (now > from) this.tokens = Math.min(this.capacity, this.tokens + (now - from) * this.ratePerMs);
    this.last = Math.max(this.last, now);
  }
}
