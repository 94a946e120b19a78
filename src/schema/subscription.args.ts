import { IsString, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

/** Arguments of `productInstanceUpdated` (the domain subscriptions take DomainLookupArgs, like the queries). */
@ArgsType()
export class ProductInstanceUpdatedArgs {
  @Field(() => ID, { description: 'ProductInstance global ID or Wix instance GUID.' })
  @IsString()
  @Length(1, 200)
  id!: string;
}
