import DataLoader from 'dataloader';
import type { SharedCaches } from '../caches.js';
import {
  toCreateAccountBody,
  type CreateAccountResponse,
  type GetAccountResponse,
  type ListChildAccountsResponse,
  type NewAccountSpec,
  type WixAccount,
} from './accounts.dto.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { UpstreamHttp } from './http.js';

/** List Child Accounts pages at most 50 accounts (CONTRACT §4.4). */
const CHILD_PAGE = 50;
/** Hard cap on accounts read from one tree, so a runaway upstream cannot grow memory without bound. */
const MAX_CHILDREN = 5_000;

/**
 * Wix Accounts API (CONTRACT §4) for one request. `childAccountIds` is cached briefly across requests (per parent, in the gateway's SharedCaches);
 * `byId` dedupes Get Account calls (Wix has no batch form).
 */
export class AccountsDataSource {
  /** Get Account by account ID, deduped per request (null when Wix does not know it). */
  readonly byId: DataLoader<string, WixAccount | null>;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly caches: SharedCaches,
  ) {
    this.byId = new DataLoader(async (ids) => Promise.all(ids.map((id) => this.getAccount(id))), { maxBatchSize: 20 });
  }

  /** Sub-account IDs of `parentId` — List Child Accounts, `GET /accounts/v1/account/child-accounts`, all pages. */
  childAccountIds(parentId: string): Promise<string[]> {
    // A caller that asked for fresh data (`Cache-Control: no-cache`) reads Wix, and refreshes the entry.
    return this.caches.childAccounts.getOrLoad(
      parentId,
      () => this.listChildren(parentId),
      this.http.ambient.budget?.fresh === true,
    );
  }

  /**
   * Create Account — `POST /accounts/v1/accounts/create` as `parentId` (the new account becomes its child). Returns
   * the new account's ID and forgets the cached child-account list so tenancy sees the new account at once. Wix has
   * no idempotency key here: the call is never repeated by the HTTP layer.
   */
  async createChildAccount(parentId: string, spec: NewAccountSpec): Promise<string> {
    const res = await this.http.post<CreateAccountResponse>('/accounts/v1/accounts/create', {
      operation: 'Create Account',
      accountId: parentId,
      json: toCreateAccountBody(spec),
    });
    this.forgetTree(parentId);
    return res.account.accountId;
  }

  /** Forgets the cached tree (after Create Account). */
  forgetTree(parentId: string): void {
    this.caches.childAccounts.delete(parentId);
  }

  private async listChildren(parentId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; offset < MAX_CHILDREN; offset += CHILD_PAGE) {
      const searchParams = new URLSearchParams({ 'paging.limit': String(CHILD_PAGE), 'paging.offset': String(offset) });
      const res = await this.http.get<ListChildAccountsResponse>('/accounts/v1/account/child-accounts', {
        operation: 'List Child Accounts',
        accountId: parentId,
        searchParams,
      });
      ids.push(...res.childAccounts.map((a) => a.accountId));
      const total = res.pagingMetadata?.total;
      if (res.childAccounts.length < CHILD_PAGE || (total !== undefined && ids.length >= total)) break;
    }
    return ids;
  }

  /**
   * Get Account of `accountId` as itself, uncached: the gateway's start-up check of its key and main account. Throws
   * the mapped failure (UNAUTHENTICATED for a refused key, NOT_FOUND for an unknown account, transient ones as such).
   */
  async checkAccount(accountId: string): Promise<void> {
    if (!(await this.getAccount(accountId)))
      throw new GatewayError(ErrorCode.NOT_FOUND, `Wix does not know account ${accountId}`, { httpStatus: 404 });
  }

  /** Get Account — `GET /accounts/v1/accounts/{accountId}`; null when Wix does not know it. */
  private async getAccount(accountId: string): Promise<WixAccount | null> {
    try {
      const res = await this.http.get<GetAccountResponse>(`/accounts/v1/accounts/${encodeURIComponent(accountId)}`, {
        operation: 'Get Account',
        accountId,
      });
      return res.account;
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
