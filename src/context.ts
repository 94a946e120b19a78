import { SitesDataSource } from './datasources/sites.datasource.js';
import type { WixHttp } from './datasources/http.js';

/** What every resolver gets: the account acted on and this request's data sources (with their loaders). */
export interface GatewayContext {
  /** Wix account ID the request acts on. */
  accountId: string;
  /** The configured main (agency) account. */
  mainAccountId: string;
  dataSources: {
    sites: SitesDataSource;
  };
}

export interface ContextInput {
  http: WixHttp;
  accountId: string;
  mainAccountId: string;
}

/** Builds the per-request context from plain values: fresh data sources, so loaders never leak between requests. */
export function createContext(input: ContextInput): GatewayContext {
  return {
    accountId: input.accountId,
    mainAccountId: input.mainAccountId,
    dataSources: { sites: new SitesDataSource(input.http, input.accountId) },
  };
}
