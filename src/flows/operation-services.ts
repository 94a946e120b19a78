import type { Ambient } from '../ambient.js';
import { operationCall } from '../auth/call-context.js';
import { BudgetClass } from '../budget/call-budget.js';
import type { MutationLedger } from '../idempotency/ledger.js';
import type { UpstreamServices } from '../upstream-services.js';
import { FLOWS } from './all-flows.js';
import type { Flow, FlowDeps } from './flow-deps.js';
import type { OperationRecord } from './operation.js';
import type { OperationStore } from './operation-store.js';
import { OperationRunner, type RunnerOptions } from './runner.js';
import { SqliteOperationStore } from './sqlite-operation-store.js';
import { planOperation, submitOperation, type PlannedStep, type SubmitResult } from './submit.js';

/** Who asked for an operation (the caller's ID and name; shown on the operation and used for its audit events). */
export interface RequestedBy {
  id: string;
  name: string;
}

/** A store of operations that also keeps the single mutations' idempotency ledger (the SQLite store does both). */
export type OperationAndLedgerStore = OperationStore & MutationLedger;

/**
 * What a request may do with operations (the request context holds this, not the runner or the store): submit a
 * flow, plan one (a dry run), read, cancel and follow an operation, and run single mutations under the ledger.
 */
export interface FlowOperations {
  /** Creates the operation for (tenant, idempotency key) and starts it, or returns the existing one (or a conflict). */
  submit(
    flow: Flow,
    tenantId: string,
    idempotencyKey: string,
    input: Record<string, unknown>,
    requestedBy?: RequestedBy | null,
  ): Promise<SubmitResult>;
  /** A dry run as `tenantId`: every step's check, reads only; nothing is written or stored. */
  plan(
    flow: Flow,
    tenantId: string,
    idempotencyKey: string,
    input: Record<string, unknown>,
    ambient?: Ambient,
  ): Promise<PlannedStep[]>;
  get(id: string): Promise<OperationRecord | undefined>;
  /** Asks the operation to stop (see OperationRunner.cancel). */
  cancel(id: string): Promise<OperationRecord | undefined>;
  /** Listens to an operation's saved updates; returns the unsubscribe function. */
  subscribe(id: string, listener: (op: OperationRecord) => void): () => void;
  /** The ledger of single idempotent mutations. */
  readonly ledger: MutationLedger;
  /** How long a keyed mutation waits for a concurrent call with the same key before answering IDEMPOTENCY_IN_PROGRESS. */
  readonly idempotencyWaitMs: number;
}

export interface OperationOptions {
  /** SQLite file of the operation store (`:memory:` for a throwaway store); ignored when `store` is given. */
  storePath: string;
  /** Another store instead of the SQLite file. */
  store?: OperationAndLedgerStore;
  /**
   * Builds another store (PostgreSQL, DATABASE_URL) instead of the SQLite file, bound to the same upstream identity
   * and reservation staleness the SQLite store would get; ignored when `store` is given.
   */
  storeFactory?: (options: { upstream?: () => string; staleReservationMs?: number }) => OperationAndLedgerStore;
  /** Backoff base between transient failures of a step. */
  retryDelayMs?: number;
  /** Lease of a running operation (a dead runner's operations are resumed after it). */
  leaseMs?: number;
  /** How often unfinished operations are looked for (default: the lease). */
  sweepMs?: number;
  /** How long a keyed mutation waits for a concurrent duplicate to finish (default 10 s); then IDEMPOTENCY_IN_PROGRESS. */
  idempotencyWaitMs?: number;
  /** After how long a ledger reservation of a call that never finished is taken over (default 60 s). */
  reservationStaleMs?: number;
  /** The upstream (and sandbox world) the SQLite store binds its rows to; see upstream-identity.ts. */
  upstreamId?: () => string;
  /** How long finished operations and ledger entries are kept, and how often older ones are pruned. */
  retention?: Partial<RetentionOptions>;
  /** Wraps the run of an operation's steps (the gateway's call context for the audit trail, src/auth). */
  around?: RunnerOptions<FlowDeps>['around'];
  /** Told of every operation state this gateway saved (several instances publish it; see src/shared). */
  onSaved?: RunnerOptions<FlowDeps>['onSaved'];
  /** Watches the runner (logs, metrics, spans of steps). */
  observer?: RunnerOptions<FlowDeps>['observer'];
  /** Wraps the store (e.g. to time its calls for the metrics). */
  wrapStore?: (store: OperationAndLedgerStore) => OperationAndLedgerStore;
}

/** Retention of the store (documented defaults: 30 days of finished operations, 7 days of ledger, swept every 10 min). */
export interface RetentionOptions {
  finishedOperationsMs: number;
  ledgerEntriesMs: number;
  sweepMs: number;
}

const DEFAULT_RETENTION: RetentionOptions = {
  finishedOperationsMs: 30 * 24 * 3_600_000,
  ledgerEntriesMs: 7 * 24 * 3_600_000,
  sweepMs: 600_000,
};

/** The gateway's operation machinery: the store (also the mutation ledger) and the runner, over UpstreamServices. */
export class OperationServices implements FlowOperations {
  readonly store: OperationAndLedgerStore;
  readonly runner: OperationRunner<FlowDeps>;
  readonly idempotencyWaitMs: number;
  private readonly retention: RetentionOptions;
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    options: OperationOptions,
    private readonly upstream: UpstreamServices,
  ) {
    const bound = { upstream: options.upstreamId, staleReservationMs: options.reservationStaleMs };
    const store = options.store ?? options.storeFactory?.(bound) ?? new SqliteOperationStore(options.storePath, bound);
    this.store = options.wrapStore ? options.wrapStore(store) : store;
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.runner = new OperationRunner<FlowDeps>({
      store: this.store,
      flows: FLOWS,
      deps: (op) => this.deps(op),
      retryDelayMs: options.retryDelayMs,
      leaseMs: options.leaseMs,
      sweepMs: options.sweepMs,
      around: options.around,
      onSaved: options.onSaved,
      observer: options.observer,
    });
    this.idempotencyWaitMs = options.idempotencyWaitMs ?? 10_000;
  }

  get ledger(): MutationLedger {
    return this.store;
  }

  submit(
    flow: Flow,
    tenantId: string,
    idempotencyKey: string,
    input: Record<string, unknown>,
    requestedBy: RequestedBy | null = null,
  ): Promise<SubmitResult> {
    return submitOperation(this.runner, flow, tenantId, idempotencyKey, input, requestedBy);
  }

  /**
   * Plans with one session for the whole dry run: nothing is written between its checks, so every step may share
   * what an earlier one read (a real run takes a new session per step).
   */
  plan(
    flow: Flow,
    tenantId: string,
    idempotencyKey: string,
    input: Record<string, unknown>,
    ambient?: Ambient,
  ): Promise<PlannedStep[]> {
    const session = this.upstream.session(tenantId, ambient);
    return planOperation(flow, { tenantId, session: () => session }, tenantId, input, idempotencyKey);
  }

  get(id: string): Promise<OperationRecord | undefined> {
    return this.store.get(id);
  }

  cancel(id: string): Promise<OperationRecord | undefined> {
    return this.runner.cancel(id);
  }

  subscribe(id: string, listener: (op: OperationRecord) => void): () => void {
    return this.runner.subscribe(id, listener);
  }

  /** Resumes the operations that were running when a gateway stopped (or died), and starts the pruning. */
  resume(): Promise<number> {
    if (!this.pruner) {
      this.pruner = setInterval(() => void this.prune().catch(() => undefined), this.retention.sweepMs);
      this.pruner.unref();
    }
    return this.runner.resume();
  }

  /** Deletes what the retention no longer keeps (finished operations, ledger entries); unfinished ones stay. */
  prune(now = Date.now()): ReturnType<OperationAndLedgerStore['prune']> {
    return this.store.prune({
      finishedOperationsBefore: new Date(now - this.retention.finishedOperationsMs),
      ledgerEntriesBefore: new Date(now - this.retention.ledgerEntriesMs),
    });
  }

  /** Stops running operations where they are (saved after every step; they resume at the next start), then the store. */
  async close(): Promise<void> {
    await this.stop();
    await this.store.close();
  }

  /** Stops the pruning and the running operations (they resume at the next start); the store stays open. */
  async stop(): Promise<void> {
    if (this.pruner) clearInterval(this.pruner);
    await this.runner.close();
  }

  /**
   * Flow dependencies for a run of `op`: a new upstream session on every call, whose calls act as the operation's
   * requester (the audit trail), spend the budget's flow class, and carry the operation's ID as their request ID.
   */
  private deps(op: OperationRecord): FlowDeps {
    const ambient: Ambient = {
      call: operationCall(op),
      budget: { class: BudgetClass.FLOW, tenantId: op.tenantId },
      scope: { requestId: op.id, upstreamCalls: 0, upstreamFailures: 0 },
    };
    return { tenantId: op.tenantId, session: () => this.upstream.session(op.tenantId, ambient) };
  }
}
