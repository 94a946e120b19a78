import { Field, ObjectType } from 'type-graphql';

/** An expected business failure of a mutation: the input was valid but Wix (or the gateway) refused the action. */
@ObjectType('UserError', { description: 'Why a mutation did not do what was asked, in terms the user can act on.' })
export class UserError {
  @Field(() => String, {
    nullable: true,
    description:
      'Dotted path of the input field the error is about (e.g. `input.siteId`); null when it is about the whole request.',
  })
  field!: string | null;

  @Field(() => String, { description: 'Readable explanation.' })
  message!: string;

  @Field(() => String, {
    description:
      "Stable machine code: Wix's error code where Wix gave one (e.g. SITE_TRANSFER_NOT_SUPPORTED), else a gateway code (e.g. IDEMPOTENCY_CONFLICT).",
  })
  code!: string;
}
