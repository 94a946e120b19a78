import { IsIn, IsString, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { KeyedAccountInput } from './mutation-base.input.js';
import { IsWixIdOf } from './wix-id.validator.js';

/** Input of assignDomain. */
@InputType('AssignDomainInput', {
  description:
    "Assign one of the account's domains to a Premium site, or move a redirect from another site (Wix Upsert Domain Assignment). PRIMARY onto a site that has domains removes them all; to keep them, assign as REDIRECT, then setPrimaryDomain.",
})
export class AssignDomainInput extends KeyedAccountInput {
  @Field(() => String, { description: 'The domain (connected or registered by the account).' })
  @IsString()
  @Length(3, 253)
  domain!: string;

  @Field(() => ID, { description: 'The site (Site global ID or Wix site GUID).' })
  @IsWixIdOf('Site')
  siteId!: string;

  @Field(() => String, {
    defaultValue: 'REDIRECT',
    description: 'PRIMARY or REDIRECT (default: REDIRECT, which becomes PRIMARY on a site without domains).',
  })
  @IsIn(['PRIMARY', 'REDIRECT'])
  assignmentType!: 'PRIMARY' | 'REDIRECT';
}

/** Input of setPrimaryDomain and unassignDomain. */
@InputType('DomainAssignmentInput', { description: 'One assigned domain of an account.' })
export class DomainAssignmentInput extends KeyedAccountInput {
  @Field(() => String, { description: 'The assigned domain.' })
  @IsString()
  @Length(3, 253)
  domain!: string;
}
