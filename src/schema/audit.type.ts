import { IsBoolean, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';

/** One upstream write on the audit trail. */
@ObjectType('AuditEvent', {
  description: 'One write the gateway made to Wix (paid or not): who caused it, on which account, and how it ended.',
})
export class AuditEvent {
  @Field(() => GraphQLDateTime, { description: 'When the Wix call finished.' })
  time!: Date;

  @Field(() => String, {
    description: 'Who caused it: `token:<id>`, `jwt:<subject>`, or `anonymous` (AUTH=none).',
  })
  caller!: string;

  @Field(() => String, { description: "The token's name or the JWT's subject." })
  callerName!: string;

  @Field(() => String, { nullable: true, description: 'The account the request acted as (`wix-account-id`).' })
  tenantId?: string | null;

  @Field(() => String, { nullable: true, description: 'The account the Wix call was made as.' })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name of the request, if it had one.' })
  operationName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The mutation or flow that made the call (e.g. `purchaseDomain`).',
  })
  mutation?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The flow's Operation global ID, for calls made by a flow step.",
  })
  operationId?: string | null;

  @Field(() => String, { nullable: true, description: 'The idempotency key the call or flow carried.' })
  idempotencyKey?: string | null;

  @Field(() => String, { description: 'The Wix endpoint, e.g. `Create Package V2`.' })
  endpoint!: string;

  @Field(() => String, { description: 'HTTP method and path of the call, e.g. `POST /resellers/v2/packages`.' })
  request!: string;

  @Field(() => Boolean, { description: 'True for calls that can cost money (packages, registrations, adjustments).' })
  paid!: boolean;

  @Field(() => Int, { nullable: true, description: "Wix's HTTP status; null when no answer came (timeout, network)." })
  status?: number | null;

  @Field(() => String, { nullable: true, description: "Wix's error code, when Wix refused." })
  wixCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The gateway's error code when the call failed (e.g. UPSTREAM_TIMEOUT); null on success.",
  })
  errorCode?: string | null;

  @Field(() => [String], {
    description: "IDs of what the call created or changed, from Wix's answer (`package:<id>`…).",
  })
  createdIds!: string[];
}

export const { EdgeType: AuditEventEdge, ConnectionType: AuditEventConnection } = connectionTypes(
  'AuditEvent',
  AuditEvent,
  'audit event',
);

/** Filters of `auditEvents`; all given filters must match. */
@InputType('AuditEventFilter', { description: 'Filters for `auditEvents`; all given filters must match.' })
export class AuditEventFilter {
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only events at or after this time.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only events before this time.' })
  @IsOptional()
  until?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only events of this account (as tenant or as the call account).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events of this caller (`token:<id>`, `jwt:<subject>`).' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  caller?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only calls that can cost money.' })
  @IsOptional()
  @IsBoolean()
  paidOnly?: boolean | null;
}

/** Arguments of `auditEvents`. */
@ArgsType()
export class AuditEventsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Number of events to return (1–100), newest first.' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return events after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  after?: string | null;

  @Field(() => AuditEventFilter, { nullable: true, description: 'Filters to apply.' })
  @IsOptional()
  @ValidateNested()
  filter?: AuditEventFilter | null;
}
