import { Field, ObjectType } from 'type-graphql';
import { Operation, OperationPlan } from './operation.type.js';
import { UserError } from './user-error.type.js';

/** What every flow mutation answers (a base type, not in the schema itself: its fields are copied into each payload). */
@ObjectType('FlowPayloadBase', { description: 'Fields of every flow payload.' })
export abstract class FlowPayload {
  @Field(() => Operation, {
    nullable: true,
    description:
      'The operation (new, or the one this idempotency key already started); null for a dry run or a user error.',
  })
  operation?: Operation | null;

  @Field(() => OperationPlan, { nullable: true, description: 'Dry run only: what the flow would do now.' })
  plan?: OperationPlan | null;

  @Field(() => [UserError], {
    description:
      'Why nothing was started, e.g. IDEMPOTENCY_CONFLICT (the key was used with another input). Failures of a running flow are on `operation.userErrors`.',
  })
  userErrors!: UserError[];
}

@ObjectType('SetUpCustomerSitePayload', { description: 'Answer of `setUpCustomerSite`.' })
export class SetUpCustomerSitePayload extends FlowPayload {}

@ObjectType('ReassignPaidServicePayload', { description: 'Answer of `reassignPaidService`.' })
export class ReassignPaidServicePayload extends FlowPayload {}

@ObjectType('PurchaseDomainPayload', { description: 'Answer of `purchaseDomain`.' })
export class PurchaseDomainPayload extends FlowPayload {}

@ObjectType('ConnectDomainPayload', { description: 'Answer of `connectDomain`.' })
export class ConnectDomainPayload extends FlowPayload {}

@ObjectType('CancelOperationPayload', { description: 'Answer of `cancelOperation`.' })
export class CancelOperationPayload {
  @Field(() => Operation, {
    nullable: true,
    description:
      'The operation after the cancel (CANCELED, or the final status it had already reached); null when not found.',
  })
  operation?: Operation | null;

  @Field(() => [UserError], { description: 'NOT_FOUND when this account has no such operation.' })
  userErrors!: UserError[];
}
