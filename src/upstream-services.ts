import { AccountScope, memo, type RequestShared } from './account-scope.js';
import { NO_AMBIENT, type Ambient } from './ambient.js';
import type { AccountGrant } from './auth/caller.js';
import type { BudgetReport } from './budget/gateway-budget.js';
import type { SharedCaches } from './caches.js';
import type { ProductCatalog } from './catalog.js';
import { AccountsDataSource } from './datasources/accounts.datasource.js';
import type { UpstreamHttp, WixHttp } from './datasources/http.js';
import type { ResourceWatches } from './polling/watches.js';
import { Tenancy } from './tenancy.js';

/**
 * The gateway's view of Wix for one tenant at one moment: fresh data sources (empty loaders, so nothing read before
 * the last write is returned again), the tenancy rules, the catalog and the shared watches. A GraphQL request gets one
 * (inside its context); every flow step gets a new one. Nothing here knows about GraphQL.
 */
export interface UpstreamSession {
  /** What every upstream call of the session carries: caller, request, budget class (src/ambient.ts). */
  readonly ambient: Ambient;
  /** The account this session acts as (validated: the main account or one of its sub-accounts). */
  readonly tenantId: string;
  /** The configured main (agency) account. */
  readonly mainAccountId: string;
  readonly tenancy: Tenancy;
  /** The product catalog (names, types and TLDs of catalog product IDs). */
  readonly catalog: ProductCatalog;
  /** Accounts API (not bound to one account). */
  readonly accounts: AccountsDataSource;
  /** The tenant's own data sources. */
  readonly tenant: AccountScope;
  /** Data sources for another account of the tree, after checking the tenant may act on it (else FORBIDDEN). */
  scope(accountId: string): Promise<AccountScope>;
  /** The gateway's shared status pollers (subscriptions, and flows waiting on a status). */
  readonly watches: ResourceWatches;
  /** The rate budget as it stands (the `upstreamBudget` query). */
  budget(): BudgetReport;
}

/** What UpstreamServices is built from: all shared by the gateway, built once in server.ts. */
export interface UpstreamParts {
  http: WixHttp;
  /** The gateway's caches shared across requests. */
  caches: SharedCaches;
  mainAccountId: string;
  catalog: ProductCatalog;
  watches: ResourceWatches;
  /** The rate budget's report (scheduler, poll pace, read cache). */
  budget: () => BudgetReport;
}

/**
 * Per-tenant sessions over the gateway's one HTTP module, caches, catalog and watches. Built once per gateway, before
 * anything that uses it (resolvers through the request context, the flow runner, the pollers).
 */
export class UpstreamServices {
  constructor(private readonly parts: UpstreamParts) {}

  get mainAccountId(): string {
    return this.parts.mainAccountId;
  }

  get catalog(): ProductCatalog {
    return this.parts.catalog;
  }

  get watches(): ResourceWatches {
    return this.parts.watches;
  }

  /**
   * A session for the tenant a request names (its `wix-account-id` header; the main account when absent), after
   * checking it (BAD_USER_INPUT when malformed, FORBIDDEN when outside the tree or the caller's `grant`) before any
   * other upstream call.
   */
  async sessionFor(
    requestedAccountId: string | undefined,
    grant: AccountGrant = 'all',
    ambient: Ambient = NO_AMBIENT,
  ): Promise<UpstreamSession> {
    const http = this.parts.http.bound(ambient);
    const accounts = new AccountsDataSource(http, this.parts.caches);
    const tenancy = new Tenancy(this.parts.mainAccountId, accounts, grant);
    const tenantId = await tenancy.resolveTenant(requestedAccountId);
    return this.build(tenantId, accounts, tenancy, http);
  }

  /**
   * A session for a tenant checked earlier (an operation's tenant, checked when the operation was submitted), whose
   * calls carry `ambient` (a flow run's, or the request of a dry run).
   */
  session(tenantId: string, ambient: Ambient = NO_AMBIENT): UpstreamSession {
    const http = this.parts.http.bound(ambient);
    const accounts = new AccountsDataSource(http, this.parts.caches);
    return this.build(tenantId, accounts, new Tenancy(this.parts.mainAccountId, accounts), http);
  }

  private build(tenantId: string, accounts: AccountsDataSource, tenancy: Tenancy, http: UpstreamHttp): UpstreamSession {
    const { caches, mainAccountId, catalog, watches, budget } = this.parts;
    const scopes = new Map<string, AccountScope>();
    const request: RequestShared = { tenantId, shared: new Map(), caches };
    const scopeOf = (accountId: string) =>
      memo(scopes, accountId, () => new AccountScope(accountId, mainAccountId, http, request));
    return {
      ambient: http.ambient,
      tenantId,
      mainAccountId,
      tenancy,
      catalog,
      accounts,
      tenant: scopeOf(tenantId),
      async scope(accountId: string) {
        await tenancy.assertAccess(tenantId, accountId);
        return scopeOf(accountId);
      },
      watches,
      budget,
    };
  }
}
