import { randomUUID } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { userErrorSpec } from '../user-errors/index.js';
import { FlowUserError, isTransient, type FlowDefinition, type StepContext } from './flow.js';
import { isFinal, type OperationRecord, type StepRecord, type UserErrorRecord } from './operation.js';
import type { OperationStore } from './store.js';

export interface RunnerOptions<Deps> {
  store: OperationStore;
  flows: FlowDefinition<Deps>[];
  /** Builds the flow dependencies (fresh data sources) for a tenant. */
  deps: (tenantId: string) => Deps;
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
}

type Listener = (op: OperationRecord) => void;

/**
 * Runs flow operations: one runner per gateway, operations persisted after every step transition so that a
 * restarted gateway resumes them (each step reconciles first, so a resumed step never repeats a purchase).
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

  /** Starts running an operation in the background (no-op when it is already running here or is final). */
  start(op: OperationRecord): void {
    if (this.closed || this.running.has(op.id) || isFinal(op.status)) return;
    if (this.running.size >= (this.options.maxRunning ?? 200)) return; // picked up later by resume()
    const controller = new AbortController();
    const done = this.run(op.id, controller.signal).finally(() => this.running.delete(op.id));
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

  /** Asks an operation to stop waiting; what was done is not undone. */
  async cancel(id: string): Promise<OperationRecord | undefined> {
    const op = await this.options.store.get(id);
    if (!op || isFinal(op.status)) return op;
    const local = this.running.get(id);
    if (local) {
      local.controller.abort();
      await local.done;
      return this.options.store.get(id);
    }
    op.cancelRequested = true;
    finish(op, 'CANCELED');
    await this.options.store.save(op);
    this.emit(op);
    return op;
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
      if (set?.size === 0) this.listeners.delete(id);
    };
  }

  /** Stops every running operation without finishing it (they resume on the next start), and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort(new Error('shutdown'));
    await Promise.all(all.map((r) => r.done));
  }

  private emit(op: OperationRecord): void {
    for (const listener of this.listeners.get(op.id) ?? []) listener(structuredClone(op));
  }

  private async save(op: OperationRecord): Promise<void> {
    op.updatedAt = new Date().toISOString();
    if (!(await this.options.store.save(op))) throw new Error(`operation ${op.id} was changed by another runner`);
    this.emit(op);
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    if (!(await this.options.store.claim(id, this.owner, leaseMs))) return;
    // Renew well inside the lease, so a live runner never loses it to a sweeping peer.
    const renew = setInterval(() => void this.options.store.claim(id, this.owner, leaseMs).catch(() => undefined), Math.max(100, Math.floor(leaseMs / 3)));
    try {
      const op = await this.options.store.get(id);
      const flow = op ? this.flows.get(op.kind) : undefined;
      if (!op || !flow || isFinal(op.status)) return;
      await this.execute(op, flow, signal);
    } catch (error) {
      if (!signal.aborted) console.error(`operation ${id}: runner error: ${error instanceof Error ? error.message : 'unknown'}`);
    } finally {
      clearInterval(renew);
      await this.options.store.release(id, this.owner).catch(() => undefined);
    }
  }

  private async execute(op: OperationRecord, flow: FlowDefinition<Deps>, signal: AbortSignal): Promise<void> {
    const deps = this.options.deps(op.tenantId);
    op.status = 'RUNNING';
    await this.save(op);
    for (const [index, step] of flow.steps.entries()) {
      const record = op.steps[index] as StepRecord;
      if (record.status === 'DONE' || record.status === 'SKIPPED') continue;
      // A cancel (or shutdown) between two steps stops before the next one acts.
      if (signal.aborted) return this.stopped(op, record, signal);
      const ctx = stepContext(op, deps, signal, record, () => this.save(op));
      if (step.applies && !step.applies(ctx)) {
        Object.assign(record, { status: 'SKIPPED', detail: 'Not needed for this input.', finishedAt: now() });
        await this.save(op);
        continue;
      }
      Object.assign(record, { status: 'RUNNING', startedAt: record.startedAt ?? now() });
      await this.save(op);
      try {
        const { acted, detail } = await this.attempt(() => this.reconcile(step, ctx), signal);
        Object.assign(record, { status: acted ? 'DONE' : 'SKIPPED', detail, finishedAt: now() });
        if ((op.status as string) === 'WAITING') op.status = 'RUNNING';
        await this.save(op);
      } catch (error) {
        if (signal.aborted) return this.stopped(op, record, signal);
        Object.assign(record, { status: 'FAILED', finishedAt: now(), detail: error instanceof Error ? error.message : 'failed' });
        op.userErrors.push(toUserError(error, step.name));
        finish(op, 'FAILED');
        await this.save(op);
        return;
      }
    }
    op.result = flow.result(op);
    finish(op, 'SUCCEEDED');
    await this.save(op);
  }

  /** The run was aborted: a shutdown leaves the operation to resume at the next start; a cancel finishes it. */
  private async stopped(op: OperationRecord, record: StepRecord, signal: AbortSignal): Promise<void> {
    if (signal.reason instanceof Error && signal.reason.message === 'shutdown') return;
    if (record.status === 'RUNNING' || record.status === 'WAITING') Object.assign(record, { status: 'CANCELED', finishedAt: now() });
    op.cancelRequested = true;
    finish(op, 'CANCELED');
    await this.save(op);
  }

  /** Checks first; acts only when the wanted state is not already there. */
  private async reconcile(step: FlowDefinition<Deps>['steps'][number], ctx: StepContext<Deps>): Promise<{ acted: boolean; detail: string }> {
    const inPlace = await step.check(ctx);
    if (inPlace !== null) return { acted: false, detail: inPlace };
    return { acted: true, detail: await step.act(ctx) };
  }

  /** Retries transient upstream failures with backoff; anything else is final. */
  private async attempt<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const max = this.options.maxTransientAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (signal.aborted || !isTransient(error) || attempt >= max) throw signal.aborted ? signal.reason : error;
        await sleep((this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1), signal);
      }
    }
  }
}

function stepContext<Deps>(op: OperationRecord, deps: Deps, signal: AbortSignal, record: StepRecord, save: () => Promise<void>): StepContext<Deps> {
  return {
    op,
    deps,
    signal,
    set: (key, value) => {
      op.state[key] = value;
    },
    get: <T>(key: string) => op.state[key] as T | undefined,
    addRecordsToSet: (records) => {
      const seen = new Set(op.recordsToSet.map((r) => `${r.type} ${r.hostName}`));
      for (const r of records) if (!seen.has(`${r.type} ${r.hostName}`)) op.recordsToSet.push(r);
    },
    waiting: async (detail) => {
      record.status = 'WAITING';
      record.detail = detail;
      op.status = 'WAITING';
      await save();
    },
  };
}

function toUserError(error: unknown, step: string): UserErrorRecord {
  if (error instanceof FlowUserError) return error.userError;
  if (error instanceof GatewayError) {
    // Wix's code with the readable message of the user-error tables; the field is left to the steps that know it.
    const spec = error.wixCode ? userErrorSpec(error.wixCode) : undefined;
    return { field: null, message: `${step}: ${spec?.message ?? error.message}`, code: spec?.code ?? error.wixCode ?? String(error.extensions.code) };
  }
  return { field: null, message: `${step} failed unexpectedly`, code: 'INTERNAL_SERVER_ERROR' };
}

function finish(op: OperationRecord, status: 'SUCCEEDED' | 'FAILED' | 'CANCELED'): void {
  op.status = status;
  op.finishedAt = now();
}

function now(): string {
  return new Date().toISOString();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
