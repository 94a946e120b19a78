import { GatewayError, isTransientUpstream } from '../errors.js';
import { userErrorSpec } from '../user-errors/index.js';
import { FlowUserError, type FlowStep, type StepContext } from './flow.js';
import type { OperationRecord, StepRecord, UserErrorRecord } from './operation.js';

/**
 * How the runner runs one step: the step's context over the operation record, check-before-act, retries of
 * transient failures with backoff (each retry checks upstream again, so a write whose answer was lost is found, not
 * repeated), and the user error a failed step leaves on the operation.
 */

/**
 * Why a run was aborted without finishing the operation: the gateway shuts down, or this runner lost the operation
 * (its lease went to another runner, or another gateway finished it — e.g. canceled it). The operation is left as it
 * is in the store; a cancel (any other reason) finishes it CANCELED.
 */
export const SHUTDOWN = 'shutdown';
export const LEASE_LOST = 'lease-lost';

/** True when an abort means "leave the operation as it is" rather than "cancel it". */
export function isDetach(signal: AbortSignal): boolean {
  const reason = signal.reason instanceof Error ? signal.reason.message : undefined;
  return reason === SHUTDOWN || reason === LEASE_LOST;
}

/** The step's view of the operation: state kept across restarts, records to hand over, and the waiting mark. */
export function stepContext<Deps>(
  op: OperationRecord,
  deps: Deps,
  signal: AbortSignal,
  record: StepRecord,
  save: () => Promise<void>,
): StepContext<Deps> {
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

/** Checks first; acts only when the wanted state is not already there. */
export async function reconcile<Deps>(
  step: FlowStep<Deps>,
  ctx: StepContext<Deps>,
): Promise<{ acted: boolean; detail: string }> {
  const inPlace = await step.check(ctx);
  if (inPlace !== null) return { acted: false, detail: inPlace };
  return { acted: true, detail: await step.act(ctx) };
}

/** Runs `fn`, retrying transient upstream failures up to `max` attempts with exponential backoff; anything else is final. */
export async function withTransientRetries<T>(
  fn: () => Promise<T>,
  signal: AbortSignal,
  max: number,
  baseDelayMs: number,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (signal.aborted || !isTransientUpstream(error) || attempt >= max) throw signal.aborted ? signal.reason : error;
      await sleep(baseDelayMs * 2 ** (attempt - 1), signal);
    }
  }
}

/** The user error a failed step leaves on the operation: Wix's code worded by the user-error tables. */
export function stepUserError(error: unknown, step: string): UserErrorRecord {
  if (error instanceof FlowUserError) return error.userError;
  if (error instanceof GatewayError) {
    // The field is left to the steps that know it (they throw FlowUserErrors).
    const spec = error.wixCode ? userErrorSpec(error.wixCode) : undefined;
    return {
      field: null,
      message: `${step}: ${spec?.message ?? error.message}`,
      code: spec?.code ?? error.wixCode ?? String(error.extensions.code),
    };
  }
  return { field: null, message: `${step} failed unexpectedly`, code: 'INTERNAL_SERVER_ERROR' };
}

/** Marks the operation final. */
export function finish(op: OperationRecord, status: 'SUCCEEDED' | 'FAILED' | 'CANCELED'): void {
  op.status = status;
  op.finishedAt = now();
}

/** Marks a canceled operation: a step that was running or waiting is CANCELED (nothing it did is undone). */
export function markCanceled(op: OperationRecord): void {
  for (const record of op.steps)
    if (record.status === 'RUNNING' || record.status === 'WAITING')
      Object.assign(record, { status: 'CANCELED', finishedAt: now() });
  op.cancelRequested = true;
  finish(op, 'CANCELED');
}

export function now(): string {
  return new Date().toISOString();
}

/** Waits `ms`, or rejects with the abort reason as soon as `signal` fires (no listener is left behind either way). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
