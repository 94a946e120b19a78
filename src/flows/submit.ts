import { randomUUID } from 'node:crypto';
import { inputHash } from '../idempotency/hash.js';
import type { FlowDefinition } from './flow.js';
import type { OperationRecord, StepRecord } from './operation.js';
import type { OperationRunner } from './runner.js';
import { stepContext } from './step-run.js';

export type SubmitResult =
  { kind: 'started' | 'existing'; op: OperationRecord } | { kind: 'conflict'; op: OperationRecord };

/**
 * Creates the operation for (tenant, idempotency key), or returns the existing one: the same key with the same
 * input returns the same operation; with a different input it is a conflict. Ten concurrent identical requests
 * create one operation (the store's insert is atomic), so one purchase.
 */
export async function submitOperation<Deps>(
  runner: OperationRunner<Deps>,
  flow: FlowDefinition<Deps>,
  tenantId: string,
  idempotencyKey: string,
  input: Record<string, unknown>,
  requestedBy: { id: string; name: string } | null = null,
): Promise<SubmitResult> {
  const now = new Date().toISOString();
  const record: OperationRecord = {
    id: randomUUID(),
    kind: flow.kind,
    tenantId,
    idempotencyKey,
    inputHash: inputHash(flow.kind, input),
    input,
    status: 'PENDING',
    steps: flow.steps.map((s) => ({ name: s.name, description: s.description, status: 'PENDING', paid: s.paid })),
    recordsToSet: [],
    result: null,
    userErrors: [],
    state: {},
    cancelRequested: false,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    version: 1,
    requestedBy,
  };
  const { record: stored, created } = await runner.store.create(record);
  if (!created && (stored.inputHash !== record.inputHash || stored.kind !== record.kind))
    return { kind: 'conflict', op: stored };
  runner.start(stored);
  return { kind: created ? 'started' : 'existing', op: stored };
}

export interface PlannedStep {
  name: string;
  description: string;
  paid: boolean;
  /** IN_PLACE: already as wanted; WOULD_ACT: would call Wix; NOT_NEEDED: skipped for this input. */
  plan: 'IN_PLACE' | 'WOULD_ACT' | 'NOT_NEEDED';
  detail: string | null;
}

/**
 * A dry run: checks every step against upstream (reads only) and reports what is already in place and what would
 * be done, including which steps would call a paid endpoint. Nothing is written, nothing is stored.
 */
export async function planOperation<Deps>(
  flow: FlowDefinition<Deps>,
  deps: Deps,
  tenantId: string,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<PlannedStep[]> {
  const op = {
    id: 'dry-run',
    kind: flow.kind,
    tenantId,
    idempotencyKey,
    input,
    state: {},
    recordsToSet: [],
  } as unknown as OperationRecord;
  // The runner's step context, over a record nobody stores: `waiting` and the records to set change only this copy.
  const scratch: StepRecord = { name: 'dry-run', description: '', status: 'PENDING', paid: false };
  const ctx = stepContext(op, deps, new AbortController().signal, scratch, async () => undefined);
  const planned: PlannedStep[] = [];
  for (const step of flow.steps) {
    if (step.applies && !step.applies(ctx)) {
      planned.push({
        name: step.name,
        description: step.description,
        paid: step.paid,
        plan: 'NOT_NEEDED',
        detail: null,
      });
      continue;
    }
    const inPlace = await step.check(ctx);
    planned.push({
      name: step.name,
      description: step.description,
      paid: step.paid,
      plan: inPlace ? 'IN_PLACE' : 'WOULD_ACT',
      detail: inPlace,
    });
  }
  return planned;
}
