/**
 * The per-call log tests and benchmarks read to count upstream calls. Bounded: a ring buffer that drops the oldest
 * entries (so a long benchmark costs O(1) per call, not an array shift). The API key is never recorded, only whether
 * one was sent and whether it was valid; of the other headers only the account and site IDs and the tracing headers
 * (`traceparent`, `x-request-id`) are recorded.
 */
export interface CallRecord {
  seq: number;
  /** Virtual time of the call (the sandbox clock). */
  time: string;
  method: string;
  path: string;
  query: string;
  /** The route's operation name; `unmatched` for a path or method the sandbox does not serve. */
  operation: string;
  /** HTTP status answered; 0 for a dropped connection. */
  status: number;
  /** ok, error (a 4xx/5xx answer of a handler), or the injected fault: fault-429, fault-5xx, dropped. */
  outcome: CallOutcome;
  errorCode?: string;
  accountId?: string;
  siteId?: string;
  auth: 'missing' | 'valid' | 'invalid';
  /** The W3C `traceparent` header the caller sent (so tests can join the caller's traces to these calls). */
  traceparent?: string;
  /** The `x-request-id` header the caller sent. */
  requestId?: string;
  /** The parsed request body ({} when none). */
  body?: unknown;
  durationMs: number;
  /** When the call arrived, in real time (epoch ms; `time` is the world clock, which may be manual). */
  receivedAt: number;
}

export type CallOutcome = 'ok' | 'error' | 'fault-429' | 'fault-5xx' | 'dropped' | 'rate-limited';

/** Filters of `GET /_sandbox/calls`. */
export interface CallFilter {
  operation?: string;
  outcome?: string;
  /** Only calls with `seq` greater than this. */
  since?: number;
}

export const DEFAULT_CALL_LOG_CAPACITY = 50_000;

export class CallLog {
  private ring: Array<CallRecord | undefined>;
  /** Index the next record is written to. */
  private head = 0;
  private length = 0;
  private seq = 0;

  constructor(private readonly capacity = DEFAULT_CALL_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.ring = new Array<CallRecord | undefined>(capacity);
  }

  /**
   * Appends a record and returns its sequence number. The object is stored as given (the caller passes a fresh one);
   * its `seq` is overwritten, so a caller may put `seq: 0` first to keep it first in the JSON.
   */
  add(record: Omit<CallRecord, 'seq'> & { seq?: number }): number {
    const entry = record as CallRecord;
    entry.seq = ++this.seq;
    this.ring[this.head] = entry;
    this.head = (this.head + 1) % this.capacity;
    if (this.length < this.capacity) this.length++;
    return entry.seq;
  }

  /** The records kept, oldest first, optionally filtered. */
  list(filter: CallFilter = {}): CallRecord[] {
    const out: CallRecord[] = [];
    const start = (this.head - this.length + this.capacity) % this.capacity;
    for (let i = 0; i < this.length; i++) {
      const record = this.ring[(start + i) % this.capacity];
      if (!record) continue;
      if (filter.operation && record.operation !== filter.operation) continue;
      if (filter.outcome && record.outcome !== filter.outcome) continue;
      if (filter.since !== undefined && record.seq <= filter.since) continue;
      out.push(record);
    }
    return out;
  }

  /** Number of records kept. */
  get size(): number {
    return this.length;
  }

  /** Sequence number of the latest call (0 before any); keeps counting across {@link clear}. */
  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.ring = new Array<CallRecord | undefined>(this.capacity);
    this.head = 0;
    this.length = 0;
  }
}
