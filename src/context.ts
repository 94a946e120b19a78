import type { AuditStore } from './auth/audit-store.js';
import type { Caller } from './auth/caller.js';
import type { SharedCaches } from './caches.js';
import type { ProductCatalog } from './catalog.js';
import { AccountsDataSource } from './datasources/accounts.datasource.js';
import type { WixHttp } from './datasources/http.js';
import type { OperationServices } from './flows/services.js';
import type { ResourceWatches } from './polling/watches.js';
import { AccountScope, memo, type RequestShared } from './scope.js';
import { Tenancy } from './tenancy.js';

/** What every resolver gets: the tenant, and request-scoped data sources per account. */
export interface GatewayContext {
  /** The account this request acts on (validated: the main account or one of its sub-accounts). */
  tenantId: string;
  /** The configured main (agency) account. */
  mainAccountId: string;
  tenancy: Tenancy;
  /** The product catalog (names, types and TLDs of catalog product IDs). */
  catalog: ProductCatalog;
  /** Accounts API (not bound to one account). */
  accounts: AccountsDataSource;
  /** The tenant's own data sources. */
  tenant: AccountScope;
  /** Data sources for another account of the tree, after checking the tenant may act on it (else FORBIDDEN). */
  scope(accountId: string): Promise<AccountScope>;
  /** The gateway's shared status pollers (subscriptions, and flows waiting on a status). */
  watches: ResourceWatches;
  /** Operation store, mutation ledger and flow runner. */
  operations: OperationServices;
  /** Who sent the request (access control: src/auth). */
  caller: Caller;
  /** The audit trail (read by `auditEvents`). */
  audit: AuditStore;
}

/** What createContext builds a request's context from (all shared by the gateway, except the requested account). */
export interface ContextInput {
  http: WixHttp;
  /** The gateway's caches shared across requests. */
  caches: SharedCaches;
  mainAccountId: string;
  /** The product catalog the gateway runs with. */
  catalog: ProductCatalog;
  /** The `wix-account-id` header of the request, if any. */
  requestedAccountId?: string;
  /** The gateway's shared status pollers. */
  watches: ResourceWatches;
  /** Operation store, mutation ledger and flow runner. */
  operations: OperationServices;
  /** Who sent the request; its grants bound the accounts the context reaches (src/auth). */
  caller: Caller;
  /** The audit trail. */
  audit: AuditStore;
}

/**
 * Builds the per-request context from plain values: fresh data sources and loaders, so nothing leaks between
 * requests. Validates the requested tenant first (FORBIDDEN before any other upstream call).
 */
export async function createContext(input: ContextInput): Promise<GatewayContext> {
  const accounts = new AccountsDataSource(input.http, input.caches);
  const tenancy = new Tenancy(input.mainAccountId, accounts, input.caller.accounts);
  const tenantId = await tenancy.resolveTenant(input.requestedAccountId);
  const scopes = new Map<string, AccountScope>();
  const request: RequestShared = { tenantId, shared: new Map(), caches: input.caches };
  const scopeOf = (accountId: string) =>
    memo(scopes, accountId, () => new AccountScope(accountId, input.mainAccountId, input.http, request));
  return {
    tenantId,
    mainAccountId: input.mainAccountId,
    tenancy,
    catalog: input.catalog,
    accounts,
    tenant: scopeOf(tenantId),
    async scope(accountId: string) {
      await tenancy.assertAccess(tenantId, accountId);
      return scopeOf(accountId);
    },
    watches: input.watches,
    operations: input.operations,
    caller: input.caller,
    audit: input.audit,
  };
}
