import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DnsRecord } from './domain-common.type.js';
import { Node } from './node.type.js';
import { OperationResult } from './operation-result.type.js';
import { UserError } from './user-error.type.js';
import { OperationKind, OperationStatus, OperationStepStatus, StepPlan } from '../model/operation.js';

/** The model's enums, registered below for the graph. */
export { OperationKind, OperationStatus, OperationStepStatus, StepPlan };

registerEnumType(OperationKind, {
  name: 'OperationKind',
  description: 'The business flow an operation runs.',
  valuesConfig: {
    SET_UP_CUSTOMER_SITE: {
      description: "`setUpCustomerSite`: transfer a site to the customer's account, then buy its paid services.",
    },
    REASSIGN_PAID_SERVICE: { description: '`reassignPaidService`: move a product instance to another site.' },
    PURCHASE_DOMAIN: {
      description: '`purchaseDomain`: Premium plan if needed, domain product, registration, until ACTIVE.',
    },
    CONNECT_DOMAIN: {
      description:
        '`connectDomain`: connect an external domain (name servers, pointing or subdomain) until DNS has propagated.',
    },
  },
});

registerEnumType(OperationStatus, {
  name: 'OperationStatus',
  description: 'Where an operation is. SUCCEEDED, FAILED and CANCELED are final.',
  valuesConfig: {
    PENDING: { description: 'Accepted; not started yet.' },
    RUNNING: { description: 'A step is reading or writing upstream.' },
    WAITING: {
      description: 'A step waits for Wix to finish something asynchronous (activation, registration, DNS propagation).',
    },
    SUCCEEDED: { description: 'Every step is done; see `result`.' },
    FAILED: { description: 'A step failed; see `userErrors`. What earlier steps did stays done.' },
    CANCELED: { description: 'Stopped by `cancelOperation`. What earlier steps did stays done (nothing is undone).' },
  },
});

registerEnumType(OperationStepStatus, {
  name: 'OperationStepStatus',
  description: 'Where a step of an operation is.',
  valuesConfig: {
    PENDING: { description: 'Not started.' },
    RUNNING: { description: 'Reading or writing upstream.' },
    WAITING: { description: 'Waiting for Wix (polled); see `detail`.' },
    DONE: { description: 'The step acted (called Wix) and its state is now as wanted.' },
    SKIPPED: { description: 'Nothing to do: already in place (see `detail`), or not needed for this input.' },
    FAILED: { description: "The step failed; see the operation's `userErrors`." },
    CANCELED: { description: 'The operation was canceled during this step.' },
  },
});

registerEnumType(StepPlan, {
  name: 'StepPlan',
  description: 'What a step would do if the flow ran now.',
  valuesConfig: {
    IN_PLACE: { description: 'Upstream is already as the step wants it: it would do nothing.' },
    WOULD_ACT: { description: 'The step would call Wix (a paid call when `paid` is true), or wait for Wix.' },
    NOT_NEEDED: { description: 'The step does not apply to this input.' },
  },
});

/** One step of an operation. */
@ObjectType('OperationStep', { description: 'One step of an operation, with its own status and times.' })
export class OperationStep {
  @Field(() => String, { description: 'Stable step name, e.g. `transferSite`.' })
  name!: string;

  @Field(() => String, { description: 'What the step does, in a sentence.' })
  description!: string;

  @Field(() => OperationStepStatus, { description: 'Where the step is.' })
  status!: OperationStepStatus;

  @Field(() => Boolean, {
    description:
      'True when the step calls a paid Wix endpoint when it acts (Create Package, Create Registered Domain).',
  })
  paid!: boolean;

  @Field(() => String, { nullable: true, description: 'What the step found, did or waits for, in a sentence.' })
  detail?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the step started.' })
  startedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the step finished.' })
  finishedAt?: Date | null;
}

/** A flow run: returned at once by a flow mutation and updated while the flow runs in the gateway. */
@ObjectType('Operation', {
  implements: Node,
  description:
    'A business flow running in the gateway: its steps, the DNS records the owner must set, its result and user errors. Follow it with `operation(id)` or `operationUpdated(id)`.',
})
export class Operation extends Node {
  @Field(() => OperationKind, { description: 'The flow the operation runs.' })
  kind!: OperationKind;

  @Field(() => OperationStatus, { description: 'Where the operation is.' })
  status!: OperationStatus;

  @Field(() => String, {
    description: "The client's idempotency key: the same key with the same input returns this operation again.",
  })
  idempotencyKey!: string;

  @Field(() => [OperationStep], { description: 'The steps in order.' })
  steps!: OperationStep[];

  @Field(() => [DnsRecord], {
    description:
      "DNS records the domain owner must set at the external registrar or DNS host (connectDomain); empty otherwise. Filled when the `readSetupInfo` step has run: usually after the mutation's own answer, so read them from the first `operationUpdated` (or `operation(id)`) after that step.",
  })
  recordsToSet!: DnsRecord[];

  @Field(() => OperationResult, {
    nullable: true,
    description: 'What the flow produced, linked into the graph; null until the operation SUCCEEDED.',
  })
  result?: OperationResult | null;

  @Field(() => [UserError], {
    description: "Why the operation FAILED (Wix's code where Wix gave one); empty otherwise.",
  })
  userErrors!: UserError[];

  @Field(() => String, {
    nullable: true,
    description:
      'Who started the operation: `token:<id>`, `jwt:<subject>` or `anonymous`; null for operations started before access control.',
  })
  requestedBy?: string | null;

  @Field(() => GraphQLDateTime, { description: 'When the operation was accepted.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { description: 'When the operation last changed.' })
  updatedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the operation reached a final status.' })
  finishedAt?: Date | null;

  /** Operation ID (UUID) in the store. */
  storeId!: string;
  /** Store version (for subscriptions: changed ⇒ push). */
  version!: number;
}

/** A step of a dry run. */
@ObjectType('PlannedStep', { description: 'A step of a dry run: what it would do if the flow ran now.' })
export class PlannedStep {
  @Field(() => String, { description: 'Stable step name.' })
  name!: string;

  @Field(() => String, { description: 'What the step does.' })
  description!: string;

  @Field(() => Boolean, { description: 'True when the step calls a paid Wix endpoint when it acts.' })
  paid!: boolean;

  @Field(() => StepPlan, { description: 'Already in place, would act, or not needed.' })
  plan!: StepPlan;

  @Field(() => String, { nullable: true, description: 'What is already in place (IN_PLACE), in a sentence.' })
  detail?: string | null;
}

/** A dry run's answer. */
@ObjectType('OperationPlan', {
  description: 'What a flow would do now, from upstream reads only: nothing was written and no operation was stored.',
})
export class OperationPlan {
  @Field(() => OperationKind, { description: 'The flow planned.' })
  kind!: OperationKind;

  @Field(() => [PlannedStep], { description: 'The steps in order.' })
  steps!: PlannedStep[];

  @Field(() => Boolean, { description: 'True when at least one step would call a paid Wix endpoint.' })
  wouldCallPaidEndpoint!: boolean;
}
