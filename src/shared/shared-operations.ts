import type { OperationRecord } from '../flows/operation.js';
import type { RedisLink } from './redis-link.js';
import { decode, encode } from './wire.js';

/** Channel of saved operation states. */
const CHANNEL = 'operations:saved';

/** Where received states go: the local runner's listeners (OperationRunner.deliver). */
export interface OperationDelivery {
  deliver(op: OperationRecord): void;
}

/**
 * Operation updates across gateway instances: every state a runner saves is published, and every instance hands the
 * states saved elsewhere to its own subscribers — so `operationUpdated` on any instance sees every step of an
 * operation that runs on another. While Redis is away nothing is published; subscribers then read the store once a
 * second (operation.resolver.ts), so they still reach every final state, only without the in-between ones.
 */
export class SharedOperations {
  private readonly unsubscribe: () => void;
  private target: OperationDelivery | undefined;
  /** States published (for tests and metrics). */
  published = 0;

  constructor(private readonly link: RedisLink) {
    this.unsubscribe = link.subscribe(CHANNEL, (message) => this.received(message));
  }

  /** The runner that gets the states saved elsewhere (set once the runner exists). */
  deliverTo(target: OperationDelivery): void {
    this.target = target;
  }

  /** Publishes a state saved here (fire and forget: a lost message is made good by the store reads). */
  publish(op: OperationRecord): void {
    if (!this.link.healthy) return;
    this.published++;
    void this.link.publish(CHANNEL, JSON.stringify({ from: this.link.instanceId, op: encode(op) }));
  }

  close(): void {
    this.unsubscribe();
  }

  private received(message: string): void {
    try {
      const { from, op } = JSON.parse(message) as { from: string; op: string };
      if (from === this.link.instanceId) return;
      this.target?.deliver(decode<OperationRecord>(op));
    } catch {
      // Not ours, or malformed: ignored.
    }
  }
}
