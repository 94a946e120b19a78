import { z } from 'zod/v4';
import { ANY_OBJECT, DATE, GUID } from './common.js';

/** Resellers (CONTRACT §1) and B2B Transfer Site (§2). */
export const MAX_EXTERNAL_ID = 100;
export const MAX_DISCOUNT_CODE = 25;
export const MAX_PRODUCTS = 1000;

export const BillingType = z.enum(['UNKNOWN', 'ONE_TIME', 'RECURRING']);
export const CycleUnit = z.enum(['UNKNOWN', 'DAY', 'WEEK', 'MONTH', 'YEAR']);
export const BillingInfo = z
  .strictObject({
    type: BillingType,
    cycleDuration: z
      .strictObject({ unit: CycleUnit, count: z.number().int().min(0) })
      .optional()
      .describe('Only meaningful for RECURRING'),
  })
  .describe('Billing cycle of a product instance (ProductInstanceCycle)');
export const InstanceStatus = z.enum(['PENDING', 'ENABLED', 'CANCELED', 'FAILED', 'AWAITING_ACTION']);

export const ProductInstance = z
  .strictObject({
    instanceId: GUID,
    siteId: GUID.nullable().optional(),
    catalogProductId: GUID,
    status: InstanceStatus,
    failure: z
      .strictObject({ code: z.enum(['UNKNOWN', 'DELIVERY_TIMEOUT', 'EXTERNAL_FAILURE']), message: z.string() })
      .optional()
      .describe('Only when status is FAILED'),
    billingInfo: BillingInfo.optional(),
    createdDate: DATE,
    updatedDate: DATE,
    countryCode: z.string().nullable().optional().describe('ISO-3166 alpha-2'),
    expirationDate: DATE.nullable().optional(),
    discountCode: z.string().max(MAX_DISCOUNT_CODE).nullable().optional(),
    referenceProductInstanceId: GUID.nullable().optional(),
  })
  .describe('A resold product; without siteId it is floating (account-level, unusable until assigned)');

export const Package = z.strictObject({
  id: GUID,
  accountId: GUID,
  externalId: z.string().max(MAX_EXTERNAL_ID).optional(),
  productInstances: z.array(ProductInstance).max(MAX_PRODUCTS),
  createdDate: DATE,
  updatedDate: DATE,
  parentAccountId: GUID.optional(),
});
/** Answer of the reseller writes: the package, and the idempotencyKey echoed. */
export const PackageAnswer = z.strictObject({ idempotencyKey: z.string().optional(), package: Package });
export const GetPackageResponse = z.strictObject({ package: Package });
export const UpdatePackageExternalIdResponse = z.strictObject({ updatedPackage: Package });

// Requests. Absent optional fields may also be sent as null (Wix's JSON mapping of proto3).
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();
const IdempotencyKey = z.string().max(200, 'must be at most 200 characters');
/** A billingInfo as a request sends it: `cycleDuration.count` defaults to 1, its unit to UNKNOWN. */
export const BillingInfoInput = z.looseObject({
  type: BillingType,
  cycleDuration: opt(
    z.looseObject({ unit: CycleUnit.default('UNKNOWN'), count: z.number().int('must be an integer').default(1) }),
  ),
});
export const NewProductInstance = z.looseObject({
  catalogProductId: opt(z.string()),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO-3166 alpha-2 country code')
    .describe('ISO-3166 alpha-2; where bundled vouchers may be claimed'),
  siteId: opt(z.string()).describe('Omit for a floating instance'),
  billingInfo: opt(BillingInfoInput),
  discountCode: opt(z.string().max(MAX_DISCOUNT_CODE, `must be at most ${MAX_DISCOUNT_CODE} characters`)),
  referenceProductInstanceId: opt(z.string()).describe(
    'An instance that entitles this one to a free add-on (used once, while PENDING/ENABLED)',
  ),
});
export const CreatePackageRequest = z.looseObject({
  idempotencyKey: opt(IdempotencyKey),
  externalId: opt(z.string().max(MAX_EXTERNAL_ID, `must be at most ${MAX_EXTERNAL_ID} characters`)),
  external_id: opt(z.string().max(MAX_EXTERNAL_ID, `must be at most ${MAX_EXTERNAL_ID} characters`)).describe(
    'Spelling of Wix’s own example; externalId is the documented field',
  ),
  products: z
    .array(NewProductInstance)
    .min(1, 'must contain at least 1 product')
    .max(MAX_PRODUCTS, `must contain at most ${MAX_PRODUCTS} products`),
});
/** Optional `{idempotencyKey}` body of the reseller writes that take nothing else. */
export const IdempotencyRequest = z.looseObject({
  idempotencyKey: opt(IdempotencyKey).describe('Echoed back; a repeated key answers with the first result'),
});
export const AdjustInstanceRequest = z.looseObject({
  idempotencyKey: opt(IdempotencyKey),
  catalogProductId: opt(z.string()),
  billingInfo: opt(BillingInfoInput),
  discountCode: opt(z.string().max(MAX_DISCOUNT_CODE, `must be at most ${MAX_DISCOUNT_CODE} characters`)),
});

/** Wix query language (CONTRACT §0.3). */
/** Update Package External Id's `{externalId}` path parameter. */
export const ExternalIdParam = z.looseObject({
  externalId: z.string().max(MAX_EXTERNAL_ID, `must be at most ${MAX_EXTERNAL_ID} characters`),
});

export const QueryV2 = z
  .looseObject({
    filter: ANY_OBJECT.optional().describe('Mongo-like filter; only the documented fields and operators are accepted'),
    sort: z.array(z.looseObject({ fieldName: z.string(), order: z.enum(['ASC', 'DESC']).optional() })).optional(),
    paging: z
      .looseObject({ limit: z.number().int().min(0).optional(), offset: z.number().int().min(0).optional() })
      .optional(),
    cursorPaging: z
      .looseObject({ limit: z.number().int().min(0).max(100).optional(), cursor: z.string().nullable().optional() })
      .optional(),
    fields: z.array(z.string()).optional(),
    fieldsets: z.array(z.string()).optional(),
  })
  .describe('Wix query language (CONTRACT §0.3)');
export const QueryPackagesRequest = z.looseObject({ query: QueryV2 });
export const PagingMetadataV2 = z
  .strictObject({
    count: z.number().int().min(0),
    offset: z.number().int().min(0).optional(),
    total: z.number().int().min(0).optional(),
    tooManyToCount: z.boolean().optional(),
    cursors: z
      .strictObject({ next: z.string().nullable().optional(), prev: z.string().nullable().optional() })
      .optional(),
    hasNext: z.boolean().optional(),
  })
  .describe('Query Packages metadata: total only with offset paging, cursors only with cursor paging');
export const QueryPackagesResponse = z.strictObject({
  metadata: PagingMetadataV2.optional(),
  packages: z.array(Package),
});

// §2 Transfer Site
export const SiteTransfer = z.strictObject({
  siteId: GUID,
  sourceAccountId: GUID,
  enableNotifications: z.boolean().optional(),
});
export const TransferSiteRequest = z.looseObject({
  siteTransfer: z.looseObject({
    siteId: z.string().min(1, 'is required'),
    sourceAccountId: z.string().min(1, 'is required'),
    enableNotifications: z.boolean().default(false),
  }),
});
export const TransferSiteResponse = z.strictObject({ siteTransfer: SiteTransfer });

export type WireProductInstance = z.infer<typeof ProductInstance>;
export type WirePackage = z.infer<typeof Package>;
export type WireBillingInfo = z.infer<typeof BillingInfo>;
export type WirePackageAnswer = z.infer<typeof PackageAnswer>;
export type WireGetPackageResponse = z.infer<typeof GetPackageResponse>;
export type WireQueryPackagesResponse = z.infer<typeof QueryPackagesResponse>;
export type WireUpdatePackageExternalIdResponse = z.infer<typeof UpdatePackageExternalIdResponse>;
export type WireNewProductInstance = z.input<typeof NewProductInstance>;
export type WireTransferSiteResponse = z.infer<typeof TransferSiteResponse>;
