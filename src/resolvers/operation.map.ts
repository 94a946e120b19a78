import type { OperationRecord } from '../flows/operation.js';
import type { PlannedStep as PlannedStepRecord } from '../flows/submit.js';
import type { OperationKind } from '../model/operation.js';
import {
  ConnectDomainResult,
  PurchaseDomainResult,
  ReassignPaidServiceResult,
  SetUpCustomerSiteResult,
  type OperationResult,
} from '../schema/operation-result.type.js';
import { Operation, type OperationPlan } from '../schema/operation.type.js';

/**
 * Maps a stored operation record to the graph's `Operation` (the result as the class of its flow, for the union, whose
 * type resolution checks classes). Its `id` is minted from `storeId` by the Node `id` resolver.
 */
export function toOperation(record: OperationRecord): Operation {
  const op = new Operation();
  op.storeId = record.id;
  op.version = record.version;
  op.kind = record.kind;
  op.status = record.status;
  op.idempotencyKey = record.idempotencyKey;
  op.steps = record.steps.map((s) => ({
    name: s.name,
    description: s.description,
    status: s.status,
    paid: s.paid,
    detail: s.detail ?? null,
    startedAt: s.startedAt ? new Date(s.startedAt) : null,
    finishedAt: s.finishedAt ? new Date(s.finishedAt) : null,
  }));
  op.recordsToSet = record.recordsToSet.map((r) => ({
    type: r.type,
    hostName: r.hostName,
    ttl: r.ttl,
    values: [...r.values],
  }));
  op.result = record.status === 'SUCCEEDED' && record.result ? toResult(record.kind, record.result) : null;
  op.userErrors = record.userErrors.map((e) => ({ field: e.field, message: e.message, code: e.code }));
  op.requestedBy = record.requestedBy?.id ?? null;
  op.createdAt = new Date(record.createdAt);
  op.updatedAt = new Date(record.updatedAt);
  op.finishedAt = record.finishedAt ? new Date(record.finishedAt) : null;
  return op;
}

function toResult(kind: OperationKind, result: Record<string, unknown>): OperationResult {
  const Type = {
    SET_UP_CUSTOMER_SITE: SetUpCustomerSiteResult,
    REASSIGN_PAID_SERVICE: ReassignPaidServiceResult,
    PURCHASE_DOMAIN: PurchaseDomainResult,
    CONNECT_DOMAIN: ConnectDomainResult,
  }[kind];
  return Object.assign(new Type(), result);
}

/** Maps a dry run's steps to the graph's plan. */
export function toPlan(kind: string, steps: PlannedStepRecord[]): OperationPlan {
  return {
    kind: kind as OperationKind,
    steps: steps.map((s) => ({
      name: s.name,
      description: s.description,
      paid: s.paid,
      plan: s.plan,
      detail: s.detail,
    })),
    wouldCallPaidEndpoint: steps.some((s) => s.paid && s.plan === 'WOULD_ACT'),
  };
}
