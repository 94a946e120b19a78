import * as wire from './contract/index.js';
import { jsonSchema } from './contract/json-schema.js';
import { VALIDATION, cursorPagingParams, type JsonSchema, type OperationSpec } from './openapi-kit.js';

/**
 * Documentation of Domain Search (CONTRACT §5), Registered Domains (§6) and Connected Domains (§7). The schemas are
 * generated from the zod contract (contract/domains.ts) the route handlers validate requests with.
 */
const request = (schema: Parameters<typeof jsonSchema>[0]) => jsonSchema(schema, 'input');

export const domainComponents: Record<string, JsonSchema> = {
  Cursors: jsonSchema(wire.Cursors),
  CursorPagingMetadata: jsonSchema(wire.CursorPagingMetadata),
  SiteInfo: jsonSchema(wire.SiteInfo),
  ContactData: jsonSchema(wire.ContactData),
  ContactInput: request(wire.ContactInput),
  RegisteredDomain: jsonSchema(wire.RegisteredDomain),
  ConnectedDomain: jsonSchema(wire.ConnectedDomain),
  ConnectedDomainSetupInfo: jsonSchema(wire.ConnectedDomainSetupInfo),
};

const SEARCH = 'domain-search';
const REGISTERED = 'registered-domains';
const CONNECTED = 'connected-domains';
const CONNECTED_LOOKUP_ERRORS: OperationSpec['errors'] = [
  [400, 'DOMAINS_GUID_NOT_VALID'],
  [403, 'DOMAINS_PERMISSION_DENIED', 'DOMAINS_DOMAIN_NOT_PERMITTED', 'DOMAINS_GUID_NOT_FOUND'],
];
/** Domain operations, keyed `METHOD /path/{param}`. */
export const domainOperations: Record<string, OperationSpec> = {
  'GET /domain-search/v2/check-domain-availability': {
    summary: 'Check Domain Availability',
    tag: SEARCH,
    description: 'Authorization optional; no wix-account-id needed.',
    query: [
      {
        name: 'domain',
        required: true,
        schema: jsonSchema(wire.CheckAvailabilityDomain),
        description: 'Domain with TLD, e.g. mydomain.com',
      },
    ],
    response: jsonSchema(wire.CheckAvailabilityResponse),
    errors: [[400, VALIDATION, 'INVALID_DOMAIN', 'DOMAINS_UNSUPPORTED_TLD']],
  },
  'GET /domain-search/v2/suggest-domains': {
    summary: 'Suggest Domains',
    tag: SEARCH,
    description: 'Available domains only. Authorization optional.',
    query: [
      {
        name: 'query',
        required: true,
        schema: jsonSchema(wire.SuggestQuery),
        description: 'Letters, digits, spaces, dots, hyphens; no TLD',
      },
      {
        name: 'tlds',
        schema: jsonSchema(wire.SuggestTlds),
        description: 'Repeat the parameter: tlds=com&tlds=net (no dot)',
      },
      ...cursorPagingParams(20),
      { name: 'limit', schema: jsonSchema(wire.SuggestLimit), description: 'Deprecated: use paging.limit' },
      { name: 'maxLength', schema: jsonSchema(wire.SuggestMaxLength), description: 'Max SLD length' },
    ],
    response: jsonSchema(wire.SuggestDomainsResponse),
    errors: [[400, VALIDATION, 'INVALID_QUERY', 'INVALID_TLD_FORMAT', 'TLD_NOT_SUPPORTED']],
  },
  'POST /domains/v1/registered-domains': {
    summary: 'Create Registered Domain',
    tag: REGISTERED,
    description:
      'Registers a root domain with a product instance covering its TLD; PENDING_REGISTRATION, then ACTIVE or FAILED_REGISTRATION.',
    siteHeader: true,
    bodyRequired: true,
    response: jsonSchema(wire.RegisteredDomainResponse),
    errors: [
      [
        400,
        VALIDATION,
        'INVALID_DOMAIN',
        'DOMAIN_TOO_LONG',
        'DOMAIN_TOO_SHORT',
        'INVALID_TLD',
        'TLD_NOT_SUPPORTED',
        'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE',
        'PRODUCT_INSTANCE_NOT_FOUND',
        'INVALID_PRODUCT_INSTANCE',
        'PRODUCT_INSTANCE_NOT_ACTIVE',
        'AWAITING_PRODUCT_ACTIVATION',
        'REGISTERED_DOMAIN_ALREADY_EXISTS',
        'DOMAIN_ALREADY_TAKEN',
        'INVALID_BILLING_CYCLE',
        'SUBDOMAIN_NOT_SUPPORTED',
        'SKU_NOT_FOUND',
      ],
      [403, 'PERMISSION_DENIED'],
    ],
  },
  'GET /domains/v1/registered-domains/{registeredDomainId}': {
    summary: 'Get Registered Domain',
    tag: REGISTERED,
    response: jsonSchema(wire.RegisteredDomainResponse),
    errors: [[400, 'REGISTERED_DOMAIN_NOT_FOUND']],
  },
  'GET /domains/v1/registered-domains': {
    summary: 'List Registered Domains',
    tag: REGISTERED,
    description: 'Sorted createdDate DESC.',
    query: cursorPagingParams(100),
    response: jsonSchema(wire.ListRegisteredDomainsResponse),
    errors: [[400, VALIDATION]],
  },
  'POST /domains/v1/registered-domains/{registeredDomainId}/redeem': {
    summary: 'Redeem Registered Domain',
    tag: REGISTERED,
    description: 'Renews an expired domain still in redemption (up to 7 days); expirationDate moves one year on.',
    response: jsonSchema(wire.RegisteredDomainResponse),
    errors: [
      [400, 'REGISTERED_DOMAIN_NOT_FOUND'],
      [428, 'DOMAIN_NOT_EXPIRED'],
    ],
  },
  'POST /domains/v1/connected-domains': {
    summary: 'Create Connected Domain',
    tag: CONNECTED,
    description:
      'Connects an external domain to the wix-site-id site (which needs Premium): NAMESERVERS or POINTING for a root domain, no connectionType for a subdomain.',
    siteHeader: true,
    bodyRequired: true,
    response: jsonSchema(wire.ConnectedDomainResponse),
    errors: [
      [400, VALIDATION, 'Invalid domain', 'Invalid connection type', 'DOMAINS_GUID_NOT_VALID'],
      [
        403,
        'DOMAINS_PERMISSION_DENIED',
        'DOMAINS_DOMAIN_NOT_PERMITTED',
        'INVALID_DOMAINS_PREVIEW_RECORDS',
        'DOMAINS_GUID_NOT_FOUND',
        'NON_PREMIUM_SITE',
      ],
      [409, 'DOMAINS_ALREADY_EXISTS'],
    ],
  },
  'GET /domains/v1/connected-domains/{connectedDomainId}': {
    summary: 'Get Connected Domain',
    tag: CONNECTED,
    response: jsonSchema(wire.ConnectedDomainResponse),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domains': {
    summary: 'List Connected Domains',
    tag: CONNECTED,
    description: 'Sorted createdDate DESC.',
    query: cursorPagingParams(100),
    response: jsonSchema(wire.ListConnectedDomainsResponse),
    errors: [[400, VALIDATION]],
  },
  'DELETE /domains/v1/connected-domains/{connectedDomainId}': {
    summary: 'Delete Connected Domain',
    tag: CONNECTED,
    response: jsonSchema(wire.Empty),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domain-setup-info/{connectedDomainId}': {
    summary: 'Get Connected Domain Setup Info',
    tag: CONNECTED,
    description:
      'The records the owner must set at the registrar: nameserverRecord, pointingRecords or subdomainRecords by connection type.',
    response: jsonSchema(wire.SetupInfoResponse),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
};
