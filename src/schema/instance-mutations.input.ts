import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AccountTargetInput, KeyedAccountInput } from './mutation-base.input.js';
import { BillingInput, MAX_DISCOUNT_CODE } from './reseller-mutations.input.js';
import { IsWixGuid, IsWixIdOf, RequiredUnless } from './wix-id.validator.js';

/** Input of assignProductInstance. */
@InputType('AssignProductInstanceInput', {
  description: 'Assign a product instance (typically a floating one) to a site (Wix Assign Product Instance To Site).',
})
export class AssignProductInstanceInput extends AccountTargetInput {
  @Field(() => ID, { description: 'The instance (ProductInstance global ID or Wix instance GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;

  @Field(() => ID, {
    description: 'The site (Site global ID or Wix site GUID); it must belong to the account that owns the instance.',
  })
  @IsWixIdOf('Site')
  siteId!: string;
}

/** Input of reassignProductInstance. */
@InputType('ReassignProductInstanceInput', {
  description: 'Move a product instance from its site to another site (Wix Assign on an assigned instance).',
})
export class ReassignProductInstanceInput extends AccountTargetInput {
  @Field(() => ID, { description: 'The instance (ProductInstance global ID or Wix instance GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;

  @Field(() => ID, { description: 'The site to move it to (Site global ID or Wix site GUID).' })
  @IsWixIdOf('Site')
  siteId!: string;
}

/** Input of unassignProductInstance. */
@InputType('UnassignProductInstanceInput', {
  description: 'Take a product instance off its site; it becomes floating (Wix Unassign Product Instance From Site).',
})
export class UnassignProductInstanceInput extends AccountTargetInput {
  @Field(() => ID, { description: 'The instance (ProductInstance global ID or Wix instance GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;
}

/** Input of adjustProductInstance. */
@InputType('AdjustProductInstanceInput', {
  description:
    'Up- or downgrade a product instance, or change its billing cycle (Wix Adjust Product Instance Specifications). Paid: an idempotency key is required.',
})
export class AdjustProductInstanceInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The instance (ProductInstance global ID or Wix instance GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'New catalog product (Wix GUID) of the same product type. At least one of catalogProductId and billing is required.',
  })
  @RequiredUnless(['billing'])
  @IsWixGuid()
  catalogProductId?: string | null;

  @Field(() => BillingInput, { nullable: true, description: 'New billing cycle; it must be one the product offers.' })
  @IsOptional()
  @ValidateNested()
  billing?: BillingInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'Sale code (at most 25 characters); honoured only together with a new catalogProductId.',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_DISCOUNT_CODE)
  discountCode?: string | null;
}

/** Input of cancelProductInstance. */
@InputType('CancelProductInstanceInput', {
  description: 'Cancel one paid service (Wix Cancel Product Instance). Irreversible: an idempotency key is required.',
})
export class CancelProductInstanceInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The instance (ProductInstance global ID or Wix instance GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;
}
