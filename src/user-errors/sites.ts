import type { UserErrorSpec } from './spec.js';

/**
 * User errors of Site Folders (CONTRACT §13) and Publish / Unpublish Site (§14). Wix documents statuses but not codes
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
