import type { z } from 'zod/v4';
import { validationError, type FieldViolation } from './errors.js';

/** The zod issue kinds as Wix's `violatedRule` names. */
function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small')
    return issue.origin === 'array' ? 'MIN_SIZE' : issue.origin === 'string' ? 'MIN_LENGTH' : 'MIN';
  if (issue.code === 'too_big')
    return issue.origin === 'array' ? 'MAX_SIZE' : issue.origin === 'string' ? 'MAX_LENGTH' : 'MAX';
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) return 'REQUIRED_FIELD';
  if (issue.message === 'is required') return 'REQUIRED_FIELD';
  return 'FORMAT';
}

/** `['products', 0, 'countryCode']` → `products[0].countryCode` (Wix's field names). */
function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || 'body';
}

/**
 * Validates a request body against a contract schema: the parsed value, or a 400 `validationError` with one field
 * violation per problem (Wix's body shape; the field is the dotted path, e.g. `folder.name`).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  // reportInput: a wrong-typed field (input present) is FORMAT, a missing one REQUIRED_FIELD (see ruleOf).
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  throw validationError(result.error.issues.flatMap(violationsOf));
}

/** One issue as field violations: an unknown field of a strict object is one violation per field, named by it. */
function violationsOf(issue: z.core.$ZodIssue): FieldViolation[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      field: fieldOf([...issue.path, key]),
      description: 'unknown field',
      violatedRule: 'FORMAT',
    }));
  const rule = ruleOf(issue);
  return [
    {
      field: fieldOf(issue.path),
      description: rule === 'REQUIRED_FIELD' ? 'is required' : issue.message,
      violatedRule: rule,
    },
  ];
}

/** The schema under optional/default/nullable wrappers (to tell a repeated or numeric query parameter). */
function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type)
    ? unwrapped(def.innerType)
    : schema;
}

/**
 * Validates a query string against a contract schema (a z.object of the parameters, keyed by their wire names,
 * e.g. `paging.limit`): array parameters take every repetition (`tlds=com&tlds=net`), numeric ones are read as
 * numbers, an empty value counts as absent. Parameters the schema does not name are ignored, as Wix does. Errors as
 * {@link parseBody}.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: URLSearchParams): z.output<S> {
  const input: Record<string, unknown> = {};
  const shape: Record<string, z.core.$ZodType> = schema.shape;
  for (const [name, field] of Object.entries(shape)) {
    const type = unwrapped(field)._zod.def.type;
    if (type === 'array') {
      const values = query.getAll(name).filter((v) => v !== '');
      if (values.length > 0) input[name] = values;
      continue;
    }
    const value = query.get(name);
    if (value === null || value === '') continue;
    input[name] = type === 'number' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  return parseBody(schema, input);
}
