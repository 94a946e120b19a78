import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsWixIdOf } from './wix-id.validator.js';
import { IdempotencyKeyField } from './mutation-base.input.js';
import { BillingCycleInput } from './reseller-mutations.input.js';

/**
 * Inputs of the flow mutations (src/flows). Every flow takes an `idempotencyKey` (the same key with the same input
 * returns the same operation; with another input it is a conflict) and `dryRun` (return the plan, write nothing).
 * IDs are Wix GUIDs or the graph's global IDs.
 */
/** What every flow input has (a base type, not in the schema itself: its fields are copied into each input). */
@InputType('FlowInputBase', { description: 'Fields of every flow input.' })
export abstract class FlowInput {
  /** Same rules as every paid mutation; for a flow, the same key and input return the same operation. */
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'True: only plan — read upstream and return which steps would act and which are paid, without writing anything or storing an operation.',
  })
  @IsBoolean()
  dryRun!: boolean;
}

/** One paid service to buy for a site. */
@InputType('SiteProductOrderInput', {
  description: 'A paid service to buy for the site (one product instance of the package).',
})
export class SiteProductOrderInput {
  @Field(() => ID, { description: 'Wix catalog product ID (GUID), e.g. a Premium plan.' })
  @IsWixIdOf('CatalogProduct')
  catalogProductId!: string;

  @Field(() => String, {
    description: 'ISO-3166 alpha-2 country where vouchers bundled with the product may be claimed, e.g. `US`.',
  })
  @IsISO31661Alpha2({ message: 'must be an ISO-3166 alpha-2 country code, e.g. US' })
  countryCode!: string;

  @Field(() => BillingCycleInput, {
    nullable: true,
    description: 'Recurring billing cycle; leave out for a product with a single cycle.',
  })
  @IsOptional()
  @ValidateNested()
  billingCycle?: BillingCycleInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'Sale code (1–25 characters); Wix ignores codes it does not know.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 25)
  discountCode?: string | null;
}

/** A Premium plan to buy when the site has none. */
@InputType('PremiumPlanOrderInput', {
  description: 'The Premium plan to buy when the site has none (a site that already has a live Premium plan keeps it).',
})
export class PremiumPlanOrderInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "Catalog product ID of the plan; default: the first Premium plan of the catalog whose free-domain voucher covers the domain's TLD.",
  })
  @IsOptional()
  @IsWixIdOf('CatalogProduct')
  catalogProductId?: string | null;

  @Field(() => String, { description: "ISO-3166 alpha-2 country for the plan's vouchers, e.g. `US`." })
  @IsISO31661Alpha2({ message: 'must be an ISO-3166 alpha-2 country code, e.g. US' })
  countryCode!: string;

  @Field(() => BillingCycleInput, { nullable: true, description: 'Billing cycle of the plan; default 1 YEAR.' })
  @IsOptional()
  @ValidateNested()
  billingCycle?: BillingCycleInput | null;
}

/** Input of `setUpCustomerSite`. */
@InputType('SetUpCustomerSiteInput', {
  description: "Transfer a finished site to the customer's account, then buy its paid services there.",
})
export class SetUpCustomerSiteInput extends FlowInput {
  @Field(() => ID, {
    description: 'The site (Site ID or Wix GUID). It must have no paid services yet: Wix refuses to transfer those.',
  })
  @IsWixIdOf('Site')
  siteId!: string;

  @Field(() => ID, {
    description:
      "The customer's account the site moves to (Account ID or Wix GUID): the main account or one of its sub-accounts.",
  })
  @IsWixIdOf('Account')
  targetAccountId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The account holding the site now; default: the account this request acts on.',
  })
  @IsOptional()
  @IsWixIdOf('Account')
  sourceAccountId?: string | null;

  @Field(() => [SiteProductOrderInput], {
    description: 'The paid services to buy for the site, in one package (1–10).',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested()
  products!: SiteProductOrderInput[];

  @Field(() => Boolean, { defaultValue: false, description: 'Email the site owner when the transfer succeeds.' })
  @IsBoolean()
  enableNotifications!: boolean;
}

/** Input of `reassignPaidService`. */
@InputType('ReassignPaidServiceInput', {
  description: 'Move a paid service (product instance) to another site of the same account.',
})
export class ReassignPaidServiceInput extends FlowInput {
  @Field(() => ID, { description: 'The product instance (ProductInstance ID or Wix GUID).' })
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;

  @Field(() => ID, {
    description: 'The site to move it to (Site ID or Wix GUID), in the account that owns the instance.',
  })
  @IsWixIdOf('Site')
  targetSiteId!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "True: unassign the instance from its site first, then assign it (Wix's two-call flow). False: assign directly, which moves it.",
  })
  @IsBoolean()
  unassignFirst!: boolean;
}
