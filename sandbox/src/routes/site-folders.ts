import type { z } from 'zod/v4';
import {
  CreateFolderRequest,
  MoveFoldersRequest,
  MoveSitesToFolderRequest,
  QueryFoldersRequest,
  UpdateFolderRequest,
} from '../contract/folders-domains.js';
import { appError, invalidField } from '../errors.js';
import { compileFilter, decodeCursor, encodeCursor, type QuerySpec } from '../query.js';
import { withBody, type RouteContext, type RouteDef } from '../router.js';
import type { Folder } from '../types.js';
import type { World } from '../world.js';

/**
 * Site Folders (CONTRACT §13): Create, Update, Delete, Get Folder By Site, Move Folders, Move Sites To Folder, Query
 * Folders. Folders belong to the `wix-account-id` account; a site belongs to at most one folder (`site.folderId`).
 * Documented: Move Folders takes up to 1,000 folders, Move Sites To Folder up to 500 sites, Query Folders returns up
 * to 1,000; Get Folder By Site answers an empty `folder` for a root-level site; Create may answer 409.
 *
 * Sandbox choices (UNCONFIRMED upstream): 409 `FOLDER_ALREADY_EXISTS` for a name already used by a sibling
 * (case-insensitive); an unknown or foreign folder is 404 `FOLDER_NOT_FOUND`, an unknown or foreign site 404
 * `SITE_NOT_FOUND`; moving a folder into itself or below itself is 400 `INVALID_FOLDER_MOVE`; deleting a folder moves
 * its sites and sub-folders to its parent (nothing is lost); Query Folders filters `id`, `name`, `parentId`, pages by
 * cursor (default 50, max 100) and sorts by name.
 */
const MAX_QUERY = 1000;
const MAX_DEPTH = 50;

/** Folders that the seeded sites already point at get an object (named after their position), owned by the site's owner. */
export function seedFolders(world: World): void {
  let n = 0;
  for (const site of world.sites.values()) {
    if (!site.folderId || world.folders.has(site.folderId)) continue;
    n++;
    world.folders.set(site.folderId, {
      id: site.folderId,
      name: `Folder ${n}`,
      createdDate: site.createdDate,
      updatedDate: site.createdDate,
      accountId: site.ownerAccountId,
    });
  }
}

/** The folder as Wix serves it: `path` from the root and `siteCount` computed, `accountId` stripped. */
export function publicFolder(world: World, folder: Folder) {
  const { accountId: _account, ...rest } = folder;
  const path: Array<{ id: string; name: string }> = [];
  for (let at = folder.parentId, guard = 0; at && guard < MAX_DEPTH; guard++) {
    const parent = world.folders.get(at);
    if (!parent) break;
    path.unshift({ id: parent.id, name: parent.name });
    at = parent.parentId;
  }
  const siteCount = [...world.sites.values()].filter((s) => s.folderId === folder.id && s.state !== 'TRASHED').length;
  return { ...rest, path, siteCount };
}

function ownFolder(ctx: RouteContext, id: unknown, field = 'folderId'): Folder {
  if (typeof id !== 'string' || id === '') throw invalidField(field, 'is required', 'REQUIRED_FIELD');
  const folder = ctx.world.folders.get(id);
  if (folder?.accountId !== ctx.accountId)
    throw appError(404, 'FOLDER_NOT_FOUND', `Folder ${id} not found in account ${ctx.accountId}`, { folderId: id });
  return folder;
}

/** `undefined` = root; otherwise an own folder. */
function target(ctx: RouteContext, id: unknown, field: string): Folder | undefined {
  if (id === undefined || id === null || id === '') return undefined;
  return ownFolder(ctx, id, field);
}

function checkUniqueName(ctx: RouteContext, name: string, parentId: string | undefined, except?: string): void {
  const clash = [...ctx.world.folders.values()].some(
    (f) =>
      f.accountId === ctx.accountId &&
      f.id !== except &&
      f.parentId === parentId &&
      f.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw appError(409, 'FOLDER_ALREADY_EXISTS', `A folder named ${name} already exists here`, { name });
}

function createFolder(ctx: RouteContext, { folder: input }: z.output<typeof CreateFolderRequest>) {
  const name = input.name;
  const parent = target(ctx, input.parentId, 'folder.parentId');
  checkUniqueName(ctx, name, parent?.id);
  const now = ctx.world.now();
  const folder: Folder = {
    id: ctx.world.rng.uuid(),
    name,
    ...(parent ? { parentId: parent.id } : {}),
    createdDate: now,
    updatedDate: now,
    accountId: ctx.accountId,
  };
  ctx.world.folders.set(folder.id, folder);
  return { folder: publicFolder(ctx.world, folder) };
}

function updateFolder(ctx: RouteContext, body: z.output<typeof UpdateFolderRequest>) {
  const { name } = body.folder;
  const folder = ownFolder(ctx, ctx.params.id, 'folder.id');
  checkUniqueName(ctx, name, folder.parentId, folder.id);
  folder.name = name;
  folder.updatedDate = ctx.world.now();
  return { folder: publicFolder(ctx.world, folder) };
}

function deleteFolder(ctx: RouteContext) {
  const folder = ownFolder(ctx, ctx.params.folderId);
  const now = ctx.world.now();
  for (const site of ctx.world.sites.values())
    if (site.folderId === folder.id) {
      if (folder.parentId) site.folderId = folder.parentId;
      else delete site.folderId;
      site.updatedDate = now;
    }
  for (const child of ctx.world.folders.values())
    if (child.parentId === folder.id) {
      if (folder.parentId) child.parentId = folder.parentId;
      else delete child.parentId;
      child.updatedDate = now;
    }
  ctx.world.folders.delete(folder.id);
  return {};
}

function ownSite(ctx: RouteContext, siteId: string) {
  const site = ctx.world.sites.get(siteId);
  if (site?.ownerAccountId !== ctx.accountId)
    throw appError(404, 'SITE_NOT_FOUND', `Site ${siteId} not found in account ${ctx.accountId}`, { siteId });
  return site;
}

function folderBySite(ctx: RouteContext) {
  const site = ownSite(ctx, ctx.params.siteId ?? '');
  const folder = site.folderId ? ctx.world.folders.get(site.folderId) : undefined;
  return { folder: folder ? publicFolder(ctx.world, folder) : {} };
}

function moveFolders(ctx: RouteContext, { folderIds: ids, targetFolderId }: z.output<typeof MoveFoldersRequest>) {
  const to = target(ctx, targetFolderId, 'targetFolderId');
  const folders = ids.map((id) => ownFolder(ctx, id, 'folderIds'));
  for (const folder of folders)
    for (let at: Folder | undefined = to, guard = 0; at && guard < MAX_DEPTH; guard++) {
      if (at.id === folder.id)
        throw appError(400, 'INVALID_FOLDER_MOVE', `Folder ${folder.id} can't move into itself or below itself`, {
          folderId: folder.id,
        });
      at = at.parentId ? ctx.world.folders.get(at.parentId) : undefined;
    }
  const now = ctx.world.now();
  for (const folder of folders) {
    if (to) folder.parentId = to.id;
    else delete folder.parentId;
    folder.updatedDate = now;
  }
  return {};
}

function moveSites(ctx: RouteContext, { sites, targetFolderId }: z.output<typeof MoveSitesToFolderRequest>) {
  const ids = sites.siteIds;
  const to = target(ctx, targetFolderId, 'targetFolderId');
  const found = ids.map((id) => ownSite(ctx, id));
  const now = ctx.world.now();
  for (const site of found) {
    if (to) site.folderId = to.id;
    else delete site.folderId;
    site.updatedDate = now;
  }
  return {};
}

const FOLDER_QUERY: QuerySpec<Folder> = {
  fields: {
    id: { ops: ['$eq', '$in'], get: (f) => f.id },
    name: { ops: ['$eq'], get: (f) => f.name },
    parentId: { ops: ['$eq', '$exists'], get: (f) => f.parentId },
  },
  sortable: {},
};

function queryFolders(ctx: RouteContext, body: z.output<typeof QueryFoldersRequest>) {
  const query = body.query ?? {};
  const paging = query.cursorPaging ?? {};
  const limit = paging.limit ?? 50;
  let state: { o: number; f?: unknown } = { o: 0, f: query.filter };
  if (typeof paging.cursor === 'string' && paging.cursor !== '')
    state = decodeCursor(paging.cursor, 'query.cursorPaging.cursor');
  const predicate = compileFilter(state.f, FOLDER_QUERY);
  const all = [...ctx.world.folders.values()]
    .filter((f) => f.accountId === ctx.accountId && predicate(f))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_QUERY);
  const offset = typeof state.o === 'number' && state.o >= 0 ? state.o : 0;
  const page = all.slice(offset, offset + limit);
  const hasNext = offset + limit < all.length;
  return {
    folders: page.map((f) => publicFolder(ctx.world, f)),
    pagingMetadata: {
      count: page.length,
      cursors: hasNext ? { next: encodeCursor({ ...state, o: offset + limit }) } : {},
      hasNext,
    },
  };
}

const base = '/site-folders/v2/folders';

/** Site Folders routes in match order (static paths first). */
export const siteFolderRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: `${base}/query`,
    operation: 'queryFolders',
    auth: 'account',
    ...withBody(QueryFoldersRequest, queryFolders),
  },
  {
    method: 'PATCH',
    path: `${base}/bulk/move`,
    operation: 'moveFolders',
    auth: 'account',
    ...withBody(MoveFoldersRequest, moveFolders),
  },
  {
    method: 'POST',
    path: `${base}/bulk/sites/move`,
    operation: 'moveSitesToFolder',
    auth: 'account',
    ...withBody(MoveSitesToFolderRequest, moveSites),
  },
  { method: 'GET', path: `${base}/sites/:siteId`, operation: 'getFolderBySite', auth: 'account', handle: folderBySite },
  {
    method: 'POST',
    path: base,
    operation: 'createFolder',
    auth: 'account',
    ...withBody(CreateFolderRequest, createFolder),
  },
  {
    method: 'PATCH',
    path: `${base}/:id`,
    operation: 'updateFolder',
    auth: 'account',
    ...withBody(UpdateFolderRequest, updateFolder),
  },
  { method: 'DELETE', path: `${base}/:folderId`, operation: 'deleteFolder', auth: 'account', handle: deleteFolder },
];
