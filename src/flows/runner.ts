import { randomUUID } from 'node:crypto';
import type { FlowDefinition } from './flow.js';
import { isFinal, type OperationRecord, type StepRecord } from './operation.js';
import {
  finish,
  isDetach,
  LEASE_LOST,
  markCanceled,
  now,
  reconcile,
  SHUTDOWN,
  stepContext,
  stepUserError,
  withTransientRetries,
} from './step-run.js';
import type { OperationStore } from './operation-store.js';

export interface RunnerOptions<Deps> {
  store: OperationStore;
  flows: FlowDefinition<Deps>[];
  /** Builds the flow dependencies (fresh data sources) for a tenant. */
  deps: (op: OperationRecord) => Deps;
  /** How long a runner's lease on an operation lasts; renewed while it runs. */
  leaseMs?: number;
  /** Attempts of a step that fails transiently before the operation fails. */
  maxTransientAttempts?: number;
  /** Backoff base between transient attempts. */
  retryDelayMs?: number;
  /** Operations run at once by this gateway; more wait for a slot. */
  maxRunning?: number;
  /**
   * How often unfinished operations are looked for after `resume()` (default: the lease): picks up operations whose
   * runner died (once its lease expired) and those that waited for a slot.
   */
  sweepMs?: number;
  /** Wraps the run of an operation's steps (the gateway runs them as the operation's requester, for the audit trail). */
  around?: <T>(op: OperationRecord, run: () => Promise<T>) => Promise<T>;
  /** Told of every state this runner saved (after its own listeners): several instances publish it (src/shared). */
  onSaved?: (op: OperationRecord) => void;
  /** Watches the runner (logs, metrics, trace spans; src/observability/flow-observer.ts). */
  observer?: RunObserver;
}

/** What the runner tells an observer. */
export interface RunObserver {
  /** An operation was saved (a status or step transition). */
  saved(op: OperationRecord): void;
  /** Wraps one step's run (its transient retries included). */
  aroundStep<T>(op: OperationRecord, step: string, run: () => Promise<T>): Promise<T>;
  /** The runner failed unexpectedly on an operation (not a step failure: those are saved on the operation). */
  runnerError(id: string, message: string): void;
}

type Listener = (op: OperationRecord) => void;

/**
 * Runs flow operations: one runner per gateway, operations persisted after every step transition so that a
 * restarted gateway resumes them (each step reconciles first, so a resumed step never repeats a purchase). Step
 * mechanics (context, check-then-act, transient retries) live in step-run.ts.
 */
export class OperationRunner<Deps> {
  readonly owner = `runner-${randomUUID()}`;
  private readonly flows: Map<string, FlowDefinition<Deps>>;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private closed = false;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: RunnerOptions<Deps>) {
    this.flows = new Map(options.flows.map((f) => [f.kind, f]));
  }

  get store(): OperationStore {
    return this.options.store;
  }

  /** Operations this runner is executing now (for health checks and tests). */
  get runningCount(): number {
    return this.running.size;
  }

  /** Listeners of one operation's updates, or of all (for tests: a finished subscription leaves none behind). */
  listenerCount(id?: string): number {
    if (id) return this.listeners.get(id)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Starts running an operation in the background (no-op when it is already running here or is final). */
  start(op: OperationRecord): void {
    if (this.closed || this.running.has(op.id) || isFinal(op.status)) return;
    if (this.running.size >= (this.options.maxRunning ?? 200)) return; // picked up later by resume()
    const controller = new AbortController();
    const done = this.run(op.id, controller).finally(() => this.running.delete(op.id));
    this.running.set(op.id, { controller, done });
  }

  /** Resumes unfinished operations (at start-up): those whose runner died have an expired lease. */
  async resume(limit = 1000): Promise<number> {
    if (!this.sweeper && !this.closed) {
      const every = this.options.sweepMs ?? this.options.leaseMs ?? 30_000;
      this.sweeper = setInterval(() => void this.sweep(limit), every);
      this.sweeper.unref();
    }
    return this.sweep(limit);
  }

  private async sweep(limit: number): Promise<number> {
    if (this.closed) return 0;
    const ops = await this.options.store.listUnfinished(limit).catch(() => [] as OperationRecord[]);
    for (const op of ops) this.start(op);
    return ops.length;
  }

  /**
   * Asks an operation to stop waiting; what was done is not undone. Runs here: the run is aborted (it saves the
   * operation CANCELED). Runs on another gateway (or not at all): the record is finished CANCELED in the store, and
   * that gateway's runner lets go of it at its next lease renewal. Retried when a runner saved in between.
   */
  async cancel(id: string): Promise<OperationRecord | undefined> {
    const local = this.running.get(id);
    if (local) {
      local.controller.abort();
      await local.done;
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const op = await this.options.store.get(id);
      if (!op || isFinal(op.status)) return op;
      markCanceled(op);
      op.updatedAt = now();
      if (await this.options.store.save(op)) {
        this.emit(op);
        return op;
      }
    }
    throw new Error(`operation ${id} kept changing; cancel it again`);
  }

  /** Listens to an operation's saved updates; returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set?.delete(listener);
      if (set?.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /** Stops every running operation without finishing it (they resume on the next start), and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort(new Error(SHUTDOWN));
    await Promise.all(all.map((r) => r.done));
  }

  /** A state saved by another gateway instance's runner (received through Redis): to this runner's listeners. */
  deliver(op: OperationRecord): void {
    for (const listener of this.listeners.get(op.id) ?? []) listener(structuredClone(op));
  }

  private emit(op: OperationRecord): void {
    this.deliver(op);
    this.options.onSaved?.(op);
  }

  private async save(op: OperationRecord): Promise<void> {
    op.updatedAt = now();
    if (!(await this.options.store.save(op))) throw new Error(`operation ${op.id} was changed by another runner`);
    this.options.observer?.saved(op);
    this.emit(op);
  }

  private async run(id: string, controller: AbortController): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    if (!(await this.options.store.claim(id, this.owner, leaseMs))) return;
    // Renew well inside the lease, so a live runner never loses it to a sweeping peer; a runner that lost it anyway
    // (a long pause) or whose operation was finished elsewhere (canceled on another gateway) stops acting on it.
    const renew = setInterval(() => void this.renew(id, leaseMs, controller), Math.max(100, Math.floor(leaseMs / 3)));
    try {
      const op = await this.options.store.get(id);
      const flow = op ? this.flows.get(op.kind) : undefined;
      if (!op || !flow || isFinal(op.status)) return;
      const around = this.options.around ?? ((_op, run) => run());
      await around(op, () => this.execute(op, flow, controller.signal));
    } catch (error) {
      if (!controller.signal.aborted) {
        const message = error instanceof Error ? error.message : 'unknown';
        if (this.options.observer) this.options.observer.runnerError(id, message);
        else console.error(`operation ${id}: runner error: ${message}`);
      }
    } finally {
      clearInterval(renew);
      await this.options.store.release(id, this.owner).catch(() => undefined);
    }
  }

  private async renew(id: string, leaseMs: number, controller: AbortController): Promise<void> {
    try {
      const held = await this.options.store.claim(id, this.owner, leaseMs);
      const op = held ? await this.options.store.get(id) : undefined;
      if (!held || !op || isFinal(op.status)) controller.abort(new Error(LEASE_LOST));
    } catch {
      // The store is unreachable for a moment: keep going; the next renewal tries again.
    }
  }

  private async execute(op: OperationRecord, flow: FlowDefinition<Deps>, signal: AbortSignal): Promise<void> {
    const deps = this.options.deps(op);
    op.status = 'RUNNING';
    await this.save(op);
    for (const [index, step] of flow.steps.entries()) {
      const record = op.steps[index] as StepRecord;
      if (record.status === 'DONE' || record.status === 'SKIPPED') continue;
      // A cancel (or shutdown) between two steps stops before the next one acts.
      if (signal.aborted) return this.stopped(op, signal);
      const ctx = stepContext(op, deps, signal, record, () => this.save(op));
      if (step.applies && !step.applies(ctx)) {
        Object.assign(record, { status: 'SKIPPED', detail: 'Not needed for this input.', finishedAt: now() });
        await this.save(op);
        continue;
      }
      Object.assign(record, { status: 'RUNNING', startedAt: record.startedAt ?? now() });
      await this.save(op);
      try {
        const attempt = () =>
          withTransientRetries(
            () => reconcile(step, ctx),
            signal,
            this.options.maxTransientAttempts ?? 5,
            this.options.retryDelayMs ?? 1000,
          );
        const observer = this.options.observer;
        const { acted, detail } = observer ? await observer.aroundStep(op, step.name, attempt) : await attempt();
        Object.assign(record, { status: acted ? 'DONE' : 'SKIPPED', detail, finishedAt: now() });
        if ((op.status as string) === 'WAITING') op.status = 'RUNNING';
        await this.save(op);
      } catch (error) {
        if (signal.aborted) return this.stopped(op, signal);
        Object.assign(record, {
          status: 'FAILED',
          finishedAt: now(),
          detail: error instanceof Error ? error.message : 'failed',
        });
        op.userErrors.push(stepUserError(error, step.name));
        finish(op, 'FAILED');
        await this.save(op);
        return;
      }
    }
    op.result = flow.result(op);
    finish(op, 'SUCCEEDED');
    await this.save(op);
  }

  /** The run was aborted: a shutdown or a lost lease leaves the operation as stored; a cancel finishes it. */
  private async stopped(op: OperationRecord, signal: AbortSignal): Promise<void> {
    if (isDetach(signal)) return;
    markCanceled(op);
    await this.save(op);
  }
}
