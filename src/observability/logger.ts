import pino, { type DestinationStream, type Logger } from 'pino';
import { scrub } from '../redact.js';

/** The gateway's structured logger (pino): one JSON object per line. */
export type GatewayLogger = Logger;

/** Log levels LOG_LEVEL accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How log lines are written: JSON lines (production) or pino-pretty's coloured lines (`npm run dev`). */
export type LogFormat = 'json' | 'pretty';

/**
 * Every field that can hold a credential, wherever it sits in a logged object (top level, one or two levels down):
 * request headers (Authorization, cookies, API-key headers), graphql-ws connection params, tokens, keys, secrets.
 * pino replaces their values with `[redacted]` before the line is written.
 */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'apiKey',
  'api_key',
  'wixApiKey',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'bearer',
  'password',
  'secret',
  'clientSecret',
  'connectionParams',
];

/** pino redact paths: each secret field at the top level and up to two levels down (e.g. `req.headers.authorization`). */
export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) =>
  /^[A-Za-z_$][\w$]*$/.test(field) ? [field, `*.${field}`, `*.*.${field}`] : [`*["${field}"]`, `*.*["${field}"]`],
);

/** Settings of {@link createLogger}. */
export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go (default: stdout). Tests give a file or an in-memory stream. */
  destination?: DestinationStream;
}

/**
 * The gateway's logger: JSON lines with `level` as a word, `time` in ISO 8601, `service`, the redaction above, and,
 * as a last line of defence, every message (and `error` / `detail` / `reason` field) scrubbed of credential-shaped text (redact.ts: the registered API key,
 * bearer tokens, `IST.` keys, JWTs).
 */
export function createLogger(options: LoggerOptions = {}): GatewayLogger {
  const base = {
    level: options.level ?? 'info',
    base: { service: 'wix-account-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, args.map(scrubArg));
      },
    },
  };
  if (options.format === 'pretty' && !options.destination)
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino({ ...base, formatters: { level: (label) => ({ level: label }) } }, options.destination);
}

/** Fields that carry free text from elsewhere (an error's message, a step's detail): scrubbed like messages. */
const FREE_TEXT = ['error', 'detail', 'reason'] as const;

function scrubArg(arg: unknown): unknown {
  if (typeof arg === 'string') return scrub(arg);
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return arg;
  const fields = arg as Record<string, unknown>;
  if (!FREE_TEXT.some((k) => typeof fields[k] === 'string')) return arg;
  const copy = { ...fields };
  for (const k of FREE_TEXT) if (typeof copy[k] === 'string') copy[k] = scrub(copy[k]);
  return copy;
}

/** A logger that writes nothing (a Gateway started without one, e.g. by a benchmark). */
export function silentLogger(): GatewayLogger {
  return pino({ level: 'silent' });
}
