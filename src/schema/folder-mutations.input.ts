import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { KeyedAccountInput } from './mutation-base.input.js';
import { IsWixIdOf } from './wix-id.validator.js';

/** Input of createFolder. */
@InputType('CreateFolderInput', { description: 'Create a site folder (Wix Create Folder).' })
export class CreateFolderInput extends KeyedAccountInput {
  @Field(() => String, { description: 'Folder name (1–100 characters, unique among its siblings).' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent folder (Folder global ID or Wix GUID); absent: the root.' })
  @IsOptional()
  @IsWixIdOf('Folder')
  parentId?: string | null;
}

/** Input of updateFolder. */
@InputType('UpdateFolderInput', { description: 'Rename a site folder (Wix Update Folder).' })
export class UpdateFolderInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The folder (Folder global ID or Wix GUID).' })
  @IsWixIdOf('Folder')
  folderId!: string;

  @Field(() => String, { description: 'New name (1–100 characters, unique among its siblings).' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

/** Input of deleteFolder. */
@InputType('DeleteFolderInput', { description: 'Delete a site folder (Wix Delete Folder).' })
export class DeleteFolderInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The folder (Folder global ID or Wix GUID).' })
  @IsWixIdOf('Folder')
  folderId!: string;
}

/** Input of moveSitesToFolder. */
@InputType('MoveSitesToFolderInput', {
  description: 'Move sites into a folder or to the root (Wix Move Sites To Folder).',
})
export class MoveSitesToFolderInput extends KeyedAccountInput {
  @Field(() => [ID], { description: 'The sites (Site global IDs or Wix GUIDs), 1–500.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsWixIdOf('Site', { each: true })
  siteIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Target folder (Folder global ID or Wix GUID); absent: the root.' })
  @IsOptional()
  @IsWixIdOf('Folder')
  folderId?: string | null;
}

/** Input of publishSite and unpublishSite. */
@InputType('PublishSiteInput', { description: 'The site to publish or take offline (Wix Publish / Unpublish Site).' })
export class PublishSiteInput extends KeyedAccountInput {
  @Field(() => ID, { description: 'The site (Site global ID or Wix site GUID), of the request’s account tree.' })
  @IsWixIdOf('Site')
  siteId!: string;
}
