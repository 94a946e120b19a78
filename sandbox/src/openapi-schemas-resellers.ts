import {
  DATE,
  GUID,
  IDEMPOTENCY_BODY,
  VALIDATION,
  arr,
  enumOf,
  int,
  nullable,
  obj,
  ref,
  str,
  type JsonSchema,
  type OperationSpec,
} from './openapi-kit.js';

/**
 * Schemas of the Resellers API (CONTRACT §1) and B2B Transfer Site (§2), written from the contract's object tables.
 */
export const resellerComponents: Record<string, JsonSchema> = {
  BillingInfo: obj(
    {
      type: enumOf(['UNKNOWN', 'ONE_TIME', 'RECURRING']),
      cycleDuration: obj(
        { unit: enumOf(['UNKNOWN', 'DAY', 'WEEK', 'MONTH', 'YEAR']), count: int({ minimum: 0 }) },
        [],
        true,
        'Only meaningful for RECURRING',
      ),
    },
    ['type'],
    true,
    'Billing cycle of a product instance (ProductInstanceCycle)',
  ),
  ProductInstance: obj(
    {
      instanceId: GUID,
      siteId: nullable(GUID),
      catalogProductId: GUID,
      status: enumOf(['PENDING', 'ENABLED', 'CANCELED', 'FAILED', 'AWAITING_ACTION']),
      failure: obj(
        { code: enumOf(['UNKNOWN', 'DELIVERY_TIMEOUT', 'EXTERNAL_FAILURE']), message: str() },
        ['code'],
        true,
        'Only when status is FAILED',
      ),
      billingInfo: ref('BillingInfo'),
      createdDate: DATE,
      updatedDate: DATE,
      countryCode: nullable(str({ description: 'ISO-3166 alpha-2' })),
      expirationDate: nullable(DATE),
      discountCode: nullable(str({ maxLength: 25 })),
      referenceProductInstanceId: nullable(GUID),
    },
    ['instanceId', 'catalogProductId', 'status', 'createdDate', 'updatedDate'],
    true,
    'A resold product; without siteId it is floating (account-level, unusable until assigned)',
  ),
  Package: obj(
    {
      id: GUID,
      accountId: GUID,
      externalId: str({ maxLength: 100 }),
      productInstances: arr(ref('ProductInstance'), { maxItems: 1000 }),
      createdDate: DATE,
      updatedDate: DATE,
      parentAccountId: GUID,
    },
    ['id', 'accountId', 'productInstances', 'createdDate', 'updatedDate'],
  ),
  PackageAnswer: obj(
    { idempotencyKey: str(), package: ref('Package') },
    ['package'],
    true,
    'Answer of the reseller writes: the package, and the idempotencyKey echoed',
  ),
  NewProductInstance: obj(
    {
      catalogProductId: GUID,
      countryCode: str({ description: 'ISO-3166 alpha-2; where bundled vouchers may be claimed' }),
      siteId: str({ description: 'Omit for a floating instance' }),
      billingInfo: ref('BillingInfo'),
      discountCode: str({ maxLength: 25 }),
      referenceProductInstanceId: str({
        description: 'An instance that entitles this one to a free add-on (used once, while PENDING/ENABLED)',
      }),
    },
    ['catalogProductId', 'countryCode'],
    false,
  ),
  QueryV2: obj(
    {
      filter: {
        type: 'object',
        description: 'Mongo-like filter; only the documented fields and operators are accepted',
      },
      sort: arr(obj({ fieldName: str(), order: enumOf(['ASC', 'DESC']) }, ['fieldName'], false)),
      paging: obj({ limit: int({ minimum: 0 }), offset: int({ minimum: 0 }) }, [], false),
      cursorPaging: obj({ limit: int({ minimum: 0, maximum: 100 }), cursor: nullable(str()) }, [], false),
      fields: arr(str()),
      fieldsets: arr(str()),
    },
    [],
    false,
    'Wix query language (CONTRACT §0.3)',
  ),
  PagingMetadataV2: obj(
    {
      count: int({ minimum: 0 }),
      offset: int({ minimum: 0 }),
      total: int({ minimum: 0 }),
      tooManyToCount: { type: 'boolean' },
      cursors: ref('Cursors'),
      hasNext: { type: 'boolean' },
    },
    ['count'],
    true,
    'Query Packages metadata: total only with offset paging, cursors only with cursor paging',
  ),
  SiteTransfer: obj({ siteId: GUID, sourceAccountId: GUID, enableNotifications: { type: 'boolean' } }, [
    'siteId',
    'sourceAccountId',
  ]),
};

const CREATE_ERRORS = [
  'PRODUCT_LIMIT_EXCEEDED',
  'PRODUCT_SETTINGS_NOT_FOUND',
  'MISSING_BILLING_CYCLE',
  'INCOMPATIBLE_BILLING_CYCLE',
  'INVALID_BILLING_CYCLE',
  'INVALID_PRODUCTS',
  'MULTIPLE_PRODUCT_ASSIGNMENTS',
  'PRODUCT_TYPE_ALREADY_ASSIGNED',
  'PRODUCT_NOT_SUPPORTED_ON_SITE',
];
/** Reference-instance codes are UNCONFIRMED upstream: the sandbox's choice (routes/resellers-rules.ts). */
const REFERENCE_ERRORS = [
  'REFERENCE_PRODUCT_INSTANCE_NOT_FOUND',
  'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED',
  'INVALID_REFERENCE_PRODUCT_INSTANCE',
];
/** A repeated idempotencyKey with a different request (sandbox choice, routes/resellers-input.ts). */
const IDEMPOTENCY: [number, string] = [409, 'IDEMPOTENCY_KEY_REUSED'];
const TAG = 'resellers';
const PACKAGE_ANSWER = ref('PackageAnswer');

/** Resellers and Transfer Site operations, keyed `METHOD /path/{param}` as in the contract. */
export const resellerOperations: Record<string, OperationSpec> = {
  'POST /resellers/v2/packages': {
    summary: 'Create Package V2',
    tag: TAG,
    description: 'Creates a package of 1–1000 product instances; an instance without siteId is floating.',
    body: obj(
      {
        idempotencyKey: str(),
        externalId: str({ maxLength: 100 }),
        products: arr(ref('NewProductInstance'), { minItems: 1, maxItems: 1000 }),
      },
      ['products'],
      false,
    ),
    bodyRequired: true,
    response: PACKAGE_ANSWER,
    errors: [
      [400, VALIDATION],
      [404, 'PRODUCT_NOT_FOUND', 'ACCOUNT_NOT_FOUND', 'SITE_NOT_FOUND'],
      IDEMPOTENCY,
      [428, ...CREATE_ERRORS, ...REFERENCE_ERRORS],
    ],
  },
  'GET /resellers/v1/packages/{id}': {
    summary: 'Get Package',
    tag: TAG,
    description: 'A package of the wix-account-id account itself; another account’s package is 404 PACKAGE_NOT_FOUND.',
    response: obj({ package: ref('Package') }, ['package']),
    errors: [[404, 'PACKAGE_NOT_FOUND']],
  },
  'POST /resellers/v1/packages/query': {
    summary: 'Query Packages',
    tag: TAG,
    description:
      "Packages of the header account's whole tree (filter accountId to restrict). Default sort createdDate DESC; cursor limit ≤ 100.",
    body: obj({ query: ref('QueryV2') }, ['query'], false),
    bodyRequired: true,
    response: obj({ metadata: ref('PagingMetadataV2'), packages: arr(ref('Package')) }, ['packages']),
    errors: [[400, VALIDATION]],
  },
  'DELETE /resellers/v1/packages/{id}': {
    summary: 'Cancel Package',
    tag: TAG,
    description:
      'Cancels every instance of the package; dependants stop (a cancelled Premium plan disconnects its connected domains).',
    body: IDEMPOTENCY_BODY,
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PACKAGE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/product-instances/{instanceId}/{siteId}': {
    summary: 'Assign Product Instance To Site',
    tag: TAG,
    description: 'Assigns (or reassigns) the instance to the site.',
    body: IDEMPOTENCY_BODY,
    response: PACKAGE_ANSWER,
    errors: [
      [400, VALIDATION],
      [404, 'PRODUCT_INSTANCE_NOT_FOUND', 'SITE_NOT_FOUND'],
      IDEMPOTENCY,
      [428, 'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS', 'PRODUCT_TYPE_ALREADY_ASSIGNED', 'PRODUCT_NOT_SUPPORTED_ON_SITE'],
    ],
  },
  'PATCH /resellers/v1/packages/product-instances/{instanceId}/unassign': {
    summary: 'Unassign Product Instance From Site',
    tag: TAG,
    description:
      'Makes the instance floating; dependants may break (a Premium plan unassigned disconnects connected domains).',
    body: IDEMPOTENCY_BODY,
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PRODUCT_INSTANCE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/product-instances/{instanceId}': {
    summary: 'Adjust Product Instance Specifications',
    tag: TAG,
    description: 'Up/downgrade (same product type) or change the billing cycle.',
    body: obj(
      {
        idempotencyKey: str(),
        catalogProductId: GUID,
        billingInfo: ref('BillingInfo'),
        discountCode: str({ maxLength: 25 }),
      },
      [],
      false,
    ),
    bodyRequired: true,
    response: PACKAGE_ANSWER,
    errors: [
      [400, VALIDATION],
      [404, 'PRODUCT_NOT_FOUND', 'SITE_NOT_FOUND'],
      IDEMPOTENCY,
      [
        428,
        ...CREATE_ERRORS,
        'PRODUCT_INSTANCE_NOT_FOUND',
        'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS',
        'INCOMPATIBLE_PRODUCT',
        'MISSING_PRODUCT_DETAILS',
      ],
    ],
  },
  'DELETE /resellers/v1/packages/product-instances/{instanceId}': {
    summary: 'Cancel Product Instance',
    tag: TAG,
    body: IDEMPOTENCY_BODY,
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PRODUCT_INSTANCE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/update/{packageId}/{externalId}': {
    summary: 'Update Package External Id',
    tag: TAG,
    response: obj({ updatedPackage: ref('Package') }, ['updatedPackage']),
    errors: [
      [400, VALIDATION],
      [404, 'PACKAGE_NOT_FOUND'],
    ],
  },
  'POST /b2b-site-management/v1/transfer-site': {
    summary: 'Transfer Site',
    tag: 'b2b-site-management',
    description:
      "Moves a site to the wix-account-id (target) account; refused for sites with paid services and targets outside the main account's tree.",
    body: obj(
      {
        siteTransfer: obj(
          { siteId: str(), sourceAccountId: str(), enableNotifications: { type: 'boolean', default: false } },
          ['siteId', 'sourceAccountId'],
          false,
        ),
      },
      ['siteTransfer'],
      false,
    ),
    bodyRequired: true,
    accountHeader: true,
    response: obj({ siteTransfer: ref('SiteTransfer') }, ['siteTransfer']),
    errors: [
      [400, VALIDATION, 'SITE_NOT_FOUND'],
      [403, 'SITE_TRANSFER_NOT_ALLOWED'],
      [428, 'TARGET_ACCOUNT_ID_NOT_FOUND', 'SITE_TRANSFER_NOT_SUPPORTED'],
    ],
  },
};
