import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from './node.type.js';
import {
  ProductInstanceStatus,
  ProductInstanceFailureCode,
  BillingType,
  BillingCycleUnit,
  ProductType,
} from '../model/product-instance.js';

/** The model's enums, registered below for the graph. */
export { ProductInstanceStatus, ProductInstanceFailureCode, BillingType, BillingCycleUnit, ProductType };

registerEnumType(ProductInstanceStatus, {
  name: 'ProductInstanceStatus',
  description: 'Where a paid service (product instance) is in its life.',
  valuesConfig: {
    PENDING: { description: 'Being provisioned; not yet usable by the customer.' },
    ENABLED: { description: 'Usable by the customer.' },
    CANCELED: { description: 'No longer available (canceled by the reseller).' },
    FAILED: { description: 'Never delivered; see `failure`.' },
    AWAITING_ACTION: { description: 'Not yet usable: an external provider or the customer must act first.' },
  },
});

registerEnumType(ProductInstanceFailureCode, {
  name: 'ProductInstanceFailureCode',
  description: 'Why a product instance was never delivered.',
  valuesConfig: {
    UNKNOWN: { description: 'Wix gave no reason, or one this gateway does not know.' },
    DELIVERY_TIMEOUT: { description: 'Delivery took too long.' },
    EXTERNAL_FAILURE: { description: 'An external process failed.' },
  },
});

registerEnumType(BillingType, {
  name: 'BillingType',
  description: 'How a product instance is billed.',
  valuesConfig: {
    UNKNOWN: { description: 'Not set, or a type this gateway does not know.' },
    ONE_TIME: { description: 'Paid once.' },
    RECURRING: { description: 'Renewed every billing cycle.' },
  },
});

registerEnumType(BillingCycleUnit, {
  name: 'BillingCycleUnit',
  description: 'Unit of a billing cycle.',
  valuesConfig: {
    UNKNOWN: { description: 'Not set, or a unit this gateway does not know.' },
    DAY: { description: 'Days.' },
    WEEK: { description: 'Weeks.' },
    MONTH: { description: 'Months.' },
    YEAR: { description: 'Years.' },
  },
});

registerEnumType(ProductType, {
  name: 'ProductType',
  description: "Kind of catalog product, as the gateway's product catalog file says.",
  valuesConfig: {
    PREMIUM_PLAN: { description: 'A site Premium plan.' },
    DOMAIN: { description: 'A domain registration (TLD, with privacy).' },
    BUSINESS_TOOL: { description: 'Another business tool (e.g. Google Workspace, Ascend).' },
    UNKNOWN: { description: 'The catalog file does not list this product ID.' },
  },
});

/** Why an instance failed (Wix's FailureReason). */
@ObjectType('ProductInstanceFailure', {
  description: 'Why a product instance failed (set only when its status is FAILED).',
})
export class ProductInstanceFailure {
  @Field(() => ProductInstanceFailureCode, { description: 'Failure reason code.' })
  code!: ProductInstanceFailureCode;

  @Field(() => String, { description: "Wix's description of the failure." })
  message!: string;
}

/** Wix's cycleDuration. */
@ObjectType('BillingCycle', { description: 'Length of one billing cycle (e.g. 1 YEAR).' })
export class BillingCycle {
  @Field(() => BillingCycleUnit, { description: 'Unit of the cycle.' })
  unit!: BillingCycleUnit;

  @Field(() => Int, { description: 'Number of units in one cycle.' })
  count!: number;
}

/** Wix's billingInfo (ProductInstanceCycle). */
@ObjectType('ProductInstanceBilling', { description: 'How a product instance is billed.' })
export class ProductInstanceBilling {
  @Field(() => BillingType, { description: 'One-time or recurring.' })
  type!: BillingType;

  @Field(() => BillingCycle, { nullable: true, description: 'The billing cycle; set for RECURRING billing only.' })
  cycle?: BillingCycle | null;
}

/** A catalog product as the gateway's catalog file describes it (src/catalog.ts). */
@ObjectType('CatalogProduct', {
  description: "A product of the catalog, as the gateway's catalog file describes it (Wix's own catalog is private).",
})
export class CatalogProduct {
  @Field(() => ID, { description: 'Wix catalog product ID.' })
  catalogProductId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Product name; null when the catalog file does not list this product.',
  })
  name?: string | null;

  @Field(() => ProductType, { description: 'Kind of product; UNKNOWN when the catalog file does not list it.' })
  type!: ProductType;

  @Field(() => [String], {
    description:
      "TLDs the product covers (without the dot): the TLDs a DOMAIN product registers, or those a Premium plan's free-domain voucher covers.",
  })
  tlds!: string[];
}

/** One paid service sold to a customer: an instance of a catalog product inside a package. */
@ObjectType('ProductInstance', {
  implements: Node,
  description:
    'A paid service (an instance of a catalog product) inside a reseller package; assigned to a site or floating.',
})
export class ProductInstance extends Node {
  @Field(() => ID, { description: 'Wix product instance ID (GUID).' })
  wixId!: string;

  @Field(() => ID, { description: 'Wix catalog product ID this is an instance of.' })
  catalogProductId!: string;

  @Field(() => ProductInstanceStatus, { description: 'Current status.' })
  status!: ProductInstanceStatus;

  @Field(() => ProductInstanceFailure, {
    nullable: true,
    description: 'Why the instance failed; null unless status is FAILED.',
  })
  failure?: ProductInstanceFailure | null;

  @Field(() => ProductInstanceBilling, {
    nullable: true,
    description: 'How the instance is billed; null when Wix does not say.',
  })
  billing?: ProductInstanceBilling | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the site the instance is assigned to; null when floating (not assigned).',
  })
  siteWixId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO-3166 alpha-2 country where vouchers bundled with the product may be claimed.',
  })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Discount code given at creation, if any.' })
  discountCode?: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the instance expires; null for instances that renew.',
  })
  expirationDate?: Date | null;

  @Field(() => GraphQLDateTime, { description: 'When the instance was created.' })
  createdDate!: Date;

  @Field(() => GraphQLDateTime, { description: 'When the instance was last updated.' })
  updatedDate!: Date;
}
