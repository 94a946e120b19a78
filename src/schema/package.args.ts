import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ProductInstanceStatus } from './product-instance.type.js';

/** Filters of the `packages` connections; all given filters must match one and the same instance. */
@InputType('PackageFilter', {
  description: 'Filters for `packages`: a package matches when one of its instances matches every given filter.',
})
export class PackageFilter {
  @Field(() => [ProductInstanceStatus], {
    nullable: true,
    description: 'Only packages with an instance in one of these statuses.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(ProductInstanceStatus, { each: true })
  status?: ProductInstanceStatus[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only packages with an instance assigned to this site (Site global ID or Wix site GUID).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  siteId?: string;
}

/** Arguments of the `packages` connections. */
@ArgsType()
export class PackagesArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Number of packages to return (1–100).' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return packages after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  after?: string;

  @Field(() => PackageFilter, { nullable: true, description: 'Filters to apply.' })
  @IsOptional()
  @ValidateNested()
  filter?: PackageFilter;
}

/** Arguments of `Site.productInstances`. */
@ArgsType()
export class SiteProductInstancesArgs {
  @Field(() => [ProductInstanceStatus], {
    nullable: true,
    description: 'Only instances in one of these statuses (all statuses when omitted).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(ProductInstanceStatus, { each: true })
  status?: ProductInstanceStatus[];
}
