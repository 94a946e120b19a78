import DataLoader from 'dataloader';
import type { AnswerCache } from '../caches.js';
import pLimit, { type LimitFunction } from 'p-limit';
import { GatewayError } from '../errors.js';
import type { Page } from '../model/page.js';
import type { WixDomainPaging } from './domain-common.dto.js';
import type { UpstreamHttp } from './http.js';
import { relayPage } from './paging.js';

/**
 * Loader plumbing shared by the domain data sources: the account-wide List calls (all pages, once per request), and
 * loaders for the GETs Wix has no batch form for (dedupe, bounded concurrency, an optional short cache shared across
 * requests).
 */

/** List Registered / Connected Domains answer at most 100 per page (CONTRACT §6.4, §7.4). */
export const DOMAIN_LIST_PAGE = 100;
/** Pages read by one account-wide list at most (10,000 domains), so a runaway upstream cannot grow memory unbounded. */
const MAX_LIST_PAGES = 100;
/** Single-domain GETs one request runs at once per loader (the HTTP client also bounds the whole process). */
export const DETAIL_CONCURRENCY = 8;

/** How to read one account's list of one domain kind: List Registered Domains or List Connected Domains. */
export interface DomainListSpec<Res, Raw, T> {
  /** E.g. `/domains/v1/registered-domains`. */
  path: string;
  /** Wix endpoint name, e.g. "List Registered Domains". */
  operation: string;
  accountId: string;
  /** Names the list in its cursors, so a cursor of one list is refused by another. */
  list: string;
  /** The items of one answer. */
  itemsOf: (res: Res) => Raw[] | undefined;
  toItem: (raw: Raw) => T;
  /** Sees every item read (the data sources prime their by-domain loader with it). */
  onItem: (item: T) => void;
}

/**
 * One account's list of one domain kind, for one request. Wix can neither filter these lists by site nor batch the
 * single GETs, so `all()` reads the whole list once (every page) and serves every `forSite()` of the request; `page()`
 * is one page over Wix's cursor. Every item read goes to `onItem`.
 */
export class AccountDomainList<
  Res extends { pagingMetadata?: WixDomainPaging },
  Raw,
  T extends { siteWixId?: string | null },
> {
  private everything?: Promise<T[]>;
  private bySite?: Promise<Map<string, T[]>>;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly spec: DomainListSpec<Res, Raw, T>,
  ) {}

  /** Every item of the account, all pages (at most {@link MAX_LIST_PAGES}); one call chain per request. */
  all(): Promise<T[]> {
    this.everything ??= this.readAll();
    return this.everything;
  }

  /** The items assigned to a site, from {@link all}. */
  async forSite(siteId: string): Promise<T[]> {
    this.bySite ??= this.all().then(groupBySite);
    return (await this.bySite).get(siteId) ?? [];
  }

  /** One page (newest first) over Wix's cursor. */
  page(args: { first: number; after?: string | null }): Promise<Page<T>> {
    const query = { list: this.spec.list, account: this.spec.accountId };
    return relayPage({ first: args.first, after: args.after, query, maxPageSize: DOMAIN_LIST_PAGE }, (cursor, limit) =>
      this.fetchPage(cursor, limit),
    );
  }

  /** Forgets the list read so far (after a write changed it). */
  forget(): void {
    this.everything = undefined;
    this.bySite = undefined;
  }

  private async readAll(): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const { items, next } = await this.fetchPage(cursor, DOMAIN_LIST_PAGE);
      all.push(...items);
      cursor = next;
      if (!cursor || items.length === 0) break;
    }
    return all;
  }

  /** One List call (`paging.limit` / `paging.cursor`): the mapped items, and Wix's cursor of the next page. */
  private async fetchPage(cursor: string | null, limit: number): Promise<{ items: T[]; next: string | null }> {
    const searchParams = new URLSearchParams({ 'paging.limit': String(limit) });
    if (cursor) searchParams.set('paging.cursor', cursor);
    const res = await this.http.get<Res>(this.spec.path, {
      operation: this.spec.operation,
      accountId: this.spec.accountId,
      searchParams,
    });
    const items = (this.spec.itemsOf(res) ?? []).map(this.spec.toItem);
    for (const item of items) this.spec.onItem(item);
    const paging = res.pagingMetadata;
    return { items, next: paging?.hasNext ? (paging.cursors?.next ?? null) : null };
  }
}

/** Groups domains by the site they are assigned to (unassigned ones are left out). */
export function groupBySite<T extends { siteWixId?: string | null }>(items: T[]): Map<string, T[]> {
  const bySite = new Map<string, T[]>();
  for (const item of items) {
    if (!item.siteWixId) continue;
    const list = bySite.get(item.siteWixId) ?? [];
    list.push(item);
    bySite.set(item.siteWixId, list);
  }
  return bySite;
}

/** Resolves to null when the call fails with one of Wix's "no such thing" codes; other failures propagate. */
export async function nullWhen<T>(call: Promise<T>, wixCodes: readonly string[]): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof GatewayError && error.wixCode && wixCodes.includes(error.wixCode)) return null;
    throw error;
  }
}

/** A cache of answers shared across requests, and the prefix that scopes its keys (kind + account). */
export interface SharedDetailCache {
  cache: AnswerCache<unknown>;
  prefix: string;
}

/**
 * A per-request DataLoader for an endpoint that reads one item per call: keys (domain names, case-insensitive) are
 * deduped, at most {@link DETAIL_CONCURRENCY} calls run at once, each key fails or succeeds on its own, and with
 * `shared` the answer (including "none") is reused by later requests until the cache's TTL; failures are not kept.
 * With `fresh` (the request's `Cache-Control: no-cache`), the shared answer is not used, and is refreshed.
 */
export function detailLoader<V>(
  fetchOne: (key: string) => Promise<V>,
  shared?: SharedDetailCache,
  fresh = false,
): DataLoader<string, V> {
  // Made on the first load: most requests make a loader (one per request) and never load a detail.
  let limiter: LimitFunction | undefined;
  const limit = <T>(fn: () => Promise<T>): Promise<T> => (limiter ??= pLimit(DETAIL_CONCURRENCY))(fn);
  const load = (key: string): Promise<V> => {
    if (!shared) return limit(() => fetchOne(key));
    // A caller that asked for fresh data (`Cache-Control: no-cache`) reads Wix, and refreshes the entry.
    return shared.cache.getOrLoad(
      `${shared.prefix}|${key.toLowerCase()}`,
      () => limit(() => fetchOne(key)),
      fresh,
    ) as Promise<V>;
  };
  return new DataLoader<string, V, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    { cacheKeyFn: (key) => key.toLowerCase() },
  );
}

/** Forgets a key in a shared detail cache (after a write changed it). */
export function forgetShared(shared: SharedDetailCache | undefined, key: string): void {
  shared?.cache.delete(`${shared.prefix}|${key.toLowerCase()}`);
}
