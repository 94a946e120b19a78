import DataLoader from 'dataloader';
import type { DomainAvailability, DomainSuggestion } from '../model/domain.js';
import type { Page } from '../model/page.js';
import {
  toAvailability,
  toSuggestion,
  type CheckAvailabilityResponse,
  type SuggestDomainsResponse,
} from './domain-search.dto.js';
import type { UpstreamHttp } from './http.js';
import { relayPage } from './paging.js';

/** Suggest Domains pages at most 20 suggestions (CONTRACT §5.2). */
export const MAX_SUGGESTIONS_PAGE = 20;

/**
 * Wix Domain Search API (CONTRACT §5) for one request. Not bound to an account upstream, but the calls still carry the
 * tenant's `wix-account-id` (Wix documents the API as account-level; the sandbox accepts either). `availability`
 * dedupes the same name asked twice in one request (Wix's bulk check is UNCONFIRMED, so no batching).
 */
export class DomainSearchDataSource {
  /** Check Domain Availability by domain name, deduped per request (case-insensitive). */
  readonly availability: DataLoader<string, DomainAvailability>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {
    this.availability = new DataLoader(
      (domains) => Promise.all(domains.map((d) => this.check(d).catch((e: Error) => e))),
      {
        cacheKeyFn: (d) => d.toLowerCase(),
      },
    );
  }

  /** Check Domain Availability — `GET /domain-search/v2/check-domain-availability?domain=`. */
  private async check(domain: string): Promise<DomainAvailability> {
    const searchParams = new URLSearchParams({ domain });
    const res = await this.http.get<CheckAvailabilityResponse>('/domain-search/v2/check-domain-availability', {
      operation: 'Check Domain Availability',
      accountId: this.accountId,
      searchParams,
    });
    return toAvailability(res.availability);
  }

  /**
   * Suggest Domains — `GET /domain-search/v2/suggest-domains` — one page over Wix's cursor (the same
   * `query` and `tlds` are repeated with `paging.cursor`, as Wix asks).
   */
  suggest(args: {
    query: string;
    tlds?: string[] | null;
    first: number;
    after?: string | null;
  }): Promise<Page<DomainSuggestion>> {
    const tlds = [...new Set((args.tlds ?? []).map((t) => t.toLowerCase()))];
    return relayPage(
      { first: args.first, after: args.after, query: { suggest: args.query, tlds }, maxPageSize: MAX_SUGGESTIONS_PAGE },
      async (cursor, limit) => {
        const searchParams = new URLSearchParams({ query: args.query, 'paging.limit': String(limit) });
        for (const tld of tlds) searchParams.append('tlds', tld);
        if (cursor) searchParams.set('paging.cursor', cursor);
        const res = await this.http.get<SuggestDomainsResponse>('/domain-search/v2/suggest-domains', {
          operation: 'Suggest Domains',
          accountId: this.accountId,
          searchParams,
        });
        return {
          items: res.suggestions.map(toSuggestion),
          next: res.pagingMetadata?.hasNext ? (res.pagingMetadata.cursors?.next ?? null) : null,
        };
      },
    );
  }
}
