import { Field, ObjectType } from 'type-graphql';
import { Account } from './account.type.js';
import { Site } from './site.type.js';
import { UserError } from './user-error.type.js';

const USER_ERRORS =
  "Why the mutation did not do what was asked (empty on success). Codes are Wix's (e.g. SITE_TRANSFER_NOT_SUPPORTED, EMAIL_ALREADY_EXISTS) or the gateway's (IDEMPOTENCY_CONFLICT, IDEMPOTENCY_IN_PROGRESS).";

/** Result of transferSite. */
@ObjectType('TransferSitePayload', { description: 'Result of transferSite.' })
export class TransferSitePayload {
  @Field(() => Site, {
    nullable: true,
    description: 'The site, read from the target account after the transfer; null when it did not move.',
  })
  site!: Site | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of createSubAccount. */
@ObjectType('CreateSubAccountPayload', { description: 'Result of createSubAccount.' })
export class CreateSubAccountPayload {
  @Field(() => Account, {
    nullable: true,
    description: 'The new sub-account (usable at once as `wix-account-id` or `accountId`); null when none was created.',
  })
  account!: Account | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
