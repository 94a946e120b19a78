/**
 * The Operation record: what a flow mutation returns at once and keeps updating while the flow runs on in the
 * gateway. Stored as JSON in the operation store; the GraphQL `Operation` type is mapped from it.
 */
export type OperationKind = 'SET_UP_CUSTOMER_SITE' | 'REASSIGN_PAID_SERVICE' | 'PURCHASE_DOMAIN' | 'CONNECT_DOMAIN';
export type OperationStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export type StepStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'DONE' | 'SKIPPED' | 'FAILED' | 'CANCELED';

export interface StepRecord {
  /** Stable step name, e.g. `transferSite`. */
  name: string;
  description: string;
  status: StepStatus;
  /** True when the step calls a paid Wix endpoint (Create Package, Create Registered Domain). */
  paid: boolean;
  /** What the step found or did, in a sentence (e.g. "already in the customer's account"). */
  detail?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface UserErrorRecord {
  field: string | null;
  message: string;
  code: string;
}

/** A DNS record the domain owner must set at their registrar (POINTING and subdomain connections). */
export interface RecordToSet {
  type: 'A' | 'CNAME' | 'NS';
  hostName: string;
  values: string[];
  ttl: number;
}

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  tenantId: string;
  idempotencyKey: string;
  /** Hash of the normalised input: the same key with another input is a conflict. */
  inputHash: string;
  input: Record<string, unknown>;
  status: OperationStatus;
  steps: StepRecord[];
  recordsToSet: RecordToSet[];
  /** Flow-specific result (IDs of what was created or found). */
  result: Record<string, unknown> | null;
  userErrors: UserErrorRecord[];
  /** Free-form state a flow keeps between steps and across restarts (e.g. the package ID it created). */
  state: Record<string, unknown>;
  cancelRequested: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Incremented on every save (optimistic concurrency). */
  version: number;
  /** Who submitted it (caller id and name); absent on records from before access control. */
  requestedBy?: { id: string; name: string } | null;
}

export const FINAL_STATUSES: readonly OperationStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];

export function isFinal(status: OperationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
