import {
  DATE,
  GUID,
  VALIDATION,
  arr,
  bool,
  cursorPagingParams,
  enumOf,
  int,
  nullable,
  obj,
  ref,
  str,
  type JsonSchema,
  type OperationSpec,
} from './openapi-kit.js';

/** Schemas of Domain Search (CONTRACT §5), Registered Domains (§6) and Connected Domains (§7). */
const PROPAGATION = enumOf(['UNKNOWN_DNS_PROPAGATION_STATUS', 'IN_PROGRESS', 'COMPLETED', 'FAILED']);
const HOST_RECORD = (values: 'values' | 'value') =>
  obj({ hostName: str(), ttl: int({ minimum: 0 }), [values]: values === 'values' ? arr(str()) : str() }, [
    'hostName',
    values,
  ]);

export const domainComponents: Record<string, JsonSchema> = {
  Cursors: obj(
    { next: nullable(str()), prev: nullable(str()) },
    [],
    true,
    'Opaque cursors; null when the list is exhausted',
  ),
  CursorPagingMetadata: obj({ count: int({ minimum: 0 }), cursors: ref('Cursors'), hasNext: bool() }, [
    'count',
    'cursors',
    'hasNext',
  ]),
  SiteInfo: obj(
    {
      id: GUID,
      assignmentType: enumOf(['UNKNOWN_ASSIGNMENT_TYPE', 'PRIMARY', 'REDIRECT']),
      redirectInfo: obj({ primaryDomain: str() }),
    },
    [],
  ),
  ContactData: obj(
    {
      firstName: str(),
      lastName: str(),
      email: str(),
      address: str(),
      city: str(),
      subdivisionCode: str(),
      postalCode: str(),
      countryCode: str(),
      phone: str(),
      company: str(),
    },
    [],
    true,
    'Formal checks: alphanumerics with the documented lengths; subdivisionCode required for some countries',
  ),
  RegisteredDomain: obj(
    {
      id: str({ description: 'The domain name' }),
      domain: str(),
      productInstanceId: GUID,
      createdDate: DATE,
      updatedDate: DATE,
      revision: str({ pattern: '^[0-9]+$', description: 'An integer, as a string' }),
      siteInfo: ref('SiteInfo'),
      contacts: obj({ registrant: ref('ContactData'), admin: ref('ContactData'), tech: ref('ContactData') }, [
        'registrant',
      ]),
      status: enumOf(['UNKNOWN_STATUS', 'PENDING_REGISTRATION', 'ACTIVE', 'FAILED_REGISTRATION', 'CANCELED']),
      pendingRegistrationInfo: obj({ latestAttempt: obj({ number: int({ minimum: 0 }), timestamp: DATE }) }),
      failedRegistrationInfo: obj({ code: enumOf(['UNKNOWN_FAILURE_CODE', 'OTHER']), message: str() }),
      icannConfirmationStatus: enumOf(['UNKNOWN_ICANN_CONFIRMATION_STATUS', 'PENDING', 'CONFIRMED_BY_ALL', 'EXPIRED']),
      icannConfirmationStatusInfo: nullable(
        obj({
          pending: obj({ expirationDate: DATE, notConfirmedBy: arr(str()) }),
          expired: obj({ notConfirmedBy: arr(str()) }),
        }),
      ),
      dnsPropagationStatus: PROPAGATION,
      expirationDate: DATE,
    },
    ['id', 'domain', 'productInstanceId', 'status', 'createdDate', 'updatedDate', 'revision', 'contacts'],
  ),
  ConnectedDomain: obj(
    {
      id: str({ description: 'The domain name' }),
      domain: str(),
      connectionType: enumOf(
        ['UNKNOWN_CONNECTION_TYPE', 'POINTING', 'NAMESERVERS', 'HIDDEN'],
        'UNKNOWN_CONNECTION_TYPE for subdomains',
      ),
      siteInfo: ref('SiteInfo'),
      suppressNotifications: bool(),
      dnsPropagationStatus: PROPAGATION,
      createdDate: DATE,
      updatedDate: DATE,
    },
    ['id', 'domain', 'connectionType', 'dnsPropagationStatus'],
  ),
  ConnectedDomainSetupInfo: obj(
    {
      connectedDomainId: str(),
      registrar: obj({ name: nullable(str()), nameServers: arr(str()) }, ['nameServers']),
      nameserverRecord: obj({ nsRecord: HOST_RECORD('values') }, ['nsRecord'], true, 'NAMESERVERS connections only'),
      pointingRecords: obj(
        { aRecord: HOST_RECORD('values'), cnameRecord: HOST_RECORD('value') },
        ['aRecord', 'cnameRecord'],
        true,
        'POINTING connections only',
      ),
      subdomainRecords: obj({ cnameRecords: arr(HOST_RECORD('value')) }, ['cnameRecords'], true, 'Subdomains only'),
    },
    ['connectedDomainId', 'registrar'],
  ),
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
        schema: str({ minLength: 3, maxLength: 63 }),
        description: 'Domain with TLD, e.g. mydomain.com',
      },
    ],
    response: obj(
      {
        availability: obj({ domain: str(), available: bool(), premium: bool(), premiumType: str() }, [
          'domain',
          'available',
        ]),
      },
      ['availability'],
    ),
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
        schema: str({ minLength: 3, maxLength: 100 }),
        description: 'Letters, digits, spaces, dots, hyphens; no TLD',
      },
      {
        name: 'tlds',
        schema: arr(str(), { maxItems: 10 }),
        description: 'Repeat the parameter: tlds=com&tlds=net (no dot)',
      },
      ...cursorPagingParams(20),
      { name: 'limit', schema: int({ minimum: 1, maximum: 20 }), description: 'Deprecated: use paging.limit' },
      { name: 'maxLength', schema: int({ minimum: 3, maximum: 63 }), description: 'Max SLD length' },
    ],
    response: obj(
      {
        suggestions: arr(obj({ domain: str(), premium: bool() }, ['domain'])),
        pagingMetadata: ref('CursorPagingMetadata'),
      },
      ['suggestions'],
    ),
    errors: [[400, VALIDATION, 'INVALID_QUERY', 'INVALID_TLD_FORMAT', 'TLD_NOT_SUPPORTED']],
  },
  'POST /domains/v1/registered-domains': {
    summary: 'Create Registered Domain',
    tag: REGISTERED,
    description:
      'Registers a root domain with a product instance covering its TLD; PENDING_REGISTRATION, then ACTIVE or FAILED_REGISTRATION.',
    siteHeader: true,
    body: obj(
      {
        registeredDomain: obj(
          {
            domain: str(),
            productInstanceId: str(),
            contacts: obj(
              { registrant: ref('ContactData'), admin: ref('ContactData'), tech: ref('ContactData') },
              ['registrant'],
              false,
            ),
          },
          ['domain', 'productInstanceId', 'contacts'],
          false,
        ),
      },
      ['registeredDomain'],
      false,
    ),
    bodyRequired: true,
    response: obj({ registeredDomain: ref('RegisteredDomain') }, ['registeredDomain']),
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
    response: obj({ registeredDomain: ref('RegisteredDomain') }, ['registeredDomain']),
    errors: [[400, 'REGISTERED_DOMAIN_NOT_FOUND']],
  },
  'GET /domains/v1/registered-domains': {
    summary: 'List Registered Domains',
    tag: REGISTERED,
    description: 'Sorted createdDate DESC.',
    query: cursorPagingParams(100),
    response: obj({ pagingMetadata: ref('CursorPagingMetadata'), registeredDomains: arr(ref('RegisteredDomain')) }, [
      'pagingMetadata',
      'registeredDomains',
    ]),
    errors: [[400, VALIDATION]],
  },
  'POST /domains/v1/registered-domains/{registeredDomainId}/redeem': {
    summary: 'Redeem Registered Domain',
    tag: REGISTERED,
    description: 'Renews an expired domain still in redemption (up to 7 days); expirationDate moves one year on.',
    response: obj({ registeredDomain: ref('RegisteredDomain') }, ['registeredDomain']),
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
    body: obj(
      {
        connectedDomain: obj(
          {
            domain: str(),
            connectionType: enumOf(['POINTING', 'NAMESERVERS']),
            siteInfo: obj(
              {
                assignmentType: enumOf(['PRIMARY', 'REDIRECT']),
                redirectInfo: obj({ primaryDomain: str() }, [], false),
              },
              [],
              false,
            ),
            suppressNotifications: bool(),
          },
          ['domain'],
          false,
        ),
      },
      ['connectedDomain'],
      false,
    ),
    bodyRequired: true,
    response: obj({ connectedDomain: ref('ConnectedDomain') }, ['connectedDomain']),
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
    response: obj({ connectedDomain: ref('ConnectedDomain') }, ['connectedDomain']),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domains': {
    summary: 'List Connected Domains',
    tag: CONNECTED,
    description: 'Sorted createdDate DESC.',
    query: cursorPagingParams(100),
    response: obj({ pagingMetadata: ref('CursorPagingMetadata'), connectedDomains: arr(ref('ConnectedDomain')) }, [
      'pagingMetadata',
      'connectedDomains',
    ]),
    errors: [[400, VALIDATION]],
  },
  'DELETE /domains/v1/connected-domains/{connectedDomainId}': {
    summary: 'Delete Connected Domain',
    tag: CONNECTED,
    response: obj({}),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
  'GET /domains/v1/connected-domain-setup-info/{connectedDomainId}': {
    summary: 'Get Connected Domain Setup Info',
    tag: CONNECTED,
    description:
      'The records the owner must set at the registrar: nameserverRecord, pointingRecords or subdomainRecords by connection type.',
    response: obj({ connectedDomainSetupInfo: ref('ConnectedDomainSetupInfo') }, ['connectedDomainSetupInfo']),
    errors: [...CONNECTED_LOOKUP_ERRORS, [404, 'NOT_FOUND']],
  },
};
