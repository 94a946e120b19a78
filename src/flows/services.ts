import type { GatewayContext } from '../context.js';
import type { FlowDefinition } from './flow.js';
import { FLOWS } from './registry.js';
import { OperationRunner, type RunnerOptions } from './runner.js';
import { SqliteOperationStore } from './sqlite-store.js';

/**
 * What a flow step works with: a fresh request context for the operation's tenant (fresh data sources, so no
 * loader returns state read before the previous step changed it), the same one resolvers use.
 */
export interface FlowDeps {
  tenantId: string;
  freshContext(): Promise<GatewayContext>;
}

export type Flow = FlowDefinition<FlowDeps>;

/** The gateway's operation machinery: the store (also the mutation ledger) and the runner. */
export interface OperationServices {
  store: SqliteOperationStore;
  runner: OperationRunner<FlowDeps>;
  /** How long a keyed mutation waits for a concurrent call with the same key before answering IDEMPOTENCY_IN_PROGRESS. */
  idempotencyWaitMs: number;
}

export interface OperationOptions {
  /** SQLite file of the operation store (`:memory:` for a throwaway store). */
  storePath: string;
  /** Backoff base between transient failures of a step. */
  retryDelayMs?: number;
  /** Lease of a running operation (a dead runner's operations are resumed after it). */
  leaseMs?: number;
  /** How often unfinished operations are looked for (default: the lease). */
  sweepMs?: number;
  /** How long a keyed mutation waits for a concurrent duplicate to finish (default 10 s); then IDEMPOTENCY_IN_PROGRESS. */
  idempotencyWaitMs?: number;
  /** Wraps the run of an operation's steps (the gateway's call context for the audit trail, src/auth). */
  around?: RunnerOptions<FlowDeps>['around'];
}

/** Opens the store and builds the runner; `contextFor(tenant)` builds a request context as that tenant. */
export function createOperationServices(
  options: OperationOptions,
  contextFor: (tenantId: string) => Promise<GatewayContext>,
): OperationServices {
  const store = new SqliteOperationStore(options.storePath);
  const runner = new OperationRunner<FlowDeps>({
    store,
    flows: FLOWS,
    deps: (tenantId) => ({ tenantId, freshContext: () => contextFor(tenantId) }),
    retryDelayMs: options.retryDelayMs,
    leaseMs: options.leaseMs,
    sweepMs: options.sweepMs,
    around: options.around,
  });
  return { store, runner, idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000 };
}
