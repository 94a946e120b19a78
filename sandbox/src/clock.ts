/**
 * The sandbox's virtual clock. In `real` mode it follows wall time; in `manual` mode it stands still until a test
 * advances it (`POST /_sandbox/clock/advance`). Either mode can be advanced, so a demo can skip ahead too.
 */
export type ClockMode = 'real' | 'manual';

/** Where a manual clock starts: fixed so that the same seed and the same calls give the same timestamps. */
export const MANUAL_EPOCH = Date.parse('2026-06-01T00:00:00.000Z');

export class VirtualClock {
  private offsetMs = 0;
  private readonly startedAt: number;

  constructor(readonly mode: ClockMode) {
    this.startedAt = mode === 'manual' ? MANUAL_EPOCH : 0;
  }

  /** Current virtual time in epoch milliseconds. */
  now(): number {
    return (this.mode === 'manual' ? this.startedAt : Date.now()) + this.offsetMs;
  }

  /** Current virtual time as an ISO-8601 UTC string. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** A manual clock resumes at `ms` (a saved world's time, see persistence.ts); a real clock follows the wall clock. */
  resumeAt(ms: number): void {
    if (this.mode === 'manual' && Number.isFinite(ms)) this.offsetMs = ms - this.startedAt;
  }

  /** Moves the clock forward; never backwards. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('ms must be a non-negative number');
    this.offsetMs += ms;
  }
}
