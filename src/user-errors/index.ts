import { ErrorCode, GatewayError } from '../errors.js';
import type { UserError } from '../schema/user-error.type.js';

/** A readable message and the input field a Wix error code is about (null: the request as a whole). */
export interface UserErrorSpec {
  message: string;
  field: string | null;
}

const tables: Array<Record<string, UserErrorSpec>> = [];

/** Registers a table of Wix error codes (one table per Wix API, in this folder). */
export function registerUserErrors(table: Record<string, UserErrorSpec>): void {
  tables.push(table);
}

/** The spec of a Wix code, if any table knows it. */
export function userErrorSpec(code: string): UserErrorSpec | undefined {
  for (const table of tables) if (table[code]) return table[code];
  return undefined;
}

/** Gateway codes that a payload reports as user errors rather than top-level errors. */
export const GatewayUserErrorCode = {
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  NOT_FOUND: 'NOT_FOUND',
} as const;

export function userError(code: string, message: string, field: string | null = null): UserError {
  return { code, message, field };
}

/**
 * Turns an expected business failure (a Wix 4xx with an application error code, or NOT_FOUND/FORBIDDEN) into a user
 * error with a stable code and a readable message; returns undefined for anything else (transient upstream trouble,
 * internal errors), which the caller rethrows as a top-level error.
 */
export function toUserError(error: unknown, fieldPrefix = 'input'): UserError | undefined {
  if (!(error instanceof GatewayError)) return undefined;
  const code = error.extensions.code;
  if (code !== ErrorCode.BAD_USER_INPUT && code !== ErrorCode.NOT_FOUND && code !== ErrorCode.FORBIDDEN) return undefined;
  const wixCode = error.wixCode;
  const spec = wixCode ? userErrorSpec(wixCode) : undefined;
  const field = spec?.field ? `${fieldPrefix}.${spec.field}` : null;
  return userError(wixCode ?? String(code), spec?.message ?? error.message, field);
}

/** Runs a mutation body and converts expected business failures into `{ userErrors }`. */
export async function catchUserErrors<T extends object>(run: () => Promise<T>, empty: () => T & { userErrors: UserError[] }, fieldPrefix = 'input'): Promise<T & { userErrors?: UserError[] }> {
  try {
    return await run();
  } catch (error) {
    const ue = toUserError(error, fieldPrefix);
    if (!ue) throw error;
    const payload = empty();
    payload.userErrors.push(ue);
    return payload;
  }
}
