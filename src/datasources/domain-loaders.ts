import DataLoader from 'dataloader';
import type { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { GatewayError } from '../errors.js';
import type { WixDomainPaging } from './domain-common.dto.js';
import type { WixHttp } from './http.js';

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

/** Reads every page of a domains List endpoint (`paging.limit` / `paging.cursor`). */
export async function listAllPages<Raw>(http: WixHttp, path: string, call: { operation: string; accountId: string }, itemsOf: (body: Record<string, unknown>) => Raw[]): Promise<Raw[]> {
  const all: Raw[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const searchParams = new URLSearchParams({ 'paging.limit': String(DOMAIN_LIST_PAGE) });
    if (cursor) searchParams.set('paging.cursor', cursor);
    const body = await http.get<Record<string, unknown>>(path, { ...call, searchParams });
    const items = itemsOf(body);
    all.push(...items);
    const paging = body.pagingMetadata as WixDomainPaging | undefined;
    cursor = paging?.hasNext ? (paging.cursors?.next ?? null) : null;
    if (!cursor || items.length === 0) break;
  }
  return all;
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
  cache: LRUCache<string, Promise<unknown>>;
  prefix: string;
}

/**
 * A per-request DataLoader for an endpoint that reads one item per call: keys (domain names, case-insensitive) are
 * deduped, at most {@link DETAIL_CONCURRENCY} calls run at once, each key fails or succeeds on its own, and with
 * `shared` the answer (including "none") is reused by later requests until the cache's TTL; failures are not kept.
 */
export function detailLoader<V>(fetchOne: (key: string) => Promise<V>, shared?: SharedDetailCache): DataLoader<string, V> {
  const limit = pLimit(DETAIL_CONCURRENCY);
  const load = (key: string): Promise<V> => {
    if (!shared) return limit(() => fetchOne(key));
    const cacheKey = `${shared.prefix}|${key.toLowerCase()}`;
    const hit = shared.cache.get(cacheKey) as Promise<V> | undefined;
    if (hit) return hit;
    const loading = limit(() => fetchOne(key));
    shared.cache.set(cacheKey, loading);
    loading.catch(() => {
      if (shared.cache.get(cacheKey) === loading) shared.cache.delete(cacheKey);
    });
    return loading;
  };
  return new DataLoader<string, V, string>(
    (keys) => Promise.all(keys.map((key) => load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))),
    { cacheKeyFn: (key) => key.toLowerCase() },
  );
}

/** Forgets a key in a shared detail cache (after a write changed it). */
export function forgetShared(shared: SharedDetailCache | undefined, key: string): void {
  shared?.cache.delete(`${shared.prefix}|${key.toLowerCase()}`);
}
