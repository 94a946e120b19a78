import type { z } from 'zod/v4';
import { CountSitesRequest, QuerySitesRequest } from '../contract/sites.js';
import { invalidField } from '../errors.js';
import {
  compileFilter,
  decodeCursor,
  encodeCursor,
  parseSort,
  readLimit,
  sortItems,
  type QuerySpec,
  type SortItem,
} from '../query.js';
import { withBody, type RouteContext, type RouteDef } from '../router.js';
import type { Site } from '../types.js';

/**
 * Sites API (CONTRACT §3): Query Sites and Count Sites. Cursor paging only; at most 1,000 sites retrievable.
 * Sandbox choices (UNCONFIRMED upstream): page size default 50, max 100; default sort createdDate DESC; the cursor
 * carries the filter and sort of the first request, so a follow-up sends only the cursor (a filter sent with a cursor
 * is ignored).
 */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const MAX_RETRIEVABLE = 1000;

function searchMatch(site: Site, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const needle = value.toLowerCase();
  return [site.name, site.displayName, site.viewUrl].some((text) => text.toLowerCase().includes(needle));
}

const nameField = {
  ops: ['$eq'] as const,
  get: (s: Site) => s.name,
  match: (s: Site, _op: unknown, v: unknown) => searchMatch(s, v),
};

function spec(forCount: boolean): QuerySpec<Site> {
  const fields: QuerySpec<Site>['fields'] = {
    id: { ops: ['$eq', '$ne', '$in', '$nin'], get: (s) => s.id },
    folderId: { ops: ['$eq', '$exists'], get: (s) => s.folderId },
    editorType: { ops: ['$eq', '$in'], get: (s) => s.editorType },
    published: { ops: ['$eq'], get: (s) => s.published },
    namespace: { ops: ['$eq', '$in'], get: (s) => s.namespace },
    name: nameField,
    searchPhrase: nameField,
    state: { ops: ['$eq'], get: (s) => s.state ?? 'ACTIVE' },
    domainConnected: { ops: ['$eq'], get: (s) => s.domainConnected },
  };
  if (!forCount) {
    fields.premium = { ops: ['$eq'], get: (s) => s.premium };
    fields.appIds = { ops: ['$hasAll', '$hasSome'], get: (s) => s.appIds ?? [] };
  }
  return {
    fields,
    sortable: {
      createdDate: (s) => s.createdDate,
      updatedDate: (s) => s.updatedDate,
      trashedDate: (s) => s.trashedDate,
      displayName: (s) => s.displayName.toLowerCase(),
    },
  };
}

const QUERY_SPEC = spec(false);
const COUNT_SPEC = spec(true);

/** The Site object as Wix serves it (internal filter fields stripped). */
export function publicSite(site: Site): Omit<Site, 'state' | 'appIds'> {
  const { state: _state, appIds: _apps, ...rest } = site;
  return rest;
}

/**
 * Sites of the header account. Only sites of the `WIX` namespace unless the filter names `namespace` anywhere
 * (Wix: Query Sites returns the WIX namespace by default). Trashed sites (Bulk Delete Site, routes/site-actions.ts)
 * are left out unless the filter names `state` anywhere (e.g. `{"state": "TRASHED"}`) — sandbox choice, UNCONFIRMED.
 */
function sitesOf(ctx: RouteContext, filter: unknown): Site[] {
  const text = JSON.stringify(filter ?? {});
  const showTrashed = text.includes('"state"');
  const anyNamespace = text.includes('"namespace"');
  return [...ctx.world.sites.values()].filter(
    (s) =>
      s.ownerAccountId === ctx.accountId &&
      (showTrashed || s.state !== 'TRASHED') &&
      (anyNamespace || s.namespace === 'WIX'),
  );
}

interface SitesCursor {
  o: number;
  f?: unknown;
  s?: SortItem[];
}

function querySites(ctx: RouteContext, body: z.output<typeof QuerySitesRequest>) {
  const query = body.query ?? {};
  if (query.paging !== undefined)
    throw invalidField('query.paging', 'offset paging is not supported; use cursorPaging', 'CUSTOM');
  const paging = (query.cursorPaging ?? {}) as { limit?: unknown; cursor?: unknown };
  const limit = readLimit(paging.limit, 'query.cursorPaging.limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  let state: SitesCursor = { o: 0, f: query.filter, s: parseSort(query.sort, QUERY_SPEC) };
  if (typeof paging.cursor === 'string' && paging.cursor !== '')
    state = decodeCursor<SitesCursor>(paging.cursor, 'query.cursorPaging.cursor');
  const predicate = compileFilter(state.f, QUERY_SPEC);
  const sort = state.s && state.s.length > 0 ? state.s : [{ fieldName: 'createdDate', order: 'DESC' as const }];
  const all = sortItems(sitesOf(ctx, state.f).filter(predicate), sort, QUERY_SPEC, (s) => s.id).slice(
    0,
    MAX_RETRIEVABLE,
  );
  const offset = typeof state.o === 'number' && state.o >= 0 ? state.o : 0;
  const page = all.slice(offset, offset + limit);
  const hasNext = offset + limit < all.length;
  const last = page[page.length - 1];
  const next = hasNext ? encodeCursor({ ...state, o: offset + limit }) : null;
  return {
    sites: page.map(publicSite),
    // Deprecated mirror of the cursor, kept because Wix still sends it.
    cursorPaging:
      last && hasNext
        ? {
            cursor: {
              id: last.id,
              createDate: Date.parse(last.createdDate),
              updateDate: Date.parse(last.updatedDate),
              siteDisplayName: last.displayName,
            },
          }
        : {},
    metadata: { count: page.length, cursors: next ? { next } : {}, hasNext },
  };
}

function countSites(ctx: RouteContext, body: z.output<typeof CountSitesRequest>) {
  const predicate = compileFilter(body.filter, COUNT_SPEC, 'filter');
  return { count: sitesOf(ctx, body.filter).filter(predicate).length };
}

export const siteRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/site-list/v2/sites/query',
    operation: 'querySites',
    auth: 'account',
    ...withBody(QuerySitesRequest, querySites),
  },
  {
    method: 'POST',
    path: '/site-list/v2/sites/count',
    operation: 'countSites',
    auth: 'account',
    ...withBody(CountSitesRequest, countSites),
  },
];
