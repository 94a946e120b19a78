import type { Caller } from './caller.js';

/**
 * Who an upstream call is made for, carried in the request's ambient (src/ambient.ts) from the request (or the flow
 * runner) down to http.ts's write observer, so the audit trail can name the caller without every data source passing
 * it along. The Apollo plugin of gateway-auth.ts completes it once the operation is known.
 */
export interface CallContext {
  caller: Pick<Caller, 'id' | 'name'>;
  /** The account the request acts as. */
  tenantId?: string;
  /** The GraphQL operation name, when the request gave one. */
  operationName?: string | null;
  /** The mutation (root field) or flow that causes the calls. */
  mutation?: string | null;
  /** The flow's operation ID, for calls made by a flow step. */
  operationId?: string | null;
  /** The client's idempotency key of the flow. */
  idempotencyKey?: string | null;
}

/** An operation's flow kind as its mutation's name: `PURCHASE_DOMAIN` → `purchaseDomain`. */
export function flowMutationName(kind: string): string {
  return kind.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** What the flow runner needs of an operation record to act for its requester. */
export interface OperationAttribution {
  id: string;
  kind: string;
  tenantId: string;
  idempotencyKey: string;
  requestedBy?: { id: string; name: string } | null;
}

/** The call context of a flow's steps: they act as its requester (the audit trail names them and the operation). */
export function operationCall(op: OperationAttribution): CallContext {
  return {
    caller: op.requestedBy ?? { id: 'unknown', name: 'requester not recorded' },
    tenantId: op.tenantId,
    operationName: null,
    mutation: flowMutationName(op.kind),
    operationId: op.id,
    idempotencyKey: op.idempotencyKey,
  };
}
