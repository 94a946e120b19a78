import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { Site as SiteModel } from '../model/site.js';
import {
  CreateFolderInput,
  DeleteFolderInput,
  MoveSitesToFolderInput,
  PublishSiteInput,
  UpdateFolderInput,
} from '../schema/folder-mutations.input.js';
import {
  DeleteFolderPayload,
  FolderPayload,
  MoveSitesToFolderPayload,
  PublishSitePayload,
} from '../schema/folder-mutations.payload.js';
import { toGlobalId } from '../schema/node.type.js';
import { FOLDER_ERRORS, PUBLISH_ERRORS } from '../user-errors/sites.js';
import { accountScopeOf } from './account-input.js';
import { runMutation } from './mutation-runner.js';
import { wixIdOf } from './ids.js';

/**
 * Site folder writes (Wix Site Folders API) and Publish / Unpublish Site: single upstream writes, once per
 * idempotency key (a replay answers the first payload without calling Wix), expected refusals as user errors.
 */
@Resolver()
export class SiteFolderMutationsResolver {
  @RequiresScope('write')
  @Mutation(() => FolderPayload, {
    description:
      'Create a site folder at the root or inside another folder (Wix Create Folder). Once per idempotency key.',
  })
  async createFolder(
    @Arg('input', () => CreateFolderInput, { description: 'The folder to create.' }) input: CreateFolderInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<FolderPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const parentId = input.parentId ? wixIdOf(input.parentId, 'Folder', 'input.parentId') : null;
    const empty = (): FolderPayload => ({ folder: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'createFolder',
      key: input.idempotencyKey,
      input,
      errors: FOLDER_ERRORS,
      empty,
      write: async () => ({
        folder: await scope.siteFolders.create(input.name, parentId),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => FolderPayload, { description: 'Rename a site folder (Wix Update Folder). Once per idempotency key.' })
  async updateFolder(
    @Arg('input', () => UpdateFolderInput, { description: 'The folder and its new name.' }) input: UpdateFolderInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<FolderPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const folderId = wixIdOf(input.folderId, 'Folder', 'input.folderId');
    const empty = (): FolderPayload => ({ folder: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'updateFolder',
      key: input.idempotencyKey,
      input,
      errors: FOLDER_ERRORS,
      empty,
      write: async () => ({
        folder: await scope.siteFolders.rename(folderId, input.name),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => DeleteFolderPayload, {
    description:
      'Delete a site folder (Wix Delete Folder); its sites and sub-folders stay in the account. Once per idempotency key.',
  })
  async deleteFolder(
    @Arg('input', () => DeleteFolderInput, { description: 'The folder to delete.' }) input: DeleteFolderInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DeleteFolderPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const folderId = wixIdOf(input.folderId, 'Folder', 'input.folderId');
    const empty = (): DeleteFolderPayload => ({ deletedFolderId: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'deleteFolder',
      key: input.idempotencyKey,
      input,
      errors: FOLDER_ERRORS,
      empty,
      write: async () => {
        await scope.siteFolders.delete(folderId);
        return { deletedFolderId: toGlobalId('Folder', folderId), userErrors: [] };
      },
    });
  }

  @RequiresScope('write')
  @Mutation(() => MoveSitesToFolderPayload, {
    description:
      'Move up to 500 sites into a folder, or to the root without one (Wix Move Sites To Folder). Once per idempotency key.',
  })
  async moveSitesToFolder(
    @Arg('input', () => MoveSitesToFolderInput, { description: 'The sites and where they go.' })
    input: MoveSitesToFolderInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<MoveSitesToFolderPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const siteIds = input.siteIds.map((id, i) => wixIdOf(id, 'Site', `input.siteIds[${i}]`));
    const folderId = input.folderId ? wixIdOf(input.folderId, 'Folder', 'input.folderId') : null;
    const empty = (): MoveSitesToFolderPayload => ({ sites: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'moveSitesToFolder',
      key: input.idempotencyKey,
      input,
      errors: FOLDER_ERRORS,
      empty,
      write: async () => {
        await scope.siteFolders.moveSites(siteIds, folderId);
        scope.sites.byId.clearAll();
        const sites = await scope.sites.byId.loadMany(siteIds);
        return { sites: sites.filter((s): s is SiteModel => s !== null && !(s instanceof Error)), userErrors: [] };
      },
    });
  }

  @RequiresScope('write')
  @Mutation(() => PublishSitePayload, {
    description: 'Publish a site: its saved changes go live (Wix Publish Site). Once per idempotency key.',
  })
  async publishSite(
    @Arg('input', () => PublishSiteInput, { description: 'The site to publish.' }) input: PublishSiteInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<PublishSitePayload> {
    return this.publication(ctx, input, 'publishSite');
  }

  @RequiresScope('write')
  @Mutation(() => PublishSitePayload, {
    description:
      'Take a published site offline (Wix Unpublish Site); SITE_NOT_PUBLISHED when it is offline already. Once per idempotency key.',
  })
  async unpublishSite(
    @Arg('input', () => PublishSiteInput, { description: 'The site to take offline.' }) input: PublishSiteInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<PublishSitePayload> {
    return this.publication(ctx, input, 'unpublishSite');
  }

  private async publication(
    ctx: GatewayContext,
    input: PublishSiteInput,
    mutation: 'publishSite' | 'unpublishSite',
  ): Promise<PublishSitePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const siteId = wixIdOf(input.siteId, 'Site', 'input.siteId');
    const empty = (): PublishSitePayload => ({ site: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: mutation,
      key: input.idempotencyKey,
      input,
      errors: PUBLISH_ERRORS,
      empty,
      write: async () => {
        if (mutation === 'publishSite') await scope.siteActions.publish(siteId);
        else await scope.siteActions.unpublish(siteId);
        scope.sites.byId.clear(siteId);
        return { site: await scope.sites.byId.load(siteId), userErrors: [] };
      },
    });
  }
}
