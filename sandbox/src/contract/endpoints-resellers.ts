import {
  GetPackageResponse,
  PackageAnswer,
  QueryPackagesResponse,
  TransferSiteResponse,
  UpdatePackageExternalIdResponse,
} from './resellers.js';
import { VALIDATION, type Endpoint } from './endpoint.js';

/** Endpoints of the Resellers API (CONTRACT §1) and B2B Transfer Site (§2). */

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
const PACKAGE_ANSWER = PackageAnswer;

/** Resellers and Transfer Site operations, keyed `METHOD /path/{param}` as in the contract. */
export const resellerEndpoints: Record<string, Endpoint> = {
  'POST /resellers/v2/packages': {
    summary: 'Create Package V2',
    tag: TAG,
    description: 'Creates a package of 1–1000 product instances; an instance without siteId is floating.',
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
    response: GetPackageResponse,
    errors: [[404, 'PACKAGE_NOT_FOUND']],
  },
  'POST /resellers/v1/packages/query': {
    summary: 'Query Packages',
    tag: TAG,
    description:
      "Packages of the header account's whole tree (filter accountId to restrict). Default sort createdDate DESC; cursor limit ≤ 100.",
    bodyRequired: true,
    response: QueryPackagesResponse,
    errors: [[400, VALIDATION]],
  },
  'DELETE /resellers/v1/packages/{id}': {
    summary: 'Cancel Package',
    tag: TAG,
    description:
      'Cancels every instance of the package; dependants stop (a cancelled Premium plan disconnects its connected domains).',
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PACKAGE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/product-instances/{instanceId}/{siteId}': {
    summary: 'Assign Product Instance To Site',
    tag: TAG,
    description: 'Assigns (or reassigns) the instance to the site.',
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
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PRODUCT_INSTANCE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/product-instances/{instanceId}': {
    summary: 'Adjust Product Instance Specifications',
    tag: TAG,
    description: 'Up/downgrade (same product type) or change the billing cycle.',
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
    response: PACKAGE_ANSWER,
    errors: [[400, VALIDATION], [404, 'PRODUCT_INSTANCE_NOT_FOUND'], IDEMPOTENCY],
  },
  'PATCH /resellers/v1/packages/update/{packageId}/{externalId}': {
    summary: 'Update Package External Id',
    tag: TAG,
    response: UpdatePackageExternalIdResponse,
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
    bodyRequired: true,
    accountHeader: true,
    response: TransferSiteResponse,
    errors: [
      [400, VALIDATION, 'SITE_NOT_FOUND'],
      [403, 'SITE_TRANSFER_NOT_ALLOWED'],
      [428, 'TARGET_ACCOUNT_ID_NOT_FOUND', 'SITE_TRANSFER_NOT_SUPPORTED'],
    ],
  },
};
