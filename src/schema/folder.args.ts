import { IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** Arguments of the `folders` connection. */
@ArgsType()
export class FoldersArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Number of folders to return (1–100).' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return folders after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  after?: string;
}
