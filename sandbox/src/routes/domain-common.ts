import type { CursorPagingQuery } from '../contract/queries.js';
import { invalidField } from '../errors.js';
import { decodeCursor, encodeCursor } from '../query.js';
import type { World } from '../world.js';

/**
 * Pieces shared by the domain APIs (CONTRACT §5–§8): the Domains `CursorPagingMetadata` paging, and the
 * "one primary domain per site" rule.
 */

/** Domains `CursorPagingMetadata` (CONTRACT §0.3): exhausted list ⇒ `next`/`prev` null and `hasNext` false. */
export interface DomainPagingMetadata {
  count: number;
  cursors: { next: string | null; prev: string | null };
  hasNext: boolean;
}

interface DomainCursor {
  /** Offset of the page the cursor points to. */
  o: number;
  /** Fingerprint of the request the cursor belongs to (Suggest Domains: query, tlds, maxLength). */
  f?: string;
}

export interface DomainPagingOptions {
  /** Page size when `paging.limit` is absent or 0 (sandbox choice: 0 means "not set", as in Wix's protobuf APIs). */
  fallback: number;
  /** A limit read from another parameter (the deprecated `limit` of Suggest Domains), used when `paging.limit` is absent. */
  legacyLimit?: number;
  /** Ties the cursor to the request: a cursor from another request is refused as invalid. */
  fingerprint?: string;
}

/**
 * Cuts one page out of the (already ordered) items by `paging.limit` / `paging.cursor`, as validated by the
 * endpoint's query schema (contract/queries.ts, which bounds the limit).
 */
export function domainPage<T>(
  items: T[],
  query: CursorPagingQuery,
  options: DomainPagingOptions,
): { page: T[]; pagingMetadata: DomainPagingMetadata } {
  const asked = query['paging.limit'];
  const limit =
    asked !== undefined && asked > 0
      ? asked
      : asked === undefined && options.legacyLimit !== undefined
        ? options.legacyLimit
        : options.fallback;
  let offset = 0;
  const cursor = query['paging.cursor'];
  if (cursor) {
    const state = decodeCursor<DomainCursor>(cursor, 'paging.cursor');
    if (typeof state.o !== 'number' || !Number.isInteger(state.o) || state.o < 0 || state.f !== options.fingerprint)
      throw invalidField('paging.cursor', 'invalid cursor', 'FORMAT');
    offset = state.o;
  }
  const page = items.slice(offset, offset + limit);
  const hasNext = offset + limit < items.length;
  const at = (o: number) => encodeCursor(options.fingerprint === undefined ? { o } : { o, f: options.fingerprint });
  return {
    page,
    pagingMetadata: {
      count: page.length,
      cursors: { next: hasNext ? at(offset + limit) : null, prev: offset > 0 ? at(Math.max(0, offset - limit)) : null },
      hasNext,
    },
  };
}

/** Orders domain objects the way the List endpoints do: createdDate DESC, then id for a stable order. */
export function byCreatedDesc<T extends { id: string; createdDate: string }>(a: T, b: T): number {
  if (a.createdDate !== b.createdDate) return a.createdDate < b.createdDate ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A site has one PRIMARY domain. When `newPrimary` is connected or registered as it, the site's previous primary
 * connected or registered domain is left unassigned (Wix: "the previous primary domain becomes unassigned"), and the
 * site's redirects now point to the new primary.
 */
export function demotePrimary(world: World, siteId: string, newPrimary: string): void {
  const now = world.now();
  for (const cd of world.connectedDomains.values()) {
    if (cd.id === newPrimary || cd.siteInfo.id !== siteId) continue;
    if (cd.siteInfo.assignmentType === 'PRIMARY') cd.siteInfo = { assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' };
    else if (cd.siteInfo.assignmentType === 'REDIRECT')
      cd.siteInfo = { id: siteId, assignmentType: 'REDIRECT', redirectInfo: { primaryDomain: newPrimary } };
    else continue;
    cd.updatedDate = now;
  }
  for (const rd of world.registeredDomains.values()) {
    if (rd.id === newPrimary || rd.siteInfo?.id !== siteId) continue;
    if (rd.siteInfo.assignmentType === 'PRIMARY') rd.siteInfo = { assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' };
    else if (rd.siteInfo.assignmentType === 'REDIRECT')
      rd.siteInfo = { id: siteId, assignmentType: 'REDIRECT', redirectInfo: { primaryDomain: newPrimary } };
    else continue;
    rd.updatedDate = now;
    rd.revision = String(Number(rd.revision) + 1);
  }
}

/** The site's current PRIMARY domain (connected or registered), if any. */
export function primaryDomainOf(world: World, siteId: string): string | undefined {
  for (const cd of world.connectedDomains.values())
    if (cd.siteInfo.id === siteId && cd.siteInfo.assignmentType === 'PRIMARY') return cd.id;
  for (const rd of world.registeredDomains.values())
    if (rd.siteInfo?.id === siteId && rd.siteInfo.assignmentType === 'PRIMARY') return rd.id;
  return undefined;
}
