import type { Folder } from '../model/folder.js';

/** Folder as the Site Folders API answers it (CONTRACT §13). */
export interface WixFolder {
  id: string;
  name: string;
  parentId?: string;
  path?: Array<{ id: string; name: string }>;
  siteCount?: number;
  createdDate: string;
  updatedDate: string;
}

/** Query Folders answer (CONTRACT §13): cursor-paged. */
export interface QueryFoldersResponse {
  folders: WixFolder[];
  pagingMetadata?: { count?: number; cursors?: { next?: string | null }; hasNext?: boolean };
}

/** Maps a raw folder of `accountId` to the model's Folder. */
export function toFolder(raw: WixFolder, accountId: string): Folder {
  return {
    wixId: raw.id,
    name: raw.name,
    parentWixId: raw.parentId ?? null,
    path: (raw.path ?? []).map((p) => ({ wixId: p.id, name: p.name })),
    siteCount: raw.siteCount ?? 0,
    ownerAccountId: accountId,
    createdDate: new Date(raw.createdDate),
    updatedDate: new Date(raw.updatedDate),
  };
}
