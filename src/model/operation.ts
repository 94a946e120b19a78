/** Which flow an operation runs. */
export const OperationKind = {
  SET_UP_CUSTOMER_SITE: 'SET_UP_CUSTOMER_SITE',
  REASSIGN_PAID_SERVICE: 'REASSIGN_PAID_SERVICE',
  PURCHASE_DOMAIN: 'PURCHASE_DOMAIN',
  CONNECT_DOMAIN: 'CONNECT_DOMAIN',
} as const;
/** One of {@link OperationKind}. */
export type OperationKind = (typeof OperationKind)[keyof typeof OperationKind];

/** Where an operation is; SUCCEEDED, FAILED and CANCELED are final. */
export const OperationStatus = {
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  WAITING: 'WAITING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
} as const;
/** One of {@link OperationStatus}. */
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/** Where a step of an operation is. */
export const OperationStepStatus = {
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  WAITING: 'WAITING',
  DONE: 'DONE',
  SKIPPED: 'SKIPPED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
} as const;
/** One of {@link OperationStepStatus}. */
export type OperationStepStatus = (typeof OperationStepStatus)[keyof typeof OperationStepStatus];

/** What a dry run says a step would do. */
export const StepPlan = {
  IN_PLACE: 'IN_PLACE',
  WOULD_ACT: 'WOULD_ACT',
  NOT_NEEDED: 'NOT_NEEDED',
} as const;
/** One of {@link StepPlan}. */
export type StepPlan = (typeof StepPlan)[keyof typeof StepPlan];
