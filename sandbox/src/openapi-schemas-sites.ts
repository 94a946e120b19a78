import {
  DATE,
  GUID,
  VALIDATION,
  arr,
  bool,
  enumOf,
  int,
  nullable,
  obj,
  ref,
  str,
  type JsonSchema,
  type OperationSpec,
} from './openapi-kit.js';

/** Schemas of the Sites (CONTRACT §3) and Accounts (§4) APIs. */
const NAMESPACES = [
  'UNKNOWN_NAMESPACE',
  'WIX',
  'SHOUT_OUT',
  'ALBUMS',
  'WIX_STORES_TEST_DRIVE',
  'HOTELS',
  'CLUBS',
  'ONBOARDING_DRAFT',
  'DEV_SITE',
  'LOGOS',
  'VIDEO_MAKER',
  'PARTNER_DASHBOARD',
  'DEV_CENTER_COMPANY',
  'HTML_DRAFT',
  'SITELESS_BUSINESS',
  'CREATOR_ECONOMY',
  'DASHBOARD_FIRST',
  'ANYWHERE',
  'HEADLESS',
  'ACCOUNT_MASTER_CMS',
  'RISE',
  'BRANDED_FIRST',
];

export const siteComponents: Record<string, JsonSchema> = {
  Site: obj(
    {
      id: GUID,
      htmlAppId: GUID,
      name: str(),
      displayName: str(),
      createdDate: DATE,
      updatedDate: DATE,
      trashedDate: DATE,
      published: bool(),
      premium: bool('Has an ENABLED Premium plan'),
      viewUrl: str(),
      editUrl: str(),
      thumbnail: str(),
      ownerAccountId: GUID,
      contributorAccountIds: arr(GUID, { maxItems: 1000 }),
      editorType: enumOf(['UNKNOWN', 'EDITOR', 'ADI', 'EDITORX', 'STUDIO']),
      blocked: bool(),
      folderId: GUID,
      namespace: enumOf(NAMESPACES),
      domainConnected: bool(),
    },
    ['id', 'name', 'displayName', 'createdDate', 'ownerAccountId', 'published', 'premium'],
  ),
  SiteQuery: obj(
    {
      filter: {
        type: 'object',
        description:
          'Filters: id, folderId, editorType, appIds, premium, published, namespace, name/searchPhrase, state, domainConnected',
      },
      sort: arr(
        obj(
          {
            fieldName: enumOf(['createdDate', 'trashedDate', 'updatedDate', 'displayName']),
            order: enumOf(['ASC', 'DESC']),
          },
          ['fieldName'],
          false,
        ),
      ),
      cursorPaging: obj({ limit: int({ minimum: 1, maximum: 100 }), cursor: nullable(str()) }, [], false),
    },
    [],
    false,
  ),
  SiteListMetadata: obj({ count: int({ minimum: 0 }), cursors: obj({ next: nullable(str()) }), hasNext: bool() }, [
    'count',
  ]),
  Account: obj(
    {
      accountId: GUID,
      slug: str(),
      accountName: str(),
      status: enumOf(['ACTIVE', 'BLOCKED', 'DELETED']),
      accountOwner: str(),
      accountProperties: obj({
        isTeam: bool(),
        accountImg: str(),
        accountBanner: str(),
        accountLogo: str(),
        coBranding: enumOf(['None', 'CoBranded', 'CoBranded_Customer_New', 'CoBranded_Customer_Existing']),
        websiteUrl: str(),
        parentAccountId: GUID,
      }),
      dateCreated: DATE,
      dateUpdated: DATE,
    },
    ['accountId'],
  ),
  OffsetPagingMetadata: obj(
    {
      count: int({ minimum: 0 }),
      offset: int({ minimum: 0 }),
      total: int({ minimum: 0 }),
      tooManyToCount: bool(),
      hasNext: bool(),
    },
    ['count'],
  ),
  NewAccountUser: obj(
    {
      email: obj({ emailAddress: str(), isVerified: bool() }, ['emailAddress'], false),
      ssoIdentities: arr(obj({ ssoId: str(), userId: str() }, [], false)),
      userDetails: obj(
        {
          firstName: str(),
          lastName: str(),
          profilePictureUrl: str(),
          language: str({ description: 'ISO-639-1' }),
          clientIp: str(),
        },
        [],
        false,
      ),
    },
    ['email'],
    false,
  ),
};

const SITES = 'sites';
const ACCOUNTS = 'accounts';

/** Sites and Accounts operations, keyed `METHOD /path/{param}`. */
export const siteOperations: Record<string, OperationSpec> = {
  'POST /site-list/v2/sites/query': {
    summary: 'Query Sites',
    tag: SITES,
    description:
      'Sites of the wix-account-id account, of the WIX namespace unless the filter names `namespace`. Cursor paging only (default 50, max 100 per page, 1,000 sites in all).',
    body: obj({ query: ref('SiteQuery') }, [], false),
    response: obj(
      {
        sites: arr(ref('Site')),
        cursorPaging: {
          type: 'object',
          description: 'Deprecated mirror of the cursor, kept because Wix still sends it',
        },
        metadata: ref('SiteListMetadata'),
      },
      ['sites', 'metadata'],
    ),
    errors: [[400, VALIDATION]],
  },
  'POST /site-list/v2/sites/count': {
    summary: 'Count Sites',
    tag: SITES,
    description: 'Same filters as Query Sites except premium and appIds.',
    body: obj({ filter: { type: 'object' } }, [], false),
    response: obj({ count: int({ minimum: 0 }) }, ['count']),
    errors: [[400, VALIDATION]],
  },
  'POST /funnel/projects/v1/create': {
    summary: 'Create Project',
    tag: SITES,
    description: 'Creates a site (project) in the wix-account-id account.',
    body: obj(
      {
        type: enumOf(['WIX', 'VIBE', 'HEADLESS', 'BRANDED_APP']),
        templateId: str(),
        apps: arr(str()),
        displayName: str(),
      },
      ['type'],
      false,
    ),
    bodyRequired: true,
    response: obj(
      {
        project: obj({ metaSiteId: GUID, siteId: GUID, templateId: nullable(str()), apps: arr(str()) }, [
          'metaSiteId',
          'siteId',
        ]),
      },
      ['project'],
    ),
    errors: [[400, VALIDATION]],
  },
  'POST /site-actions/v1/sites/duplicate': {
    summary: 'Duplicate Site',
    tag: SITES,
    description: 'Copies a site (no domain, no Premium) in the same account.',
    body: obj({ sourceSiteId: str(), siteDisplayName: str() }, ['sourceSiteId', 'siteDisplayName'], false),
    bodyRequired: true,
    response: obj({ newSiteId: GUID }, ['newSiteId']),
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
    ],
  },
  'POST /site-actions/v1/bulk/sites/delete': {
    summary: 'Bulk Delete Sites',
    tag: SITES,
    description:
      'Moves 1–20 sites to the trash. Per-item failures (200 answer): SITE_NOT_FOUND, PREMIUM_NOT_PERMITTED.',
    body: obj({ ids: arr(str(), { minItems: 1, maxItems: 20 }) }, ['ids'], false),
    bodyRequired: true,
    response: obj(
      {
        results: arr(
          obj(
            {
              itemMetadata: obj(
                {
                  id: str(),
                  originalIndex: {
                    type: ['string', 'integer'],
                    description: 'Rendered as a string, as in Wix’s example',
                  },
                  success: bool(),
                  error: nullable(obj({ code: str(), description: str() }, ['code'])),
                },
                ['id', 'originalIndex', 'success'],
              ),
            },
            ['itemMetadata'],
          ),
        ),
        bulkActionMetadata: obj({ totalSuccesses: int({ minimum: 0 }), totalFailures: int({ minimum: 0 }) }, [
          'totalSuccesses',
          'totalFailures',
        ]),
      },
      ['results', 'bulkActionMetadata'],
    ),
    errors: [[400, VALIDATION]],
  },
  'POST /accounts/v1/accounts/create': {
    summary: 'Create Account',
    tag: ACCOUNTS,
    description:
      'Creates a child account of the wix-account-id account, owned by a new user (even when the email already has a Wix user).',
    body: obj({ user: ref('NewAccountUser'), roles: arr(str()) }, ['user'], false),
    bodyRequired: true,
    response: obj({ account: obj({ accountId: GUID }, ['accountId']) }, ['account']),
    errors: [[400, VALIDATION]],
  },
  'POST /accounts/v1/accounts/create-as-collaborator': {
    summary: 'Create Account As Collaborator',
    tag: ACCOUNTS,
    description:
      'Creates a child account whose user becomes a collaborator of a site of the wix-account-id account. Path and body are the sandbox’s choice (UNCONFIRMED upstream).',
    body: obj({ user: ref('NewAccountUser'), siteId: str(), roles: arr(str()) }, ['user', 'siteId'], false),
    bodyRequired: true,
    response: obj({ account: obj({ accountId: GUID }, ['accountId']) }, ['account']),
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
    ],
  },
  'GET /accounts/v1/accounts/{accountId}': {
    summary: 'Get Account',
    tag: ACCOUNTS,
    response: obj({ account: ref('Account') }, ['account']),
    errors: [
      [400, VALIDATION],
      [404, 'ACCOUNT_NOT_FOUND'],
    ],
  },
  'GET /accounts/v1/account/child-accounts': {
    summary: 'List Child Accounts',
    tag: ACCOUNTS,
    query: [
      { name: 'paging.limit', schema: int({ minimum: 1, maximum: 50 }), description: 'Default 20, max 50' },
      { name: 'paging.offset', schema: int({ minimum: 0 }) },
    ],
    response: obj(
      { childAccounts: arr(obj({ accountId: GUID }, ['accountId'])), pagingMetadata: ref('OffsetPagingMetadata') },
      ['childAccounts', 'pagingMetadata'],
    ),
    errors: [[400, VALIDATION]],
  },
};
