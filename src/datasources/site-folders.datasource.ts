import DataLoader from 'dataloader';
import type { Folder } from '../model/folder.js';
import type { Page } from '../model/page.js';
import type { UpstreamHttp } from './http.js';
import { relayPage } from './paging.js';
import { toFolder, type QueryFoldersResponse, type WixFolder } from './site-folders.dto.js';

/** Query Folders answers at most this many folders per page (sandbox: max 100). */
const MAX_PAGE = 100;
const BASE = '/site-folders/v2/folders';

/**
 * Wix Site Folders API (CONTRACT §13) for one request and one account. `byId` batches every folder a request asks
 * for (`Site.folder` of any number of sites) into one Query Folders call with `id $in`, primed from list answers and
 * cleared after writes.
 */
export class SiteFoldersDataSource {
  /** Folder by Wix ID: one Query Folders `id $in` per 100 IDs of a request (null: not in this account). */
  readonly byId: DataLoader<string, Folder | null>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {
    this.byId = new DataLoader((ids) => this.loadByIds(ids), { maxBatchSize: MAX_PAGE });
  }

  /** Query Folders — `POST /site-folders/v2/folders/query` — one page of the account's folders, by name. */
  async list(args: { first: number; after?: string | null }): Promise<Page<Folder>> {
    const page = await relayPage(
      { first: args.first, after: args.after, query: { folders: this.accountId }, maxPageSize: MAX_PAGE },
      async (cursor, limit) => {
        const res = await this.query(cursor ? { cursorPaging: { limit, cursor } } : { cursorPaging: { limit } });
        return {
          items: res.folders.map((f) => toFolder(f, this.accountId)),
          next: res.pagingMetadata?.hasNext ? (res.pagingMetadata.cursors?.next ?? null) : null,
        };
      },
    );
    for (const { node } of page.items) this.byId.prime(node.wixId, node);
    return page;
  }

  /** Create Folder — `POST /site-folders/v2/folders`. */
  async create(name: string, parentId?: string | null): Promise<Folder> {
    const res = await this.http.post<{ folder: WixFolder }>(BASE, {
      operation: 'Create Folder',
      accountId: this.accountId,
      json: { folder: { name, ...(parentId ? { parentId } : {}) } },
    });
    return this.primed(res.folder);
  }

  /** Update Folder — `PATCH /site-folders/v2/folders/{id}` (renames it). */
  async rename(folderId: string, name: string): Promise<Folder> {
    const res = await this.http.patch<{ folder: WixFolder }>(`${BASE}/${encodeURIComponent(folderId)}`, {
      operation: 'Update Folder',
      accountId: this.accountId,
      json: { folder: { id: folderId, name } },
    });
    return this.primed(res.folder);
  }

  /** Delete Folder — `DELETE /site-folders/v2/folders/{folderId}`. */
  async delete(folderId: string): Promise<void> {
    await this.http.delete(`${BASE}/${encodeURIComponent(folderId)}`, {
      operation: 'Delete Folder',
      accountId: this.accountId,
    });
    this.byId.clearAll();
  }

  /** Move Sites To Folder — `POST /site-folders/v2/folders/bulk/sites/move` (no folder: to the root). */
  async moveSites(siteIds: string[], folderId?: string | null): Promise<void> {
    await this.http.post(`${BASE}/bulk/sites/move`, {
      operation: 'Move Sites To Folder',
      accountId: this.accountId,
      json: { sites: { siteIds }, ...(folderId ? { targetFolderId: folderId } : {}) },
      // Moving to a given folder is the same state however often it is sent.
      idempotent: true,
    });
    this.byId.clearAll();
  }

  private primed(raw: WixFolder): Folder {
    const folder = toFolder(raw, this.accountId);
    this.byId.clear(folder.wixId).prime(folder.wixId, folder);
    return folder;
  }

  private async loadByIds(ids: readonly string[]): Promise<Array<Folder | null>> {
    const res = await this.query({ filter: { id: { $in: [...ids] } }, cursorPaging: { limit: MAX_PAGE } });
    const found = new Map(res.folders.map((raw) => [raw.id, toFolder(raw, this.accountId)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  private query(query: object): Promise<QueryFoldersResponse> {
    // A query is a read although it is a POST: retried, cached, and neither audited nor emptying the read cache.
    return this.http.post<QueryFoldersResponse>(`${BASE}/query`, {
      operation: 'Query Folders',
      accountId: this.accountId,
      json: { query },
      idempotent: true,
      read: true,
    });
  }
}
