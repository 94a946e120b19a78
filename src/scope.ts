import type { WixHttp } from './datasources/http.js';
import { SitesDataSource } from './datasources/sites.datasource.js';

/**
 * The data sources of one request for one Wix account (the `wix-account-id` they send). Built lazily: a request that
 * never touches packages never builds the resellers data source. One scope per account per request, so loaders batch
 * everything a request asks of that account and never leak into another request.
 */
export class AccountScope {
  private cache = new Map<string, unknown>();

  constructor(
    readonly accountId: string,
    readonly mainAccountId: string,
    private readonly http: WixHttp,
  ) {}

  private lazy<T>(name: string, build: () => T): T {
    let value = this.cache.get(name) as T | undefined;
    if (value === undefined) {
      value = build();
      this.cache.set(name, value);
    }
    return value;
  }

  /** Sites API (Query Sites) as this account. */
  get sites(): SitesDataSource {
    return this.lazy('sites', () => new SitesDataSource(this.http, this.accountId));
  }
}
