import { ArrayMaxSize, IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from './mutation-base.input.js';
import { IsWixIdOf } from './wix-id.validator.js';

/** ISO-639-1 language codes Wix's user details take. */
const ISO_639_1 =
  /^(aa|ab|ae|af|ak|am|an|ar|as|av|ay|az|ba|be|bg|bh|bi|bm|bn|bo|br|bs|ca|ce|ch|co|cr|cs|cu|cv|cy|da|de|dv|dz|ee|el|en|eo|es|et|eu|fa|ff|fi|fj|fo|fr|fy|ga|gd|gl|gn|gu|gv|ha|he|hi|ho|hr|ht|hu|hy|hz|ia|id|ie|ig|ii|ik|io|is|it|iu|ja|jv|ka|kg|ki|kj|kk|kl|km|kn|ko|kr|ks|ku|kv|kw|ky|la|lb|lg|li|ln|lo|lt|lu|lv|mg|mh|mi|mk|ml|mn|mr|ms|mt|my|na|nb|nd|ne|ng|nl|nn|no|nr|nv|ny|oc|oj|om|or|os|pa|pi|pl|ps|pt|qu|rm|rn|ro|ru|rw|sa|sc|sd|se|sg|si|sk|sl|sm|sn|so|sq|sr|ss|st|su|sv|sw|ta|te|tg|th|ti|tk|tl|tn|to|tr|ts|tt|tw|ty|ug|uk|ur|uz|ve|vi|vo|wa|wo|xh|yi|yo|za|zh|zu)$/;
/** A Wix role name (Wix's list of roles is not published, so only the shape is checked). */
const ROLE = /^[A-Za-z][A-Za-z0-9_-]{0,49}$/;

/** Input of transferSite. */
@InputType('TransferSiteInput', {
  description:
    'Move a site to another account of the tree (Wix Transfer Site). Refused while the site has paid services (SITE_TRANSFER_NOT_SUPPORTED). Irreversible: an idempotency key is required.',
})
export class TransferSiteInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The site to move (Site global ID or Wix site GUID).' })
  @IsWixIdOf('Site')
  siteId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Account the site moves to (Account global ID or Wix account GUID): the main account or one of its sub-accounts. Default: the request's account.",
  })
  @IsOptional()
  @IsWixIdOf('Account')
  targetAccountId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Account that owns the site now (Account global ID or Wix account GUID). Default: the main account.',
  })
  @IsOptional()
  @IsWixIdOf('Account')
  sourceAccountId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Email the site owner when the transfer succeeds (never on failure).',
  })
  @IsBoolean()
  enableNotifications!: boolean;
}

/** Input of createSubAccount. */
@InputType('CreateSubAccountInput', {
  description:
    'Create a sub-account (child account) of the main account, owned by a new user (Wix Create Account). Irreversible: an idempotency key is required.',
})
export class CreateSubAccountInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => String, {
    description:
      "Email address of the new account's owner. An address that already has a Wix user still gets a new user and account.",
  })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => Boolean, { nullable: true, description: 'True when you verified the address yourself.' })
  @IsOptional()
  @IsBoolean()
  emailVerified?: boolean | null;

  @Field(() => String, { nullable: true, description: "Owner's first name (1–100 characters)." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: "Owner's last name (1–100 characters)." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: "Owner's language, an ISO-639-1 code (e.g. en)." })
  @IsOptional()
  @Matches(ISO_639_1, { message: 'language must be an ISO-639-1 code (e.g. en)' })
  language?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Wix role names of the owner in the new account (at most 10; Wix's default is OWNER).",
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(ROLE, { each: true, message: 'each role must be a Wix role name (e.g. OWNER)' })
  roles?: string[] | null;
}
