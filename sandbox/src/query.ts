import { invalidField, validationError } from './errors.js';

/**
 * The Wix query language (CONTRACT §0.3) as the sandbox evaluates it: Mongo-like filters with a per-field operator
 * whitelist (an unsupported field or operator is a validation error, never ignored), sort, and opaque cursors.
 */
export type Operator =
  | '$eq'
  | '$ne'
  | '$gt'
  | '$gte'
  | '$lt'
  | '$lte'
  | '$in'
  | '$nin'
  | '$startsWith'
  | '$isEmpty'
  | '$exists'
  | '$hasAll'
  | '$hasSome';

export interface FieldSpec<T> {
  /** Operators this API supports on the field. Plain equality counts as `$eq`. */
  ops: readonly Operator[];
  /** Reads the field; array fields return every value (e.g. every instance's status). */
  get: (item: T) => unknown;
  /** Compare strings case-insensitively (enum values written in mixed case in Wix's own examples). */
  caseInsensitive?: boolean;
  /** A custom test replacing the generic one (e.g. the Sites `name` search). */
  match?: (item: T, op: Operator, value: unknown) => boolean;
}

export interface QuerySpec<T> {
  fields: Record<string, FieldSpec<T>>;
  /** Sortable fields and how to read their sort key. */
  sortable: Record<string, (item: T) => string | number | undefined>;
}

export type Predicate<T> = (item: T) => boolean;

const LOGICAL = new Set(['$and', '$or', '$not']);

/** Compiles `filter` into a predicate; throws a 400 validationError naming the bad field or operator. */
export function compileFilter<T>(filter: unknown, spec: QuerySpec<T>, path = 'query.filter'): Predicate<T> {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalidField(path, 'must be an object', 'FORMAT');
  const parts: Predicate<T>[] = [];
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (LOGICAL.has(key)) parts.push(compileLogical(key, condition, spec, `${path}.${key}`));
    else parts.push(compileField(key, condition, spec, `${path}.${key}`));
  }
  return (item) => parts.every((p) => p(item));
}

function compileLogical<T>(op: string, condition: unknown, spec: QuerySpec<T>, path: string): Predicate<T> {
  if (op === '$not') {
    const inner = compileFilter(condition, spec, path);
    return (item) => !inner(item);
  }
  if (!Array.isArray(condition) || condition.length === 0)
    throw invalidField(path, `${op} takes a non-empty array of filters`, 'FORMAT');
  const inner = condition.map((c, i) => compileFilter(c, spec, `${path}[${i}]`));
  return op === '$and' ? (item) => inner.every((p) => p(item)) : (item) => inner.some((p) => p(item));
}

function compileField<T>(field: string, condition: unknown, spec: QuerySpec<T>, path: string): Predicate<T> {
  const fieldSpec = spec.fields[field];
  if (!fieldSpec)
    throw validationError([
      {
        field: path,
        description: `filtering by ${field} is not supported`,
        violatedRule: 'CUSTOM',
        ruleName: 'UNSUPPORTED_FILTER',
      },
    ]);
  const isOperatorObject =
    condition !== null &&
    typeof condition === 'object' &&
    !Array.isArray(condition) &&
    Object.keys(condition).some((k) => k.startsWith('$'));
  const entries: Array<[Operator, unknown]> = isOperatorObject
    ? (Object.entries(condition) as Array<[Operator, unknown]>)
    : [['$eq', condition]];
  const tests = entries.map(([op, value]) => {
    if (!fieldSpec.ops.includes(op)) {
      throw validationError([
        {
          field: path,
          description: `operator ${op} is not supported for ${field} (supported: ${fieldSpec.ops.join(' ')})`,
          violatedRule: 'CUSTOM',
          ruleName: 'UNSUPPORTED_OPERATOR',
        },
      ]);
    }
    checkOperand(op, value, `${path}.${op}`);
    if (fieldSpec.match) {
      const match = fieldSpec.match;
      return (item: T) => match(item, op, value);
    }
    return (item: T) => test(op, fieldSpec.get(item), value, fieldSpec.caseInsensitive ?? false);
  });
  return (item) => tests.every((t) => t(item));
}

function checkOperand(op: Operator, value: unknown, path: string): void {
  if (['$in', '$nin', '$hasAll', '$hasSome'].includes(op) && !Array.isArray(value))
    throw invalidField(path, `${op} takes an array`, 'FORMAT');
  if (['$exists', '$isEmpty'].includes(op) && typeof value !== 'boolean')
    throw invalidField(path, `${op} takes a boolean`, 'FORMAT');
  if (op === '$startsWith' && typeof value !== 'string')
    throw invalidField(path, '$startsWith takes a string', 'FORMAT');
}

function norm(value: unknown, ci: boolean): unknown {
  return ci && typeof value === 'string' ? value.toLowerCase() : value;
}

function test(op: Operator, actual: unknown, expected: unknown, ci: boolean): boolean {
  const a = Array.isArray(actual) ? actual.map((v) => norm(v, ci)) : norm(actual, ci);
  const e = Array.isArray(expected) ? expected.map((v) => norm(v, ci)) : norm(expected, ci);
  switch (op) {
    case '$eq':
      return a === e;
    case '$ne':
      return a !== e;
    case '$gt':
      return a !== undefined && (a as number) > (e as number);
    case '$gte':
      return a !== undefined && (a as number) >= (e as number);
    case '$lt':
      return a !== undefined && (a as number) < (e as number);
    case '$lte':
      return a !== undefined && (a as number) <= (e as number);
    case '$in':
      return (e as unknown[]).includes(a);
    case '$nin':
      return !(e as unknown[]).includes(a);
    case '$startsWith':
      return typeof a === 'string' && a.toLowerCase().startsWith((e as string).toLowerCase());
    case '$exists':
      return (a !== undefined && a !== null) === e;
    case '$isEmpty':
      return (a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0)) === e;
    case '$hasSome':
      return Array.isArray(a) && (e as unknown[]).some((v) => a.includes(v));
    case '$hasAll':
      return Array.isArray(a) && (e as unknown[]).every((v) => a.includes(v));
  }
}

export interface SortItem {
  fieldName: string;
  order: 'ASC' | 'DESC';
}

/** Validates `sort` against the sortable fields; defaults `order` to ASC. */
export function parseSort<T>(sort: unknown, spec: QuerySpec<T>, path = 'query.sort'): SortItem[] {
  if (sort === undefined || sort === null) return [];
  if (!Array.isArray(sort)) throw invalidField(path, 'must be an array', 'FORMAT');
  return sort.map((entry, i) => {
    const item = entry as { fieldName?: unknown; order?: unknown };
    if (typeof item?.fieldName !== 'string')
      throw invalidField(`${path}[${i}].fieldName`, 'is required', 'REQUIRED_FIELD');
    if (!(item.fieldName in spec.sortable))
      throw invalidField(`${path}[${i}].fieldName`, `sorting by ${item.fieldName} is not supported`, 'CUSTOM');
    const order = item.order ?? 'ASC';
    if (order !== 'ASC' && order !== 'DESC') throw invalidField(`${path}[${i}].order`, 'must be ASC or DESC', 'FORMAT');
    return { fieldName: item.fieldName, order };
  });
}

/** Sorts by the given keys, then by `tieBreak` so that paging is stable. */
export function sortItems<T>(items: T[], sort: SortItem[], spec: QuerySpec<T>, tieBreak: (item: T) => string): T[] {
  return items.sort((x, y) => {
    for (const s of sort) {
      const read = spec.sortable[s.fieldName];
      if (!read) continue;
      const a = read(x);
      const b = read(y);
      if (a === b) continue;
      if (a === undefined) return 1;
      if (b === undefined) return -1;
      const c = a < b ? -1 : 1;
      return s.order === 'DESC' ? -c : c;
    }
    const a = tieBreak(x);
    const b = tieBreak(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Opaque cursor: base64url JSON. Carries whatever the endpoint needs to resume (offset, query). */
export function encodeCursor(state: object): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor<S>(token: string, path: string): S {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (state && typeof state === 'object') return state as S;
  } catch {
    // fall through
  }
  throw invalidField(path, 'invalid cursor', 'FORMAT');
}

/** Reads an integer limit with bounds, or the default. */
export function readLimit(value: unknown, path: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidField(path, 'must be an integer', 'FORMAT');
  if (n < min || n > max) throw invalidField(path, `must be between ${min} and ${max}`, n < min ? 'MIN' : 'MAX');
  return n;
}
