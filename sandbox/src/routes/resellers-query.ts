import type { z } from 'zod/v4';
import type { QueryPackagesRequest } from '../contract/resellers.js';
import { invalidField, validationError } from '../errors.js';
import {
  compileFilter,
  decodeCursor,
  encodeCursor,
  parseSort,
  readLimit,
  sortItems,
  type FieldSpec,
  type Operator,
  type QuerySpec,
  type SortItem,
} from '../query.js';
import type { RouteContext } from '../router.js';
import type { Package, ProductInstance } from '../types.js';

/**
 * Query Packages — `POST /resellers/v1/packages/query` (CONTRACT §1.6). Returns the packages of the whole tree of
 * the header account's root (a sub-account is selected with an `accountId` filter). Default sort createdDate DESC;
 * `cursorPaging` (default and max 100) unless `paging` (offset) is sent, which adds `total`. A follow-up sends only
 * the cursor (and optionally a limit): a cursor with filter or sort is 400 "invalid cursor".
 * Sandbox choices: `fields`/`fieldsets` are accepted and ignored (Wix's own example returns full packages); enum
 * and string matching on `productInstances.*` is case-insensitive, so the documented `"Enabled"` finds `ENABLED`.
 */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

/** Reads a dotted path of an instance (`billingInfo.cycleDuration.unit`). */
function pick(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path)
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** Case-insensitive equality; an expected object matches when each of its fields matches (partial match). */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
      matches((actual as Record<string, unknown>)[k], v),
    );
  }
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

function instanceField(path: string[]): FieldSpec<Package> {
  return {
    ops: ['$hasSome', '$hasAll'],
    get: (p) => p.productInstances.map((i) => pick(i, path)),
    match: (p: Package, op: Operator, value: unknown) => {
      const actual = p.productInstances.map((i: ProductInstance) => pick(i, path)).filter((v) => v !== undefined);
      const hit = (e: unknown) => actual.some((a) => matches(a, e));
      return op === '$hasAll' ? (value as unknown[]).every(hit) : (value as unknown[]).some(hit);
    },
  };
}

const INSTANCE_PATHS = [
  'instanceId',
  'siteId',
  'catalogProductId',
  'status',
  'failure',
  'failure.code',
  'failure.message',
  'billingInfo',
  'billingInfo.type',
  'billingInfo.cycleDuration',
  'billingInfo.cycleDuration.unit',
  'billingInfo.cycleDuration.count',
  'createdDate',
  'updatedDate',
  'countryCode',
];

function compareDates(actual: string, op: Operator, value: unknown): boolean {
  const a = Date.parse(actual);
  const e = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(e)) return false;
  const ops: Partial<Record<Operator, boolean>> = {
    $eq: a === e,
    $ne: a !== e,
    $gt: a > e,
    $gte: a >= e,
    $lt: a < e,
    $lte: a <= e,
  };
  return ops[op] ?? false;
}

function dateField(read: (p: Package) => string): FieldSpec<Package> {
  return {
    ops: ['$eq', '$ne', '$gt', '$lt', '$gte', '$lte'],
    get: read,
    match: (p, op, value) => compareDates(read(p), op, value),
  };
}

const SPEC: QuerySpec<Package> = {
  fields: {
    id: { ops: ['$eq', '$ne', '$in', '$exists'], get: (p) => p.id },
    createdDate: dateField((p) => p.createdDate),
    updatedDate: dateField((p) => p.updatedDate),
    accountId: { ops: ['$eq', '$ne', '$in', '$exists'], get: (p) => p.accountId },
    externalId: { ops: ['$eq', '$ne', '$in', '$exists'], get: (p) => p.externalId },
    productInstances: instanceField([]),
    ...Object.fromEntries(INSTANCE_PATHS.map((path) => [`productInstances.${path}`, instanceField(path.split('.'))])),
  },
  sortable: { createdDate: (p) => Date.parse(p.createdDate), updatedDate: (p) => Date.parse(p.updatedDate) },
};

interface PackagesCursor {
  o: number;
  f?: unknown;
  s?: SortItem[];
}

interface Paging {
  mode: 'cursor' | 'offset';
  limit: number;
  state: PackagesCursor;
}

function readPaging(query: Record<string, unknown>): Paging {
  if (query.paging !== undefined && query.cursorPaging !== undefined)
    throw invalidField('query', 'send either paging or cursorPaging, not both', 'CUSTOM');
  if (query.paging !== undefined) {
    const paging = (query.paging ?? {}) as { limit?: unknown; offset?: unknown };
    const limit = readLimit(paging.limit, 'query.paging.limit', 0, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = readLimit(paging.offset, 'query.paging.offset', 0, Number.MAX_SAFE_INTEGER, 0);
    return { mode: 'offset', limit, state: { o: offset, f: query.filter, s: parseSort(query.sort, SPEC) } };
  }
  const paging = (query.cursorPaging ?? {}) as { limit?: unknown; cursor?: unknown };
  const limit = readLimit(paging.limit, 'query.cursorPaging.limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  if (typeof paging.cursor !== 'string' || paging.cursor === '')
    return { mode: 'cursor', limit, state: { o: 0, f: query.filter, s: parseSort(query.sort, SPEC) } };
  if (query.filter !== undefined || query.sort !== undefined) {
    throw validationError(
      [
        {
          field: 'query.cursorPaging.cursor',
          description:
            'invalid cursor: a cursor carries its own filter and sort; send only the cursor (and optionally a limit)',
          violatedRule: 'CUSTOM',
          ruleName: 'INVALID_CURSOR',
        },
      ],
      'invalid cursor',
    );
  }
  const state = decodeCursor<PackagesCursor>(paging.cursor, 'query.cursorPaging.cursor');
  if (typeof state.o !== 'number' || state.o < 0)
    throw invalidField('query.cursorPaging.cursor', 'invalid cursor', 'FORMAT');
  return { mode: 'cursor', limit, state };
}

/** Route handler of Query Packages. */
export function queryPackages(ctx: RouteContext, body: z.output<typeof QueryPackagesRequest>): Record<string, unknown> {
  const { mode, limit, state } = readPaging(body.query);
  const predicate = compileFilter(state.f, SPEC);
  const sort = state.s && state.s.length > 0 ? state.s : [{ fieldName: 'createdDate', order: 'DESC' as const }];
  const root = ctx.world.rootOf(ctx.accountId);
  const inTree = [...ctx.world.packages.values()].filter((p) => ctx.world.rootOf(p.accountId) === root);
  const all = sortItems(inTree.filter(predicate), sort, SPEC, (p) => p.id);
  const offset = state.o;
  const packages = all.slice(offset, offset + limit);
  const hasNext = offset + packages.length < all.length;
  if (mode === 'offset')
    return {
      metadata: { count: packages.length, offset, total: all.length, tooManyToCount: false, hasNext },
      packages,
    };
  const cursors: { next?: string; prev?: string } = {};
  if (hasNext) cursors.next = encodeCursor({ ...state, o: offset + packages.length });
  if (offset > 0) cursors.prev = encodeCursor({ ...state, o: Math.max(0, offset - limit) });
  return { metadata: { count: packages.length, cursors, hasNext }, packages };
}
