import { Field, ID, ObjectType } from 'type-graphql';
import { Folder } from './folder.type.js';
import { Site } from './site.type.js';
import { UserError } from './user-error.type.js';

const USER_ERRORS =
  "Why the mutation did not do what was asked (empty on success). Codes are Wix's (e.g. FOLDER_ALREADY_EXISTS, FOLDER_NOT_FOUND, SITE_NOT_PUBLISHED) or the gateway's (IDEMPOTENCY_CONFLICT, IDEMPOTENCY_IN_PROGRESS).";

/** Result of createFolder and updateFolder. */
@ObjectType('FolderPayload', { description: 'Result of createFolder and updateFolder.' })
export class FolderPayload {
  @Field(() => Folder, { nullable: true, description: 'The folder as Wix answered it; null when nothing was done.' })
  folder!: Folder | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of deleteFolder. */
@ObjectType('DeleteFolderPayload', { description: 'Result of deleteFolder.' })
export class DeleteFolderPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted folder; null when nothing was deleted.' })
  deletedFolderId!: string | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of moveSitesToFolder. */
@ObjectType('MoveSitesToFolderPayload', { description: 'Result of moveSitesToFolder.' })
export class MoveSitesToFolderPayload {
  @Field(() => [Site], { nullable: true, description: 'The moved sites, read again; null when nothing moved.' })
  sites!: Site[] | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of publishSite and unpublishSite. */
@ObjectType('PublishSitePayload', { description: 'Result of publishSite and unpublishSite.' })
export class PublishSitePayload {
  @Field(() => Site, { nullable: true, description: 'The site, read again after the change; null when it failed.' })
  site!: Site | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
