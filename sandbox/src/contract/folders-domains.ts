import { z } from 'zod/v4';
import { DATE, EMPTY, GUID, SiteInfo } from './common.js';

/**
 * The wire shapes of Site Folders (CONTRACT §13), Publish / Unpublish Site (§14), Domain Assignments (§15) and DNS
 * Propagation (§16), written once: the sandbox validates requests with them and builds its OpenAPI schemas from them
 * (contract/json-schema.ts), and the gateway's data sources take their types from them (`z.infer`).
 * Request bodies are open (Wix ignores unknown fields); resources and answers are strict (a stray field is a bug).
 */

// §13 Site Folders
export const Folder = z.strictObject({
  id: GUID,
  name: z.string(),
  parentId: GUID.optional(),
  path: z.array(z.strictObject({ id: GUID, name: z.string() })).max(50),
  siteCount: z.number().int().min(0),
  createdDate: DATE,
  updatedDate: DATE,
});
const FolderName = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
export const CreateFolderRequest = z.looseObject({
  folder: z.looseObject({ name: FolderName, parentId: GUID.optional() }),
});
export const UpdateFolderRequest = z.looseObject({ folder: z.looseObject({ name: FolderName }) });
export const FolderResponse = z.strictObject({ folder: Folder });
export const FolderBySiteResponse = z.strictObject({ folder: z.union([Folder, EMPTY]) });
export const MoveFoldersRequest = z.looseObject({
  folderIds: z.array(GUID).min(1, 'is required').max(1000, 'at most 1000 items'),
  targetFolderId: GUID.optional(),
});
export const MoveSitesToFolderRequest = z.looseObject({
  sites: z.looseObject({ siteIds: z.array(GUID).min(1, 'is required').max(500, 'at most 500 items') }),
  targetFolderId: GUID.optional(),
});
export const QueryFoldersRequest = z.looseObject({
  query: z
    .looseObject({
      filter: z.record(z.string(), z.unknown()).optional(),
      cursorPaging: z
        .looseObject({ limit: z.number().int().min(1).max(100).optional(), cursor: z.string().optional() })
        .optional(),
    })
    .optional(),
});
export const QueryFoldersResponse = z.strictObject({
  folders: z.array(Folder),
  pagingMetadata: z.strictObject({
    count: z.number().int().min(0),
    cursors: z.strictObject({ next: z.string().optional() }),
    hasNext: z.boolean(),
  }),
});
export const Empty = EMPTY;

// §15 Domain Assignments
export const DomainAssignment = z.strictObject({
  id: z.string(),
  domain: z.string(),
  siteInfo: SiteInfo,
  createdDate: DATE,
  updatedDate: DATE,
});
export const UpsertDomainAssignmentRequest = z.looseObject({
  domainAssignment: z.looseObject({
    domain: z.string().min(1, 'is required'),
    siteInfo: z.looseObject({ id: GUID, assignmentType: z.enum(['PRIMARY', 'REDIRECT']).default('PRIMARY') }),
  }),
});
export const DomainAssignmentResponse = z.strictObject({ domainAssignment: DomainAssignment });
export const ListDomainAssignmentsResponse = z.strictObject({
  domainAssignments: z.array(DomainAssignment),
  pagingMetadata: z.strictObject({
    count: z.number().int().min(0),
    cursors: z.strictObject({ next: z.string().nullable(), prev: z.string().nullable() }),
    hasNext: z.boolean(),
  }),
});

// §16 DNS Propagation
const RecordInfo = z.strictObject({
  expectedDnsRecords: z.array(z.record(z.string(), z.unknown())),
  actualDnsRecords: z.array(z.record(z.string(), z.unknown())),
});
export const DnsPropagation = z.strictObject({
  id: z.string(),
  domain: z.string(),
  status: z.enum(['IN_PROGRESS', 'SUCCEEDED', 'FAILED']),
  dnsResolverIncludesWixNs: z.boolean(),
  revision: z.string(),
  failureInfo: z
    .strictObject({
      invalidRecords: z.array(z.enum(['A', 'NS', 'CNAME'])),
      invalidARecordInfo: RecordInfo.optional(),
      invalidNsRecordInfo: RecordInfo.optional(),
      invalidCnameRecordInfo: RecordInfo.optional(),
    })
    .optional(),
  createdDate: DATE,
  updatedDate: DATE,
});
export const DnsPropagationResponse = z.strictObject({ dnsPropagation: DnsPropagation });

/** Wire types, for the sandbox's handlers and the gateway's data sources. */
export type WireFolder = z.infer<typeof Folder>;
export type WireQueryFoldersResponse = z.infer<typeof QueryFoldersResponse>;
export type WireDomainAssignment = z.infer<typeof DomainAssignment>;
export type WireListDomainAssignmentsResponse = z.infer<typeof ListDomainAssignmentsResponse>;
export type WireDnsPropagation = z.infer<typeof DnsPropagation>;
