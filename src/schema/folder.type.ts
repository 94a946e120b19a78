import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.type.js';

/** One folder on the way from the root to a folder. */
@ObjectType('FolderPathEntry', { description: 'A folder on the path from the root to a folder.' })
export class FolderPathEntry {
  @Field(() => ID, { description: 'Wix folder ID (GUID).' })
  wixId!: string;

  @Field(() => String, { description: 'Folder name.' })
  name!: string;
}

/** A site folder of an account. */
@ObjectType('Folder', {
  implements: Node,
  description: "A folder that groups an account's sites (Wix Site Folders API). A site is in at most one folder.",
})
export class Folder extends Node {
  @Field(() => ID, { description: 'Wix folder ID (GUID).' })
  wixId!: string;

  @Field(() => String, { description: 'Folder name (unique among its sibling folders).' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Wix ID of the parent folder; null at the root.' })
  parentWixId!: string | null;

  @Field(() => [FolderPathEntry], { description: 'The folders from the root down to the parent (empty at the root).' })
  path!: FolderPathEntry[];

  @Field(() => Int, { description: 'Number of sites in the folder (not counting sub-folders).' })
  siteCount!: number;

  @Field(() => ID, { description: 'Wix ID of the account the folder belongs to.' })
  ownerAccountId!: string;

  @Field(() => GraphQLDateTime, { description: 'When the folder was created.' })
  createdDate!: Date;

  @Field(() => GraphQLDateTime, { description: 'When the folder was last changed.' })
  updatedDate!: Date;
}

/** `FolderEdge` and `FolderConnection`. */
export const { EdgeType: FolderEdge, ConnectionType: FolderConnection } = connectionTypes('Folder', Folder, 'folder');
