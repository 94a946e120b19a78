import type { NewAuditEvent } from './audit-store.js';

/** Events kept while the audit store is unreachable; past this the oldest are dropped (and counted in the log). */
const MAX_PENDING = 10_000;
/** How often writing the queue is tried again. */
const RETRY_MS = 2_000;

/**
 * Audit events that could not be written (PostgreSQL unreachable), in order, bounded: retried every 2 s and on close,
 * written oldest first, so an upstream write made just before the database went away still lands on the trail.
 */
export class PendingAudit {
  private readonly queue: NewAuditEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private dropped = 0;

  constructor(private readonly write: (event: NewAuditEvent) => Promise<void>) {}

  get size(): number {
    return this.queue.length;
  }

  add(event: NewAuditEvent): void {
    if (this.queue.length >= MAX_PENDING) {
      this.queue.shift();
      if (++this.dropped % 1_000 === 1)
        console.error(`gateway: audit store unreachable; ${this.dropped} pending audit event(s) dropped (queue full)`);
    }
    this.queue.push(event);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), RETRY_MS);
      this.timer.unref();
    }
  }

  /** Writes the queue, oldest first, until it is empty or a write fails (left for the next try). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** One last try to write what waits; what still cannot be written is reported (its count only). */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.queue.length > 0)
      console.error(`gateway: ${this.queue.length} audit event(s) not stored (audit store unreachable at shutdown)`);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      try {
        await this.write(this.queue[0] as NewAuditEvent);
      } catch {
        return;
      }
      this.queue.shift();
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
