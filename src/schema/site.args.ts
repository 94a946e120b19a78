import { IsBoolean, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';

/** Filters of the `sites` connection; each maps to a Query Sites filter. */
@InputType('SiteFilter', { description: 'Filters for `sites`; all given filters must match.' })
export class SiteFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only sites with (true) or without (false) a Premium plan.' })
  @IsOptional()
  @IsBoolean()
  premium?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only published (true) or unpublished (false) sites.' })
  @IsOptional()
  @IsBoolean()
  published?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Search phrase matched against site name, display name and URL.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

/** Arguments of the `sites` connection. */
@ArgsType()
export class SitesArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Number of sites to return (1–100).' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return sites after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  after?: string;

  @Field(() => SiteFilter, { nullable: true, description: 'Filters to apply.' })
  @IsOptional()
  @ValidateNested()
  filter?: SiteFilter;
}
