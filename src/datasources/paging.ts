import type { Page } from '../model/page.js';
import { decodeCursor, encodeCursor, queryHash, type CursorState } from './cursor.js';

/** One page as a Wix cursor-paged endpoint answers it. */
export interface WixPage<T> {
  items: T[];
  /** Wix cursor of the next page, null at the end. */
  next: string | null;
  total?: number;
}

/** What relayPage needs: the Relay arguments, the query the cursors are bound to, and Wix's page limit. */
export interface PageRequest {
  first: number;
  after?: string | null;
  /** The query the cursor is bound to (filter etc.). */
  query: unknown;
  /** Wix's page-size limit for this endpoint. */
  maxPageSize: number;
}

/**
 * Serves one page over a Wix cursor-paged endpoint (a plain Page; the resolvers make the Relay connection): resumes
 * from the Wix page an `after` cursor names, skips the items already seen, and continues to the next Wix page when one page is not enough. Calls `fetchPage` once
 * per Wix page needed (one call for the common case).
 */
export async function relayPage<T>(
  req: PageRequest,
  fetchPage: (wixCursor: string | null, limit: number) => Promise<WixPage<T>>,
): Promise<Page<T>> {
  const hash = queryHash(req.query);
  const start: CursorState = req.after ? decodeCursor(req.after, hash) : { w: null, s: 0, h: hash };
  const edges: Array<{ cursor: string; node: T }> = [];
  let pageCursor = start.w;
  let skip = start.s;
  let hasNextPage = false;
  let total: number | undefined;
  for (;;) {
    const need = req.first - edges.length;
    const page = await fetchPage(pageCursor, Math.min(req.maxPageSize, skip + need));
    total ??= page.total;
    const items = page.items;
    let i = skip;
    for (; i < items.length && edges.length < req.first; i++) {
      const last = i + 1 >= items.length;
      const state: CursorState =
        last && page.next ? { w: page.next, s: 0, h: hash } : { w: pageCursor, s: i + 1, h: hash };
      edges.push({ cursor: encodeCursor(state), node: items[i] as T });
    }
    if (edges.length >= req.first) {
      hasNextPage = i < items.length || page.next !== null;
      break;
    }
    if (!page.next || items.length === 0) break;
    pageCursor = page.next;
    skip = 0;
  }
  return { items: edges, hasNextPage, hasPreviousPage: Boolean(req.after), totalCount: total ?? null };
}
