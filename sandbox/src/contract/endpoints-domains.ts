import { Empty } from './folders-domains.js';
import {
  CheckAvailabilityResponse,
  ConnectedDomainResponse,
  ListConnectedDomainsResponse,
  ListRegisteredDomainsResponse,
  RegisteredDomainResponse,
  SetupInfoResponse,
  SuggestDomainsResponse,
} from './domains.js';
import { VALIDATION, type Endpoint } from './endpoint.js';

/** Endpoints of Domain Search (CONTRACT §5), Registered Domains (§6) and Connected Domains (§7). */

const SEARCH = 'domain-search';
const REGISTERED = 'registered-domains';
const CONNECTED = 'connected-domains';
const CONNECTED_LOOKUP_ERRORS: Endpoint['errors'] = [
  [400, 'DOMAINS_GUID_NOT_VALID'],
  [403, 'DOMAINS_PERMISSION_DENIED', 'DOMAINS_DOMAIN_NOT_PERMITTED', 'DOMAINS_GUID_NOT_FOUND'],
];
/** Domain operations, keyed `METHOD /path/{param}`. */
export const domainEndpoints: Record<string, Endpoint> = {
  'GET /domain-search/v2/check-domain-availability': {
    summary: 'Check Domain Availability',
    tag: SEARCH,
    description: 'Authorization optional; no wix-account-id needed.',
    response: CheckAvailabilityResponse,
    errors: [[400, VALIDATION, 'INVALID_DOMAIN', 'DOMAINS_UNSUPPORTED_TLD']],
  },
  'GET /domain-search/v2/suggest-domains': {
    summary: 'Suggest Domains',
    tag: SEARCH,
    description: 'Available domains only. Authorization optional.',
    response: SuggestDomainsResponse,
    errors: [[400, VALIDATION, 'INVALID_QUERY', 'INVALID_TLD_FORMAT', 'TLD_NOT_SUPPORTED']],
  },
  'POST /domains/v1/registered-domains': {
    summary: 'Create Registered Domain',
    tag: REGISTERED,
    description:
      'Registers a root domain with a product instance covering its TLD; PENDING_REGISTRATION, then ACTIVE or FAILED_REGISTRATION.',
    siteHeader: true,
    bodyRequired: true,
    response: RegisteredDomainResponse,
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
    response: RegisteredDomainResponse,
    errors: [[400, 'REGISTERED_DOMAIN_NOT_FOUND']],
  },
  'GET /domains/v1/registered-domains': {
    summary: 'List Registered Domains',
    tag: REGISTERED,
    description: 'Sorted createdDate DESC.',
    response: ListRegisteredDomainsResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /domains/v1/registered-domains/{registeredDomainId}/redeem': {
    summary: 'Redeem Registered Domain',
    tag: REGISTERED,
    description: 'Renews an expired domain still in redemption (up to 7 days); expirationDate moves one year on.',
    response: RegisteredDomainResponse,
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
    response: ConnectedDomainResponse,
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
    response: ConnectedDomainResponse,
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domains': {
    summary: 'List Connected Domains',
    tag: CONNECTED,
    description: 'Sorted createdDate DESC.',
    response: ListConnectedDomainsResponse,
    errors: [[400, VALIDATION]],
  },
  'DELETE /domains/v1/connected-domains/{connectedDomainId}': {
    summary: 'Delete Connected Domain',
    tag: CONNECTED,
    response: Empty,
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domain-setup-info/{connectedDomainId}': {
    summary: 'Get Connected Domain Setup Info',
    tag: CONNECTED,
    description:
      'The records the owner must set at the registrar: nameserverRecord, pointingRecords or subdomainRecords by connection type.',
    response: SetupInfoResponse,
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
};
