/**
 * One listener of a poller, read as an async iterator: the poller pushes values, the consumer pulls them. The queue is
 * bounded — values are states, not events, so when a slow consumer falls behind the oldest queued states are dropped
 * and the newest kept (a consumer only ever needs the latest state, and always gets the final one).
 */
export class Listener<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private error: unknown;
  private left = false;

  constructor(
    /** Called once when the consumer stops reading (return/throw) before the poller ended the stream. */
    private readonly onLeave: (listener: Listener<T>) => void,
    private readonly maxBuffer = 8,
  ) {}

  /** True once the poller ended the stream or the consumer left. */
  get closed(): boolean {
    return this.ended || this.left;
  }

  /** Delivers a value (poller side). */
  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.maxBuffer) this.buffer.shift();
  }

  /** Ends the stream after the queued values (poller side); with an error, the consumer's next read throws it. */
  end(error?: unknown): void {
    if (this.closed) return;
    this.ended = true;
    this.error = error;
    if (this.waiting) {
      const { resolve, reject } = this.waiting;
      this.waiting = undefined;
      if (error !== undefined) {
        this.error = undefined;
        reject(error);
      } else resolve({ value: undefined, done: true });
    }
  }

  /** The next queued state; waits for one; throws the poller's error once the queue is drained. */
  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.ended && this.error !== undefined) {
      const error = this.error;
      this.error = undefined;
      return Promise.reject(
        error instanceof Error ? error : new Error('the watched resource failed', { cause: error }),
      );
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    if (this.waiting) return Promise.reject(new Error('Listener.next() called while a read is pending'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The consumer stops reading: leaves the poller (the last one to leave stops it). */
  return(): Promise<IteratorResult<T>> {
    this.leave();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Same as return(): the consumer leaves. */
  throw(): Promise<IteratorResult<T>> {
    this.leave();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** A listener is its own iterator (one consumer). */
  [Symbol.asyncIterator](): this {
    return this;
  }

  private leave(): void {
    if (this.left) return;
    const wasEnded = this.ended;
    this.left = true;
    this.buffer = [];
    if (this.waiting) {
      this.waiting.resolve({ value: undefined, done: true });
      this.waiting = undefined;
    }
    if (!wasEnded) this.onLeave(this);
  }
}
