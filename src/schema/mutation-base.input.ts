import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsWixIdOf } from './wix-id.validator.js';

/** Maximum length of a client's idempotency key. */
export const IDEMPOTENCY_KEY_MAX = 100;
/** Characters of an idempotency key: printable ASCII, no spaces. */
export const IDEMPOTENCY_KEY_CHARS = /^[\x21-\x7e]+$/;

/**
 * The `idempotencyKey` field that paid and irreversible mutations require: the GraphQL field and its
 * class-validator rules in one decorator, so every input states them the same way.
 */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    Field(() => String, {
      description:
        'Required idempotency key (1–100 printable characters, no spaces), chosen by the client per intended action. Retrying with the same key and input returns the first result without acting again; the same key with another input is the user error IDEMPOTENCY_CONFLICT. Passed to Wix as `idempotencyKey` where Wix has one.',
    })(target, property);
    IsString()(target, property);
    Length(1, IDEMPOTENCY_KEY_MAX)(target, property);
    Matches(IDEMPOTENCY_KEY_CHARS, { message: 'idempotencyKey must be printable ASCII without spaces' })(
      target,
      property,
    );
  };
}

/**
 * Fields shared by mutation inputs that act on an account: the optional account to act on. The base classes are
 * registered input types (type-graphql inherits fields only from those) but, never used as argument types
 * themselves, are not emitted into the schema.
 */
@InputType({ description: 'Base of inputs that act on an account.' })
export abstract class AccountTargetInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "Account to act on (Account global ID or Wix account GUID): the main account or one of its sub-accounts. Default: the request's account (the `wix-account-id` header, else the main account).",
  })
  @IsOptional()
  @IsWixIdOf('Account')
  accountId?: string | null;
}

/** Adds the idempotency key that paid and irreversible mutations require. */
@InputType({ description: 'Base of inputs of paid or irreversible mutations that act on an account.' })
export abstract class KeyedAccountInput extends AccountTargetInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;
}
