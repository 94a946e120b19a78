import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { Folder as FolderModel } from '../model/folder.js';
import { Folder } from '../schema/folder.type.js';

/** The fields of Folder beyond its plain ones: its parent folder (batched with every other folder of the request). */
@Resolver(() => Folder)
export class FolderResolver {
  @FieldResolver(() => Folder, { nullable: true, description: 'The parent folder; null at the root.' })
  async parent(@Root() folder: FolderModel, @Ctx() ctx: GatewayContext): Promise<FolderModel | null> {
    if (!folder.parentWixId) return null;
    return (await ctx.scope(folder.ownerAccountId)).siteFolders.byId.load(folder.parentWixId);
  }
}
