import { ErrorCode, GatewayError } from '../errors.js';
import type { UserError } from '../model/user-error.js';
import { SHARED_USER_ERROR_TABLES } from './shared-tables.js';
import type { UserErrorSpec } from './spec.js';

export type { UserErrorSpec } from './spec.js';

/** The spec of a Wix code, if one of the shared tables knows it (the first that does wins). */
export function userErrorSpec(code: string): UserErrorSpec | undefined {
  for (const table of SHARED_USER_ERROR_TABLES) if (table[code]) return table[code];
  return undefined;
}

/** Gateway codes that a payload reports as user errors rather than top-level errors. */
export const GatewayUserErrorCode = {
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  IDEMPOTENCY_OUTCOME_UNKNOWN: 'IDEMPOTENCY_OUTCOME_UNKNOWN',
  NOT_FOUND: 'NOT_FOUND',
} as const;

/** A user error (field null: about the request as a whole). */
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
  if (code !== ErrorCode.BAD_USER_INPUT && code !== ErrorCode.NOT_FOUND && code !== ErrorCode.FORBIDDEN)
    return undefined;
  const wixCode = error.wixCode;
  const spec = wixCode ? userErrorSpec(wixCode) : undefined;
  const field = spec?.field ? `${fieldPrefix}.${spec.field}` : null;
  return userError(spec?.code ?? wixCode ?? String(code), spec?.message ?? error.message, field);
}

/**
 * Like {@link toUserError}, worded by one mutation's own table first: the same Wix code can concern different input
 * fields in different mutations (SITE_NOT_FOUND is `products` in createPackage, `siteId` in transferSite).
 */
export function toUserErrorWith(
  error: unknown,
  table: Record<string, UserErrorSpec>,
  fieldPrefix = 'input',
): UserError | undefined {
  const generic = toUserError(error, fieldPrefix);
  const wixCode = error instanceof GatewayError ? error.wixCode : undefined;
  const spec = wixCode ? table[wixCode] : undefined;
  if (!generic || !wixCode || !spec) return generic;
  return userError(spec.code ?? wixCode, spec.message, spec.field ? `${fieldPrefix}.${spec.field}` : null);
}

/**
 * The user error of a ledger refusal: the key was used with another input, its first call is still running, or its
 * first call failed in a way that leaves unknown whether Wix acted (only for writes that cannot be safely repeated).
 */
export function idempotencyUserError(
  outcome: { state: 'conflict'; mutation: string } | { state: 'busy' } | { state: 'unknown' },
): UserError {
  if (outcome.state === 'conflict')
    return userError(
      GatewayUserErrorCode.IDEMPOTENCY_CONFLICT,
      `This idempotency key was already used for ${outcome.mutation} with a different input; use a new key for a new action.`,
      'input.idempotencyKey',
    );
  if (outcome.state === 'busy')
    return userError(
      GatewayUserErrorCode.IDEMPOTENCY_IN_PROGRESS,
      'A request with this idempotency key is still running; retry shortly to get its result.',
      'input.idempotencyKey',
    );
  return userError(
    GatewayUserErrorCode.IDEMPOTENCY_OUTCOME_UNKNOWN,
    "The first request with this idempotency key failed without an answer from Wix, so it may have taken effect; it is not repeated. Check the result (e.g. the account's subAccounts) and use a new key only if it did not happen.",
    'input.idempotencyKey',
  );
}
