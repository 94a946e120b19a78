import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { GetAccountResponse, ListChildAccountsResponse, WixAccount } from './accounts.dto.js';
import type { WixHttp } from './http.js';

/** List Child Accounts pages at most 50 accounts (CONTRACT §4.4). */
const CHILD_PAGE = 50;
/** A reseller's tree is read often and changes rarely: keep it briefly, shared across requests. */
const TREE_TTL_MS = 30_000;
/** Hard cap on accounts read from one tree, so a runaway upstream cannot grow memory without bound. */
const MAX_CHILDREN = 5_000;

/** Child-account lists per parent account, shared by every request of this process. */
const treeCache = new LRUCache<string, Promise<string[]>>({ max: 100, ttl: TREE_TTL_MS });

/**
 * Wix Accounts API (CONTRACT §4) for one request. `childAccountIds` is cached briefly across requests (per parent);
 * `byId` dedupes Get Account calls (Wix has no batch form).
 */
export class AccountsDataSource {
  readonly byId: DataLoader<string, WixAccount | null>;

  constructor(private readonly http: WixHttp) {
    this.byId = new DataLoader(async (ids) => Promise.all(ids.map((id) => this.getAccount(id))), { maxBatchSize: 20 });
  }

  /** Sub-account IDs of `parentId` — List Child Accounts, `GET /accounts/v1/account/child-accounts`, all pages. */
  childAccountIds(parentId: string): Promise<string[]> {
    const cached = treeCache.get(parentId);
    if (cached) return cached;
    const loading = this.listChildren(parentId);
    treeCache.set(parentId, loading);
    loading.catch(() => treeCache.delete(parentId));
    return loading;
  }

  /** Forgets the cached tree (after Create Account). */
  static forgetTree(parentId: string): void {
    treeCache.delete(parentId);
  }

  private async listChildren(parentId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; offset < MAX_CHILDREN; offset += CHILD_PAGE) {
      const searchParams = new URLSearchParams({ 'paging.limit': String(CHILD_PAGE), 'paging.offset': String(offset) });
      const res = await this.http.get<ListChildAccountsResponse>('/accounts/v1/account/child-accounts', { operation: 'List Child Accounts', accountId: parentId, searchParams });
      ids.push(...res.childAccounts.map((a) => a.accountId));
      const total = res.pagingMetadata?.total;
      if (res.childAccounts.length < CHILD_PAGE || (total !== undefined && ids.length >= total)) break;
    }
    return ids;
  }

  /** Get Account — `GET /accounts/v1/accounts/{accountId}`; null when Wix does not know it. */
  private async getAccount(accountId: string): Promise<WixAccount | null> {
    try {
      const res = await this.http.get<GetAccountResponse>(`/accounts/v1/accounts/${encodeURIComponent(accountId)}`, { operation: 'Get Account', accountId });
      return res.account;
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
