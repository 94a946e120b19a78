import type { WireFolder, WireQueryFoldersResponse } from '@wix-account-graph/sandbox/contract';
import type { Folder } from '../model/folder.js';

/** Folder as the Site Folders API answers it (CONTRACT §13): the type of the sandbox's contract schema. */
export type WixFolder = WireFolder;

/** Query Folders answer (CONTRACT §13): cursor-paged; from the contract schema. */
export type QueryFoldersResponse = WireQueryFoldersResponse;

/** Maps a raw folder of `accountId` to the model's Folder. */
export function toFolder(raw: WixFolder, accountId: string): Folder {
  return {
    wixId: raw.id,
    name: raw.name,
    parentWixId: raw.parentId ?? null,
    path: raw.path.map((p) => ({ wixId: p.id, name: p.name })),
    siteCount: raw.siteCount,
    ownerAccountId: accountId,
    createdDate: new Date(raw.createdDate),
    updatedDate: new Date(raw.updatedDate),
  };
}
