/** Wix's product-instance status (CONTRACT §1.3). */
export const ProductInstanceStatus = {
  PENDING: 'PENDING',
  ENABLED: 'ENABLED',
  CANCELED: 'CANCELED',
  FAILED: 'FAILED',
  AWAITING_ACTION: 'AWAITING_ACTION',
} as const;
/** One of {@link ProductInstanceStatus}. */
export type ProductInstanceStatus = (typeof ProductInstanceStatus)[keyof typeof ProductInstanceStatus];

/** Why an instance failed (Wix's FailureReason code; UNKNOWN for anything else). */
export const ProductInstanceFailureCode = {
  UNKNOWN: 'UNKNOWN',
  DELIVERY_TIMEOUT: 'DELIVERY_TIMEOUT',
  EXTERNAL_FAILURE: 'EXTERNAL_FAILURE',
} as const;
/** One of {@link ProductInstanceFailureCode}. */
export type ProductInstanceFailureCode = (typeof ProductInstanceFailureCode)[keyof typeof ProductInstanceFailureCode];

/** Billing type of an instance. */
export const BillingType = {
  UNKNOWN: 'UNKNOWN',
  ONE_TIME: 'ONE_TIME',
  RECURRING: 'RECURRING',
} as const;
/** One of {@link BillingType}. */
export type BillingType = (typeof BillingType)[keyof typeof BillingType];

/** Unit of a billing cycle. */
export const BillingCycleUnit = {
  UNKNOWN: 'UNKNOWN',
  DAY: 'DAY',
  WEEK: 'WEEK',
  MONTH: 'MONTH',
  YEAR: 'YEAR',
} as const;
/** One of {@link BillingCycleUnit}. */
export type BillingCycleUnit = (typeof BillingCycleUnit)[keyof typeof BillingCycleUnit];

/** Kind of catalog product, from the gateway's catalog file (src/catalog.ts). */
export const ProductType = {
  PREMIUM_PLAN: 'PREMIUM_PLAN',
  DOMAIN: 'DOMAIN',
  BUSINESS_TOOL: 'BUSINESS_TOOL',
  UNKNOWN: 'UNKNOWN',
} as const;
/** One of {@link ProductType}. */
export type ProductType = (typeof ProductType)[keyof typeof ProductType];

/** Why an instance failed (set only when its status is FAILED). */
export interface ProductInstanceFailure {
  code: ProductInstanceFailureCode;
  message: string;
}

/** Length of one billing cycle (Wix's cycleDuration). */
export interface BillingCycle {
  unit: BillingCycleUnit;
  count: number;
}

/** How an instance is billed (Wix's billingInfo). */
export interface ProductInstanceBilling {
  type: BillingType;
  /** Set for RECURRING billing only. */
  cycle?: BillingCycle | null;
}

/** A catalog product as the gateway's catalog file describes it. */
export interface CatalogProduct {
  catalogProductId: string;
  /** Null when the catalog file does not list the product. */
  name?: string | null;
  type: ProductType;
  /** TLDs the product covers, without the dot. */
  tlds: string[];
}

/** One paid service sold to a customer: an instance of a catalog product inside a package. */
export interface ProductInstance {
  /** Wix product instance ID. */
  wixId: string;
  catalogProductId: string;
  status: ProductInstanceStatus;
  failure?: ProductInstanceFailure | null;
  billing?: ProductInstanceBilling | null;
  /** The site the instance is assigned to; null when floating. */
  siteWixId?: string | null;
  countryCode?: string | null;
  discountCode?: string | null;
  expirationDate?: Date | null;
  createdDate: Date;
  updatedDate: Date;
  /** Wix ID of the package holding the instance. */
  packageWixId: string;
  /** Account that owns the package (and so the instance). */
  accountId: string;
  /** The instance that entitled this one to a free add-on. */
  referenceInstanceWixId?: string | null;
}
