import { Field, ObjectType } from 'type-graphql';
import { DomainAssignment } from './domain-assignment.type.js';
import { UserError } from './user-error.type.js';

const USER_ERRORS =
  "Why the mutation did not do what was asked (empty on success). Codes are Wix's (e.g. DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE, SITE_NOT_PREMIUM) or the gateway's (IDEMPOTENCY_CONFLICT, IDEMPOTENCY_IN_PROGRESS).";

/** Result of assignDomain, setPrimaryDomain and unassignDomain. */
@ObjectType('DomainAssignmentPayload', { description: 'Result of assignDomain, setPrimaryDomain and unassignDomain.' })
export class DomainAssignmentPayload {
  @Field(() => DomainAssignment, {
    nullable: true,
    description: 'The assignment after the change (UNASSIGNED after unassignDomain); null when nothing changed.',
  })
  domainAssignment!: DomainAssignment | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
