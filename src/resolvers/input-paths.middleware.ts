import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import { ErrorCode, GatewayError, validationFields } from '../errors.js';

/**
 * Gives argument-validation errors the same field paths as user errors: a mutation's single `input` argument is
 * named in the path (`input.contacts.registrant.email`), as `userErrors.field` names it; arguments of queries are
 * named as they are (`first`, `filter.siteId`). Runs around type-graphql's validation of the arguments.
 */
export const inputPaths: MiddlewareFn = async ({ info }, next) => {
  try {
    return (await next()) as unknown;
  } catch (error) {
    const fields = error instanceof ArgumentValidationError ? validationFields(error) : undefined;
    if (!fields) throw error;
    const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
    const prefix = args.length === 1 && args[0]?.name === 'input' ? 'input.' : '';
    const named = fields.map((f) => ({ field: `${prefix}${f.field}`, message: f.message }));
    throw new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      `Invalid input: ${named.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      { fields: named },
    );
  }
};
