/**
 * The per-call log tests and benchmarks read to count upstream calls. Bounded: the oldest entries are dropped.
 * The API key is never recorded, only whether one was sent and whether it was valid.
 */
export interface CallRecord {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  operation: string;
  status: number;
  /** ok, error (a 4xx/5xx answer of a handler), or the injected fault: fault-429, fault-5xx, dropped. */
  outcome: 'ok' | 'error' | 'fault-429' | 'fault-5xx' | 'dropped';
  errorCode?: string;
  accountId?: string;
  siteId?: string;
  auth: 'missing' | 'valid' | 'invalid';
  body?: unknown;
  durationMs: number;
}

export class CallLog {
  private entries: CallRecord[] = [];
  private seq = 0;

  constructor(private readonly capacity = 50_000) {}

  add(record: Omit<CallRecord, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...record });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): readonly CallRecord[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
