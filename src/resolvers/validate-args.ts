import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { ErrorCode, GatewayError, validationFields } from '../errors.js';

/**
 * type-graphql's own validation with the options it would use (`skipMissingProperties` on, `forbidUnknownValues` off),
 * rejected values not copied into errors.
 */
const OPTIONS: ValidatorOptions = {
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

/**
 * Argument values that passed, by class and JSON (a dashboard validates its per-site fields' arguments a hundred times
 * a request). Bounded by count and by key length; failures are never kept, so every refusal is worked out afresh.
 */
const KNOWN_VALID = new LRUCache<string, true>({ max: 1_000 });
const MAX_KEY_LENGTH = 512;
const classIds = new WeakMap<object, number>();
let nextClassId = 0;

/** `<class id>:<JSON>` of an argument value (each item of a list), or undefined when it is too long to keep. */
function validKey(value: object): string | undefined {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const first = items.find((item): item is object => item !== null && typeof item === 'object');
  if (!first) return undefined;
  let id = classIds.get(first.constructor);
  if (id === undefined) classIds.set(first.constructor, (id = nextClassId++));
  const json = JSON.stringify(value);
  return json.length > MAX_KEY_LENGTH ? undefined : `${id}:${json}`;
}

/**
 * The arguments' validation (buildSchema's `validateFn`): what type-graphql does with `validate` settings — each
 * object argument (each item of a list) through class-validator — minus its per-call `import("class-validator")`, and
 * with the field paths of user errors: a mutation's single `input` argument is named in the path
 * (`input.contacts.registrant.email`), as `userErrors.field` names it; arguments of queries are named as they are
 * (`first`, `filter.siteId`). It replaces a global middleware that did the renaming around every field of every type,
 * which made each scalar field's resolution asynchronous.
 */
export const validateArgs: ValidatorFn = async (raw, _type, { info }) => {
  const value = raw as unknown;
  if (value === null || typeof value !== 'object') return;
  // The same arguments again (a nested field's, once per parent item): their rules are pure, the answer is known.
  const key = validKey(value);
  if (key !== undefined && KNOWN_VALID.has(key)) return;
  try {
    if (Array.isArray(value))
      await Promise.all(
        (value as unknown[])
          .filter((item): item is object => item !== null && typeof item === 'object')
          .map((item) => validateOrReject(item, OPTIONS)),
      );
    else await validateOrReject(value, OPTIONS);
    if (key !== undefined) KNOWN_VALID.set(key, true);
  } catch (errors) {
    throw withInputPaths(new ArgumentValidationError(errors as ValidationError[]), info);
  }
};

/** The validation failure as BAD_USER_INPUT with the field paths of user errors. */
function withInputPaths(error: ArgumentValidationError, info: GraphQLResolveInfo): Error {
  const fields = validationFields(error);
  if (!fields) return error;
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const prefix = args.length === 1 && args[0]?.name === 'input' ? 'input.' : '';
  const named = fields.map((f) => ({ field: `${prefix}${f.field}`, message: f.message }));
  return new GatewayError(
    ErrorCode.BAD_USER_INPUT,
    `Invalid input: ${named.map((f) => `${f.field} ${f.message}`).join('; ')}`,
    { fields: named },
  );
}
