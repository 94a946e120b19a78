import type { SharedCaches } from './caches.js';
import { tracedDataSource } from './observability/runtime-observers.js';
import { ConnectedDomainsDataSource } from './datasources/connected-domains.datasource.js';
import { DomainAssignmentsDataSource } from './datasources/domain-assignments.datasource.js';
import { DomainDnsDataSource } from './datasources/domain-dns.datasource.js';
import { DomainSearchDataSource } from './datasources/domain-search.datasource.js';
import type { UpstreamHttp } from './datasources/http.js';
import { RegisteredDomainsDataSource } from './datasources/registered-domains.datasource.js';
import { PackageLoaders } from './datasources/resellers.loaders.js';
import { ResellersDataSource } from './datasources/resellers.datasource.js';
import { SiteActionsDataSource } from './datasources/site-actions.datasource.js';
import { SiteFoldersDataSource } from './datasources/site-folders.datasource.js';
import { SiteTransferDataSource } from './datasources/site-transfer.datasource.js';
import { SitesDataSource } from './datasources/sites.datasource.js';

/**
 * The data sources of one request for one Wix account (the `wix-account-id` they send). Built lazily: a request that
 * never touches packages never builds the resellers data source. One scope per account per request, so loaders batch
 * everything a request asks of that account and never leak into another request.
 */
export class AccountScope {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly accountId: string,
    readonly mainAccountId: string,
    private readonly http: UpstreamHttp,
    /** What every scope of the request shares (loaders whose batches cut across accounts). */
    private readonly request: RequestShared = { tenantId: accountId, shared: new Map() },
  ) {}

  /** This scope's data source `name`, built on first use. */
  private lazy<T extends object>(name: string, build: () => T): T {
    // With tracing on, every data-source method call is a span (src/observability/runtime-observers.ts).
    return memo(this.cache, name, () => tracedDataSource(name, build()));
  }

  /** The request-wide object `name` (shared by every scope of the request), built on first use. */
  private requestLazy<T>(name: string, build: () => T): T {
    return memo(this.request.shared, name, build);
  }

  /** Sites API (Query Sites) as this account. */
  get sites(): SitesDataSource {
    return this.lazy('sites', () => new SitesDataSource(this.http, this.accountId));
  }

  /** Site Folders API as this account (every folder asked for in a request from one Query Folders call). */
  get siteFolders(): SiteFoldersDataSource {
    return this.lazy('siteFolders', () => new SiteFoldersDataSource(this.http, this.accountId));
  }

  /** Site Actions API (Publish / Unpublish Site) for this account's sites. */
  get siteActions(): SiteActionsDataSource {
    return this.lazy('siteActions', () => new SiteActionsDataSource(this.http, this.accountId));
  }

  /**
   * Resellers API (Get/Query Packages) for this account. Its loaders are shared by every scope of the request, so
   * the packages of the main account and all sub-accounts asked about come from one Query Packages call.
   */
  get resellers(): ResellersDataSource {
    return this.lazy('resellers', () => {
      const loaders = this.requestLazy(
        'packageLoaders',
        () =>
          new PackageLoaders(this.http, this.request.tenantId, this.mainAccountId, () =>
            this.request.caches?.childAccounts.peek(this.mainAccountId),
          ),
      );
      return new ResellersDataSource(this.http, this.accountId, loaders);
    });
  }

  /** B2B Site Management (Transfer Site) with this account as the TARGET: sites move into this account. */
  get siteTransfer(): SiteTransferDataSource {
    return this.lazy('siteTransfer', () => new SiteTransferDataSource(this.http, this.accountId));
  }

  /** Domain Search API (availability, suggestions), called with this account's headers. */
  get domainSearch(): DomainSearchDataSource {
    return this.lazy('domainSearch', () => new DomainSearchDataSource(this.http, this.accountId));
  }

  /** Registered Domains API as this account (one List per request, single GETs deduped). */
  get registeredDomains(): RegisteredDomainsDataSource {
    return this.lazy('registeredDomains', () => new RegisteredDomainsDataSource(this.http, this.accountId));
  }

  /** Connected Domains API as this account (one List per request; setup info deduped and briefly cached). */
  get connectedDomains(): ConnectedDomainsDataSource {
    return this.lazy(
      'connectedDomains',
      () => new ConnectedDomainsDataSource(this.http, this.accountId, this.request.caches?.domainDetails),
    );
  }

  /** Domain Assignments and DNS Propagation APIs as this account (assignments of all sites asked: one List). */
  get domainAssignments(): DomainAssignmentsDataSource {
    return this.lazy('domainAssignments', () => new DomainAssignmentsDataSource(this.http, this.accountId));
  }

  /** Domain DNS API as this account (zones deduped and briefly cached). */
  get domainDns(): DomainDnsDataSource {
    return this.lazy(
      'domainDns',
      () => new DomainDnsDataSource(this.http, this.accountId, this.request.caches?.domainDetails),
    );
  }
}

/** The value of `key` in `map`, built and kept on first use. */
export function memo<K, T>(map: Map<K, unknown>, key: K, build: () => T): T {
  if (map.has(key)) return map.get(key) as T;
  const value = build();
  map.set(key, value);
  return value;
}

/** State one request's scopes share: the tenant it acts as, and request-wide loaders by name. */
export interface RequestShared {
  tenantId: string;
  shared: Map<string, unknown>;
  /** The gateway's caches shared across requests (absent: nothing is kept between requests). */
  caches?: SharedCaches;
}
