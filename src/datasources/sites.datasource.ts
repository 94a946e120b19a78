import DataLoader from 'dataloader';
import type { Page } from '../model/page.js';
import type { Site, SiteFilter } from '../model/site.js';
import type { UpstreamHttp } from './http.js';
import { relayPage } from './paging.js';
import { nextSitesCursor, toSite, type QuerySitesResponse } from './sites.dto.js';

/** Query Sites answers at most this many sites per page (sandbox and public code agree on 100). */
const MAX_PAGE = 100;

/**
 * Wix Sites API (CONTRACT §3) for one request and one account. `byId` batches every `site(id)` of a request into
 * one Query Sites call with `id $in` (cut at the page limit) and is primed from list answers.
 */
export class SitesDataSource {
  /** Site by Wix ID: one Query Sites `id $in` per 100 IDs of a request (null: not in this account). */
  readonly byId: DataLoader<string, Site | null>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {
    this.byId = new DataLoader((ids) => this.loadByIds(ids), { maxBatchSize: MAX_PAGE });
  }

  /** Query Sites — `POST /site-list/v2/sites/query` — one page. */
  async list(args: { first: number; after?: string | null; filter?: SiteFilter | null }): Promise<Page<Site>> {
    const filter = toWixFilter(args.filter);
    const page = await relayPage(
      { first: args.first, after: args.after, query: filter, maxPageSize: MAX_PAGE },
      async (cursor, limit) => {
        const query = cursor
          ? { cursorPaging: { limit, cursor } }
          : { filter, sort: [{ fieldName: 'createdDate', order: 'DESC' }], cursorPaging: { limit } };
        const res = await this.query(query);
        return {
          items: res.sites.map(toSite),
          next: nextSitesCursor(res),
        };
      },
    );
    for (const { node: site } of page.items) this.byId.prime(site.wixId, site);
    return page;
  }

  /** Query Sites with `id $in`: one call per 100 IDs, results matched by ID (missing ⇒ null). */
  private async loadByIds(ids: readonly string[]): Promise<Array<Site | null>> {
    const res = await this.query({ filter: { id: { $in: [...ids] } }, cursorPaging: { limit: MAX_PAGE } });
    const found = new Map(res.sites.map((raw) => [raw.id, toSite(raw)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  private query(query: object): Promise<QuerySitesResponse> {
    // A query is a read: safe to retry although it is a POST.
    return this.http.post<QuerySitesResponse>('/site-list/v2/sites/query', {
      operation: 'Query Sites',
      accountId: this.accountId,
      json: { query },
      idempotent: true,
      read: true,
    });
  }
}

function toWixFilter(filter?: SiteFilter | null): Record<string, unknown> {
  const wix: Record<string, unknown> = {};
  if (filter?.premium !== undefined && filter.premium !== null) wix.premium = filter.premium;
  if (filter?.published !== undefined && filter.published !== null) wix.published = filter.published;
  if (filter?.name) wix.name = filter.name;
  return wix;
}
