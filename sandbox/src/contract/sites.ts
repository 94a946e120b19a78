import { z } from 'zod/v4';
import { ANY_OBJECT, DATE, GUID } from './common.js';

/** Sites (CONTRACT §3: Query/Count Sites, Create Project, site actions) and Accounts (§4). */
export const NAMESPACES = [
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
] as const;
export const EditorType = z.enum(['UNKNOWN', 'EDITOR', 'ADI', 'EDITORX', 'STUDIO']);

export const Site = z.strictObject({
  id: GUID,
  htmlAppId: GUID.optional(),
  name: z.string(),
  displayName: z.string(),
  createdDate: DATE,
  updatedDate: DATE.optional(),
  trashedDate: DATE.optional(),
  published: z.boolean(),
  premium: z.boolean().describe('Has an ENABLED Premium plan'),
  viewUrl: z.string().optional(),
  editUrl: z.string().optional(),
  thumbnail: z.string().optional(),
  ownerAccountId: GUID,
  contributorAccountIds: z.array(GUID).max(1000).optional(),
  editorType: EditorType.optional(),
  blocked: z.boolean().optional(),
  folderId: GUID.optional(),
  namespace: z.enum(NAMESPACES).optional(),
  domainConnected: z.boolean().optional(),
});

const CursorPaging = z.looseObject({
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().nullable().optional(),
});
export const SiteQuery = z.looseObject({
  filter: ANY_OBJECT.optional().describe(
    'Filters: id, folderId, editorType, appIds, premium, published, namespace, name/searchPhrase, state, domainConnected',
  ),
  sort: z
    .array(
      z.looseObject({
        fieldName: z.enum(['createdDate', 'trashedDate', 'updatedDate', 'displayName']),
        order: z.enum(['ASC', 'DESC']).optional(),
      }),
    )
    .optional(),
  cursorPaging: CursorPaging.optional(),
});
export const QuerySitesRequest = z.looseObject({ query: SiteQuery.optional() });
/** Query Sites paging metadata: `{count, cursors: {next}, hasNext}`. */
export const SiteListMetadata = z.strictObject({
  count: z.number().int().min(0),
  cursors: z.strictObject({ next: z.string().nullable().optional() }).optional(),
  hasNext: z.boolean().optional(),
});
export const QuerySitesResponse = z.strictObject({
  sites: z.array(Site),
  cursorPaging: ANY_OBJECT.optional().describe('Deprecated mirror of the cursor, kept because Wix still sends it'),
  metadata: SiteListMetadata,
});
export const CountSitesRequest = z.looseObject({ filter: ANY_OBJECT.optional() });
export const CountSitesResponse = z.strictObject({ count: z.number().int().min(0) });

const required = z.string().refine((v) => v.trim() !== '', 'is required');
export const ProjectTypes = z.enum(['WIX', 'VIBE', 'HEADLESS', 'BRANDED_APP']);
export type ProjectType = z.infer<typeof ProjectTypes>;
export const CreateProjectRequest = z.looseObject({
  type: ProjectTypes,
  templateId: z.string().optional(),
  apps: z.array(z.string().min(1)).nullish(),
  displayName: z
    .string()
    .refine((v) => v.trim() !== '', 'must be a non-empty string')
    .default('My Project'),
});
export const CreateProjectResponse = z.strictObject({
  project: z.strictObject({
    metaSiteId: GUID,
    siteId: GUID,
    templateId: z.string().nullable().optional(),
    apps: z.array(z.string()).optional(),
  }),
});
export const DuplicateSiteRequest = z.looseObject({ sourceSiteId: required, siteDisplayName: required });
export const DuplicateSiteResponse = z.strictObject({ newSiteId: GUID });
export const MAX_BULK_DELETE = 20;
export const BulkDeleteSitesRequest = z.looseObject({
  ids: z
    .array(z.string().min(1, 'must contain only site IDs'))
    .min(1, `must contain 1 to ${MAX_BULK_DELETE} site IDs`)
    .max(MAX_BULK_DELETE, `must contain 1 to ${MAX_BULK_DELETE} site IDs`),
});
export const BulkDeleteSitesResponse = z.strictObject({
  results: z.array(
    z.strictObject({
      itemMetadata: z.strictObject({
        id: z.string(),
        originalIndex: z.union([z.string(), z.number().int()]).describe('Rendered as a string, as in Wix’s example'),
        success: z.boolean(),
        error: z.strictObject({ code: z.string(), description: z.string().optional() }).nullable().optional(),
      }),
    }),
  ),
  bulkActionMetadata: z.strictObject({
    totalSuccesses: z.number().int().min(0),
    totalFailures: z.number().int().min(0),
  }),
});

// §4 Accounts
export const Account = z.strictObject({
  accountId: GUID,
  slug: z.string().optional(),
  accountName: z.string().optional(),
  status: z.enum(['ACTIVE', 'BLOCKED', 'DELETED']).optional(),
  accountOwner: z.string().optional(),
  accountProperties: z
    .strictObject({
      isTeam: z.boolean().optional(),
      accountImg: z.string().optional(),
      accountBanner: z.string().optional(),
      accountLogo: z.string().optional(),
      coBranding: z.enum(['None', 'CoBranded', 'CoBranded_Customer_New', 'CoBranded_Customer_Existing']).optional(),
      websiteUrl: z.string().optional(),
      parentAccountId: GUID.optional(),
    })
    .optional(),
  dateCreated: DATE.optional(),
  dateUpdated: DATE.optional(),
});
export const NewAccountUser = z.looseObject({
  email: z.looseObject({
    emailAddress: z
      .string()
      .min(1, 'is required')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
    isVerified: z.boolean().optional(),
  }),
  ssoIdentities: z.array(z.looseObject({ ssoId: z.string().optional(), userId: z.string().optional() })).optional(),
  userDetails: z
    .looseObject({
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
      profilePictureUrl: z.string().nullish(),
      language: z
        .string()
        .regex(/^[a-z]{2}$/i, 'must be an ISO-639-1 code')
        .nullish()
        .describe('ISO-639-1'),
      clientIp: z.string().nullish(),
    })
    .nullish(),
});
const Roles = z.array(z.string().min(1)).optional();
export const CreateAccountRequest = z.looseObject({ user: NewAccountUser, roles: Roles });
export const CreateAccountAsCollaboratorRequest = z.looseObject({
  user: NewAccountUser,
  siteId: z.string().min(1, 'is required'),
  roles: Roles,
});
export const CreateAccountResponse = z.strictObject({ account: z.strictObject({ accountId: GUID }) });
export const GetAccountResponse = z.strictObject({ account: Account });
export const OffsetPagingMetadata = z.strictObject({
  count: z.number().int().min(0),
  offset: z.number().int().min(0).optional(),
  total: z.number().int().min(0).optional(),
  tooManyToCount: z.boolean().optional(),
  hasNext: z.boolean().optional(),
});
export const ListChildAccountsResponse = z.strictObject({
  childAccounts: z.array(z.strictObject({ accountId: GUID })),
  pagingMetadata: OffsetPagingMetadata,
});

export type WireSite = z.infer<typeof Site>;
export type WireQuerySitesResponse = z.infer<typeof QuerySitesResponse>;
export type WireSiteListMetadata = z.infer<typeof SiteListMetadata>;
export type WireAccount = z.infer<typeof Account>;
export type WireGetAccountResponse = z.infer<typeof GetAccountResponse>;
export type WireListChildAccountsResponse = z.infer<typeof ListChildAccountsResponse>;
export type WireCreateAccountResponse = z.infer<typeof CreateAccountResponse>;
export type WireCreateProjectResponse = z.infer<typeof CreateProjectResponse>;
export type WireBulkDeleteSitesResponse = z.infer<typeof BulkDeleteSitesResponse>;
