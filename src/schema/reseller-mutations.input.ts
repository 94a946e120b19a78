import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AccountTargetInput, KeyedAccountInput } from './mutation-base.input.js';
import { BillingCycleUnit, BillingType } from './product-instance.type.js';
import { IsWixGuid, IsWixIdOf } from './wix-id.validator.js';

/** Products one createPackage may buy (Wix allows 1000; a gateway request stays reviewable). */
export const MAX_PACKAGE_PRODUCTS = 100;
/** Wix's limits (CONTRACT §1.2). */
export const MAX_EXTERNAL_ID = 100;
export const MAX_DISCOUNT_CODE = 25;

/** A billing cycle length. */
@InputType('BillingCycleInput', { description: 'Length of one billing cycle (e.g. 1 YEAR).' })
export class BillingCycleInput {
  @Field(() => BillingCycleUnit, { description: 'Unit of the cycle (not UNKNOWN).' })
  @IsIn([BillingCycleUnit.DAY, BillingCycleUnit.WEEK, BillingCycleUnit.MONTH, BillingCycleUnit.YEAR])
  unit!: BillingCycleUnit;

  @Field(() => Int, { description: 'Number of units in one cycle (1–100).' })
  @IsInt()
  @Min(1)
  @Max(100)
  count!: number;
}

/** How to bill a product (Wix's billingInfo). */
@InputType('BillingInput', {
  description:
    'How to bill a product instance. Needed when the product offers more than one cycle; it must be one the product offers.',
})
export class BillingInput {
  @Field(() => BillingType, { description: 'ONE_TIME or RECURRING (not UNKNOWN).' })
  @IsIn([BillingType.ONE_TIME, BillingType.RECURRING])
  type!: BillingType;

  @Field(() => BillingCycleInput, {
    nullable: true,
    description: 'The cycle; required by Wix for RECURRING billing, ignored for ONE_TIME.',
  })
  @IsOptional()
  @ValidateNested()
  cycle?: BillingCycleInput | null;
}

/** One product of a new package. */
@InputType('PackageProductInput', {
  description: 'One paid service to buy: a catalog product, for a site or floating (assigned later).',
})
export class PackageProductInput {
  @Field(() => ID, { description: 'Wix catalog product ID (GUID) of the product to buy.' })
  @IsWixGuid()
  catalogProductId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Site to assign the new instance to (Site global ID or Wix site GUID); it must belong to the account. Omit for a floating instance.',
  })
  @IsOptional()
  @IsWixIdOf('Site')
  siteId?: string | null;

  @Field(() => String, {
    description: 'ISO-3166 alpha-2 country where vouchers bundled with the product may be claimed (e.g. US).',
  })
  @IsISO31661Alpha2()
  countryCode!: string;

  @Field(() => BillingInput, {
    nullable: true,
    description: 'Billing cycle; required when the product offers more than one.',
  })
  @IsOptional()
  @ValidateNested()
  billing?: BillingInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Sale code (at most 25 characters). Wix accepts an invalid code silently (no discount); it cannot be added later.',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_DISCOUNT_CODE)
  discountCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'An existing instance that entitles this one to a free add-on, e.g. the Premium plan behind a free domain (ProductInstance global ID or Wix GUID). Each instance can be a reference once.',
  })
  @IsOptional()
  @IsWixIdOf('ProductInstance')
  referenceProductInstanceId?: string | null;
}

/** Input of createPackage. */
@InputType('CreatePackageInput', {
  description: 'Buy a package of paid services (Wix Create Package V2). Paid: an idempotency key is required.',
})
export class CreatePackageInput extends KeyedAccountInput {
  @Field(() => [PackageProductInput], { description: 'The products to buy (1–100).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PACKAGE_PRODUCTS)
  @ValidateNested({ each: true })
  products!: PackageProductInput[];

  @Field(() => String, {
    nullable: true,
    description:
      'Your own reference for the package (at most 100 characters). Default: a reference derived from the idempotency key, so that a purchase whose answer was lost is found again instead of bought twice.',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_EXTERNAL_ID)
  externalId?: string | null;
}

/** Input of cancelPackage. */
@InputType('CancelPackageInput', {
  description:
    'Cancel every paid service of a package at once (Wix Cancel Package). Irreversible: an idempotency key is required.',
})
export class CancelPackageInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The package (Package global ID or Wix package GUID).' })
  @IsWixIdOf('Package')
  packageId!: string;
}

/** Input of updatePackageExternalId. */
@InputType('UpdatePackageExternalIdInput', {
  description: "Set the reseller's own reference of a package (Wix Update Package External Id).",
})
export class UpdatePackageExternalIdInput extends AccountTargetInput {
  @Field(() => ID, { description: 'The package (Package global ID or Wix package GUID).' })
  @IsWixIdOf('Package')
  packageId!: string;

  @Field(() => String, { description: 'The new external ID (1–100 characters).' })
  @IsString()
  @Length(1, MAX_EXTERNAL_ID)
  externalId!: string;
}
