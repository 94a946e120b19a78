import type { UserErrorSpec } from './spec.js';

/**
 * User errors of Site Folders (CONTRACT §13), Publish / Unpublish Site (§14) and Domain Assignments (§15). Wix documents statuses but not codes
 * for these; the codes are the sandbox's (docs/wix-api-contract.md §13, §14). Fields are relative to `input`.
 */
const spec = (message: string, field: string | null): UserErrorSpec => ({ message, field });

/** createFolder, updateFolder, deleteFolder, moveSitesToFolder. */
export const FOLDER_ERRORS: Record<string, UserErrorSpec> = {
  FOLDER_ALREADY_EXISTS: spec('A folder with this name already exists in the same place.', 'name'),
  FOLDER_NOT_FOUND: spec('The account has no such folder.', 'folderId'),
  INVALID_FOLDER_MOVE: spec('A folder cannot move into itself or below itself.', 'folderId'),
  SITE_NOT_FOUND: spec('A site is not in this account.', 'siteIds'),
};

/** publishSite, unpublishSite. */
export const PUBLISH_ERRORS: Record<string, UserErrorSpec> = {
  SITE_NOT_FOUND: spec('The account has no such site.', 'siteId'),
  SITE_NOT_PUBLISHED: spec('The site is not published, so it cannot be taken offline.', 'siteId'),
};

/** assignDomain, setPrimaryDomain, unassignDomain (codes: docs/wix-api-contract.md §15). */
export const ASSIGNMENT_ERRORS: Record<string, UserErrorSpec> = {
  DOMAIN_NOT_FOUND: spec('The account has not connected or registered this domain.', 'domain'),
  DOMAIN_ASSIGNMENT_NOT_FOUND: spec('The domain is not assigned to a site.', 'domain'),
  DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE: spec(
    'The domain is the primary domain of another site; make another domain primary there first.',
    'domain',
  ),
  SITE_NOT_PREMIUM: spec('The site needs a Premium plan for a domain.', 'siteId'),
  TOO_MANY_REDIRECTS: spec('The site already has 300 redirect domains.', 'siteId'),
  SITE_NOT_FOUND: spec('The account has no such site.', 'siteId'),
};
