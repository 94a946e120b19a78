import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { scrub } from './redact.js';
import { SHARED_USER_ERROR_TABLES } from './user-errors/shared-tables.js';

/**
 * The one place that maps failures to the gateway's error codes and masks everything else. Upstream bodies, ky
 * errors and the API key never reach a client: only a code, a short message and (where there is one) Wix's code.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /**
   * The gateway's shared store (PostgreSQL, DATABASE_URL) cannot be reached: mutations (every one writes upstream, is
   * audited, and the paid ones need the idempotency ledger) are refused before any upstream call; reads go on.
   */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
} as const;
/** One of the gateway's error codes (`extensions.code`). */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Upstream failures worth retrying later (Wix unavailable, rate-limited, slow): a flow retries its step, a poller
 * backs off and keeps its subscribers. Anything else is final.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_RATE_LIMITED,
  ErrorCode.UPSTREAM_TIMEOUT,
]);

/** True for a transient upstream failure (see TRANSIENT_CODES). */
export function isTransientUpstream(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** One rejected input field: its path (e.g. `input.contacts.registrant.email`) and why. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error the gateway means to show: a code, a safe message, and optionally Wix's code and field errors. */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { wixCode?: string; httpStatus?: number; fields?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(options.wixCode ? { wixCode: options.wixCode } : {}),
        ...(options.httpStatus ? { upstreamStatus: options.httpStatus } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
        ...(options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
      },
    });
  }

  /** Wix's own error code (`details.applicationError.code`), when Wix gave one. */
  get wixCode(): string | undefined {
    return this.extensions.wixCode as string | undefined;
  }
}

/** What the data sources know of a failed upstream call (never the body text or the key). */
export interface UpstreamFailure {
  kind: 'http' | 'timeout' | 'network';
  status?: number;
  wixCode?: string;
  /** Wix's own message text: never put in an answer (see mapUpstreamFailure); the HTTP client no longer reads it. */
  wixMessage?: string;
  retryAfterSeconds?: number;
  operation: string;
}

/**
 * Maps a failed upstream call to a GatewayError. The message comes from the gateway's own words: the status, and for
 * a Wix code the shared user-error tables' wording (or the code itself when it is a clean identifier). Wix's message
 * text is never copied: a proxy or an upstream that echoes a request header would otherwise echo the API key.
 */
export function mapUpstreamFailure(f: UpstreamFailure): GatewayError {
  if (f.kind === 'timeout')
    return new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, `Wix did not answer ${f.operation} in time`);
  if (f.kind === 'network')
    return new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `Wix could not be reached for ${f.operation}`);
  const status = f.status ?? 0;
  const opts = { wixCode: f.wixCode, httpStatus: status };
  const detail = wixCodeDetail(f.wixCode);
  if (status === 429)
    return new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, `Wix rate-limited ${f.operation}; retry later`, {
      ...opts,
      retryAfterSeconds: f.retryAfterSeconds,
    });
  if (status >= 500)
    return new GatewayError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `Wix failed on ${f.operation} (HTTP ${status}); retry later`,
      opts,
    );
  if (status === 401)
    return new GatewayError(
      ErrorCode.UNAUTHENTICATED,
      `Wix refused the gateway's credentials for ${f.operation}`,
      opts,
    );
  if (status === 403) return new GatewayError(ErrorCode.FORBIDDEN, `Wix refused ${f.operation}${detail}`, opts);
  if (status === 404) return new GatewayError(ErrorCode.NOT_FOUND, `Not found (${f.operation})${detail}`, opts);
  if (status === 400 || status === 409 || status === 428)
    return new GatewayError(ErrorCode.BAD_USER_INPUT, `Wix rejected ${f.operation}${detail}`, opts);
  return new GatewayError(
    ErrorCode.INTERNAL_SERVER_ERROR,
    `Unexpected answer from Wix to ${f.operation} (HTTP ${status})`,
    opts,
  );
}

/** `: <the tables' wording>` for a known Wix code, ` (<code>)` for another clean one, else nothing. */
function wixCodeDetail(code: string | undefined): string {
  if (!code) return '';
  for (const table of SHARED_USER_ERROR_TABLES) {
    const spec = table[code];
    if (spec) return `: ${spec.message}`;
  }
  return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(code) ? ` (${code})` : '';
}

/** Apollo's and graphql-js's codes for a bad request: their message is about the document, safe to show as is. */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: keeps GatewayErrors and GraphQL's own validation errors, turns argument validation into
 * BAD_USER_INPUT with field errors (never echoing the rejected values), and masks everything else.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return scrubbed(codedError(formatted, error));
}

/** The last line: no message or string extension leaves the gateway with a credential in it. */
function scrubbed(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions && scrubValues(formatted.extensions);
  return { ...formatted, message: scrub(formatted.message), ...(extensions ? { extensions } : {}) };
}

function scrubValues(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] =
      typeof v === 'string'
        ? scrub(v)
        : Array.isArray(v)
          ? v.map((item: unknown) =>
              typeof item === 'string'
                ? scrub(item)
                : item && typeof item === 'object'
                  ? scrubValues(item as Record<string, unknown>)
                  : item,
            )
          : v && typeof v === 'object'
            ? scrubValues(v as Record<string, unknown>)
            : v;
  return out;
}

function codedError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof GatewayError)
    return { ...formatted, message: original.message, extensions: { ...original.extensions } };
  const validation = validationFields(original);
  if (validation) {
    return {
      ...formatted,
      message: `Invalid input: ${validation.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: validation },
    };
  }
  const code = String(formatted.extensions?.code);
  if (REQUEST_ERROR_CODES.has(code))
    return { ...formatted, extensions: { code: code === 'BAD_REQUEST' ? ErrorCode.BAD_USER_INPUT : code } };
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

/** Flattens type-graphql's ArgumentValidationError (class-validator errors) into field paths and messages. */
export function validationFields(error: unknown): FieldError[] | undefined {
  const errors = error as
    { extensions?: { validationErrors?: ClassValidatorError[] }; validationErrors?: ClassValidatorError[] } | undefined;
  const list = errors?.extensions?.validationErrors ?? errors?.validationErrors;
  if (!Array.isArray(list) || !(error instanceof Error) || !/Argument Validation Error/i.test(error.message))
    return undefined;
  const out: FieldError[] = [];
  const walk = (items: ClassValidatorError[], prefix: string) => {
    for (const item of items) {
      const field = prefix ? `${prefix}.${item.property}` : item.property;
      for (const message of Object.values(item.constraints ?? {}))
        out.push({ field, message: message.replace(new RegExp(`^${item.property}\\s+`), '') });
      if (item.children?.length) walk(item.children, field);
    }
  };
  walk(list, '');
  return out;
}
