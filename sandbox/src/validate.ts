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
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const violations: FieldViolation[] = result.error.issues.map((issue) => {
    const rule = ruleOf(issue);
    return {
      field: fieldOf(issue.path),
      description: rule === 'REQUIRED_FIELD' ? 'is required' : issue.message,
      violatedRule: rule,
    };
  });
  throw validationError(violations);
}
