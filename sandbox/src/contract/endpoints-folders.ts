import {
  DnsPropagationResponse,
  Empty,
  DomainAssignmentResponse,
  FolderBySiteResponse,
  FolderResponse,
  ListDomainAssignmentsResponse,
  QueryFoldersResponse,
} from './folders-domains.js';
import { VALIDATION, type Endpoint } from './endpoint.js';

/**
 * Endpoints of Site Folders (CONTRACT §13), Publish / Unpublish Site (§14), Domain Assignments (§15) and DNS
 * Propagation (§16).
 */

const FOLDERS = 'site-folders';
const SITES = 'sites';
const ASSIGNMENTS = 'domain-assignments';
const PROPAGATION = 'dns-propagation';

const folderNotFound: [number, string] = [404, 'FOLDER_NOT_FOUND'];
const assignmentNotFound: [number, string] = [404, 'DOMAIN_ASSIGNMENT_NOT_FOUND'];

export const folderEndpoints: Record<string, Endpoint> = {
  'POST /site-folders/v2/folders': {
    summary: 'Create Folder',
    tag: FOLDERS,
    description: 'Creates a folder of the wix-account-id account, at the root or under `parentId`.',
    bodyRequired: true,
    response: FolderResponse,
    errors: [[400, VALIDATION], folderNotFound, [409, 'FOLDER_ALREADY_EXISTS']],
  },
  'PATCH /site-folders/v2/folders/{id}': {
    summary: 'Update Folder',
    tag: FOLDERS,
    description: 'Renames a folder.',
    bodyRequired: true,
    response: FolderResponse,
    errors: [[400, VALIDATION], folderNotFound, [409, 'FOLDER_ALREADY_EXISTS']],
  },
  'DELETE /site-folders/v2/folders/{folderId}': {
    summary: 'Delete Folder',
    tag: FOLDERS,
    description: 'Deletes a folder; its sites and sub-folders move to its parent (sandbox choice).',
    response: Empty,
    errors: [folderNotFound],
  },
  'GET /site-folders/v2/folders/sites/{siteId}': {
    summary: 'Get Folder By Site',
    tag: FOLDERS,
    description: 'The folder that holds the site; an empty object for a root-level site.',
    response: FolderBySiteResponse,
    errors: [[404, 'SITE_NOT_FOUND']],
  },
  'PATCH /site-folders/v2/folders/bulk/move': {
    summary: 'Move Folders',
    tag: FOLDERS,
    description: 'Moves up to 1,000 folders under `targetFolderId` (absent = root).',
    bodyRequired: true,
    response: Empty,
    errors: [[400, VALIDATION, 'INVALID_FOLDER_MOVE'], folderNotFound],
  },
  'POST /site-folders/v2/folders/bulk/sites/move': {
    summary: 'Move Sites To Folder',
    tag: FOLDERS,
    description: 'Moves up to 500 sites into `targetFolderId` (absent = root).',
    bodyRequired: true,
    response: Empty,
    errors: [[400, VALIDATION], folderNotFound, [404, 'SITE_NOT_FOUND']],
  },
  'POST /site-folders/v2/folders/query': {
    summary: 'Query Folders',
    tag: FOLDERS,
    description:
      'Folders of the account (filters id, name, parentId; cursor paging, default 50, max 100; 1,000 in all).',
    response: QueryFoldersResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /site-actions/v1/sites/publish': {
    summary: 'Publish Site',
    tag: SITES,
    description: 'Publishes the wix-site-id site (again: pushes its latest saved changes live).',
    siteHeader: true,
    response: Empty,
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
    ],
  },
  'PUT /site-actions/v1/sites/unpublish': {
    summary: 'Unpublish Site',
    tag: SITES,
    description: 'Takes the wix-site-id site offline; it must be published.',
    siteHeader: true,
    response: Empty,
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
      [428, 'SITE_NOT_PUBLISHED'],
    ],
  },
  'POST /domains/v1/domain-assignments': {
    summary: 'Upsert Domain Assignment',
    tag: ASSIGNMENTS,
    description: 'Assigns one of the account’s domains to a Premium site as PRIMARY or REDIRECT, or moves a redirect.',
    bodyRequired: true,
    response: DomainAssignmentResponse,
    errors: [
      [400, VALIDATION],
      [404, 'DOMAIN_NOT_FOUND', 'SITE_NOT_FOUND'],
      [428, 'DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE', 'SITE_NOT_PREMIUM', 'TOO_MANY_REDIRECTS'],
    ],
  },
  'GET /domains/v1/domain-assignments/{domainAssignmentId}': {
    summary: 'Get Domain Assignment',
    tag: ASSIGNMENTS,
    response: DomainAssignmentResponse,
    errors: [assignmentNotFound],
  },
  'DELETE /domains/v1/domain-assignments/{domainAssignmentId}': {
    summary: 'Delete Domain Assignment',
    tag: ASSIGNMENTS,
    description: 'Unassigns the domain; for a primary domain, every assignment of its site.',
    response: Empty,
    errors: [assignmentNotFound],
  },
  'PATCH /domains/v1/domain-assignments/{domainAssignmentId}': {
    summary: 'Set Domain As Primary',
    tag: ASSIGNMENTS,
    description: 'The old primary becomes a redirect; every redirect of the site points at the new primary.',
    response: DomainAssignmentResponse,
    errors: [assignmentNotFound],
  },
  'GET /domains/v1/domain-assignments': {
    summary: 'List Domain Assignments',
    tag: ASSIGNMENTS,
    description: 'Assignments of the `siteIds` sites, by ID ascending; no siteIds = none.',
    response: ListDomainAssignmentsResponse,
    errors: [[400, VALIDATION]],
  },
  'GET /premium/domains/v1/dns-propagations/{dnsPropagationId}': {
    summary: 'Get DNS Propagation',
    tag: PROPAGATION,
    response: DnsPropagationResponse,
    errors: [[404, 'DNS_PROPAGATION_NOT_FOUND']],
  },
};
