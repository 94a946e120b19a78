import { closeSync, constants, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { AuthConfigError, loadAuthConfig } from './auth/config.js';
import type { GatewayAuthOptions } from './auth/gateway-auth.js';
import { CatalogError, defaultCatalog, readCatalogFile, type ProductCatalog } from './catalog.js';
import { TrustedDocuments, TrustedDocumentsError } from './limits/trusted-documents.js';
import { loadSharedConfig, SharedConfigError, type SharedConfig } from './shared/shared-config.js';
import { LOG_LEVELS, type LogFormat, type LogLevel } from './observability/logger.js';

/*
 * Gateway configuration, read once from environment variables and validated at start-up: a bad value stops the
 * process with one line naming the variable. The API key is kept out of every message. README.md's configuration
 * table lists every variable read here, with its default and range.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const port = <F extends number | undefined>(fallback: F) =>
  z
    .string()
    .optional()
    .transform((v, ctx): number | F => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an integer from 0 to 65535 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const positiveInt = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an integer from 1 to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const DAY_MS = 86_400_000;

/** An OTLP/HTTP endpoint: an http(s) URL, or unset (empty counts as unset). */
const otlpUrl = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .url('must be an http(s) URL')
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .optional(),
  );

const schema = z
  .object({
    PORT: port(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    WIX_API_KEY: z.string().min(1, 'must not be empty when set').optional(),
    WIX_ACCOUNT_ID: z.string().regex(GUID, 'must be a Wix account ID (a GUID)').optional(),
    WIX_API_BASE_URL: z
      .string()
      .url('must be an http(s) URL')
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .default('https://www.wixapis.com'),
    SANDBOX_PORT: port(undefined),
    SANDBOX_SEED: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return 1;
        if (!/^\d{1,9}$/.test(v)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a non-negative integer (got "${v}")` });
          return z.NEVER;
        }
        return Number(v);
      }),
    SANDBOX_RATE_LIMIT_PER_MINUTE: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return undefined;
        if (!/^\d{1,7}$/.test(v) || Number(v) > 1_000_000) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be an integer from 0 (no limit) to 1000000 (got "${v}")`,
          });
          return z.NEVER;
        }
        return Number(v);
      }),
    SANDBOX_CLOCK: z.enum(['real', 'manual'], { message: 'must be "real" or "manual"' }).default('real'),
    SANDBOX_STATE_FILE: z.string().min(1, 'must not be empty when set').optional(),
    UPSTREAM_TIMEOUT_MS: positiveInt(10_000, 120_000),
    POLL_INTERVAL_MS: positiveInt(5_000, 3_600_000),
    POLL_MAX_INTERVAL_MS: positiveInt(60_000, 3_600_000),
    MAX_POLLERS_PER_TENANT: positiveInt(50, 10_000),
    CATALOG_FILE: z.string().min(1, 'must not be empty when set').optional(),
    OPERATION_STORE_PATH: z.string().min(1, 'must not be empty when set').default('.data/operations.sqlite'),
    OPERATION_LEASE_MS: positiveInt(30_000, 3_600_000),
    OPERATION_RETENTION_MS: positiveInt(30 * DAY_MS, 3_650 * DAY_MS),
    LEDGER_RETENTION_MS: positiveInt(7 * DAY_MS, 3_650 * DAY_MS),
    RETENTION_SWEEP_MS: positiveInt(600_000, DAY_MS),
    IDEMPOTENCY_RESERVATION_MS: positiveInt(60_000, 3_600_000),
    READY_RETRY_MS: positiveInt(5_000, 3_600_000),
    DATABASE_URL: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || v === '' || (/^postgres(ql)?:\/\/./.test(v) && URL.canParse(v)),
        'must be a postgres:// URL (e.g. postgres://user:password@host:5432/database)',
      ),
    TRUSTED_DOCUMENTS: z.string().min(1, 'must not be empty when set').optional(),
    WIX_RATE_LIMIT_PER_MINUTE: positiveInt(200, 1_000_000),
    UPSTREAM_QUEUE_MAX_WAIT_MS: positiveInt(5_000, 600_000),
    POLL_BUDGET_SHARE: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return 0.5;
        const n = Number(v);
        if (!/^\d*\.?\d+$/.test(v) || !(n > 0 && n <= 1)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a number above 0 and at most 1 (got "${v}")` });
          return z.NEVER;
        }
        return n;
      }),
    READ_CACHE: z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).default('on'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl,
    OTEL_SDK_DISABLED: z.enum(['true', 'false', '']).optional(),
    METRICS_PORT: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return undefined;
        if (!/^\d+$/.test(v) || Number(v) > 65535) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an integer from 0 to 65535 (got "${v}")` });
          return z.NEVER;
        }
        return Number(v);
      }),
  })
  .superRefine((env, ctx) => {
    if (env.WIX_API_KEY && !env.WIX_ACCOUNT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WIX_ACCOUNT_ID'],
        message: 'is required when WIX_API_KEY is set (the main account ID)',
      });
    }
    if (env.OPERATION_LEASE_MS < 1_000) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['OPERATION_LEASE_MS'],
        message: `must be at least 1000 (got ${env.OPERATION_LEASE_MS})`,
      });
    }
    if (env.WIX_RATE_LIMIT_PER_MINUTE < 10) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WIX_RATE_LIMIT_PER_MINUTE'],
        message: `must be at least 10 (got ${env.WIX_RATE_LIMIT_PER_MINUTE})`,
      });
    }
    if (env.POLL_MAX_INTERVAL_MS < env.POLL_INTERVAL_MS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['POLL_MAX_INTERVAL_MS'],
        message: `must be at least POLL_INTERVAL_MS (${env.POLL_INTERVAL_MS})`,
      });
    }
  });

/** The validated configuration the gateway runs with. */
export interface Config {
  port: number;
  host: string;
  /** Set when talking to real Wix; absent ⇒ the embedded sandbox is started. */
  wixApiKey?: string;
  wixAccountId?: string;
  wixApiBaseUrl: string;
  /** SANDBOX_PORT when set; unset ⇒ any free port for the embedded sandbox, 4100 for `wix-account-graph sandbox`. */
  sandboxPort?: number;
  sandboxSeed: number;
  sandboxClock: 'real' | 'manual';
  /** SANDBOX_STATE_FILE: where `wix-account-graph sandbox` keeps its world across restarts; absent ⇒ memory only. */
  sandboxStateFile?: string;
  /** SANDBOX_RATE_LIMIT_PER_MINUTE: the sandbox refuses a key's calls past this many a minute (429); unset: no limit. */
  sandboxRateLimitPerMinute?: number;
  upstreamTimeoutMs: number;
  /** Status pollers (subscriptions, flows): base delay, upper bound of the backed-off delay, pollers per account. */
  polling: { intervalMs: number; maxIntervalMs: number; maxPollersPerTenant: number };
  /** CATALOG_FILE when set; absent ⇒ the default catalog (the sandbox's, `catalog/sandbox.json`). */
  catalogFile?: string;
  /** The product catalog, read and validated at start-up. */
  catalog: ProductCatalog;
  /** SQLite file of the operation store (flows and the mutation ledger); `:memory:` keeps nothing. */
  operationStorePath: string;
  /** Lease of a running operation: a dead gateway's operations are resumed this long after it stopped renewing. */
  operationLeaseMs: number;
  /** How long finished operations and ledger entries are kept, and how often older ones are pruned. */
  retention: { finishedOperationsMs: number; ledgerEntriesMs: number; sweepMs: number };
  /** After how long a ledger reservation of a call that never finished is taken to belong to a dead call. */
  idempotencyReservationMs: number;
  /** How often an unreachable upstream is checked again after start. */
  readyRetryMs: number;
  /**
   * DATABASE_URL: operations, ledger, tokens and audit trail in PostgreSQL (several instances share them); unset: the
   * SQLite files (OPERATION_STORE_PATH, AUTH_STORE_PATH).
   */
  databaseUrl?: string;
  /** METRICS_PORT: Prometheus metrics on `GET /metrics` of this port (on HOST); unset: not served. */
  metricsPort?: number;
  /** The rate budget: WIX_RATE_LIMIT_PER_MINUTE, UPSTREAM_QUEUE_MAX_WAIT_MS, POLL_BUDGET_SHARE, READ_CACHE. */
  budget: { limitPerMinute: number; maxWaitMs: number; pollShare: number; readCache: boolean };
  /** TRUSTED_DOCUMENTS, read and checked at start-up: only the operations it lists run. */
  trustedDocuments?: TrustedDocuments;
  /** Access control: AUTH, its token and audit store, JWT settings, CORS_ORIGINS, audit retention (src/auth/config.ts). */
  auth: GatewayAuthOptions;
  /** Several instances: REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_INSTANCES, POLL_LEASE_MS (src/shared/shared-config.ts). */
  shared: SharedConfig;
  /** LOG_LEVEL and LOG_FORMAT (json lines, or pino-pretty's lines for development). */
  log: { level: LogLevel; format: LogFormat };
  /**
   * The OTLP/HTTP traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`;
   * unset (tracing off) when neither is set or OTEL_SDK_DISABLED=true.
   */
  otlpTracesUrl?: string;
}

/** Thrown for a bad environment; `message` is one line naming the variable. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  let auth: GatewayAuthOptions;
  try {
    auth = loadAuthConfig(env, e.HOST, Boolean(e.WIX_API_KEY));
  } catch (error) {
    if (error instanceof AuthConfigError) throw new ConfigError(error.message);
    throw error;
  }
  let shared: SharedConfig;
  try {
    shared = loadSharedConfig(env);
  } catch (error) {
    if (error instanceof SharedConfigError) throw new ConfigError(error.message);
    throw error;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    wixApiKey: e.WIX_API_KEY,
    wixAccountId: e.WIX_ACCOUNT_ID,
    wixApiBaseUrl: e.WIX_API_BASE_URL.replace(/\/+$/, ''),
    sandboxPort: e.SANDBOX_PORT,
    sandboxSeed: e.SANDBOX_SEED,
    sandboxClock: e.SANDBOX_CLOCK,
    sandboxStateFile: e.SANDBOX_STATE_FILE,
    sandboxRateLimitPerMinute: e.SANDBOX_RATE_LIMIT_PER_MINUTE,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    polling: {
      intervalMs: e.POLL_INTERVAL_MS,
      maxIntervalMs: e.POLL_MAX_INTERVAL_MS,
      maxPollersPerTenant: e.MAX_POLLERS_PER_TENANT,
    },
    catalogFile: e.CATALOG_FILE,
    catalog: loadCatalog(e.CATALOG_FILE),
    operationStorePath: e.OPERATION_STORE_PATH,
    operationLeaseMs: e.OPERATION_LEASE_MS,
    retention: {
      finishedOperationsMs: e.OPERATION_RETENTION_MS,
      ledgerEntriesMs: e.LEDGER_RETENTION_MS,
      sweepMs: e.RETENTION_SWEEP_MS,
    },
    idempotencyReservationMs: e.IDEMPOTENCY_RESERVATION_MS,
    readyRetryMs: e.READY_RETRY_MS,
    databaseUrl: e.DATABASE_URL || undefined,
    trustedDocuments: loadTrustedDocuments(e.TRUSTED_DOCUMENTS),
    metricsPort: e.METRICS_PORT,
    budget: {
      limitPerMinute: e.WIX_RATE_LIMIT_PER_MINUTE,
      maxWaitMs: e.UPSTREAM_QUEUE_MAX_WAIT_MS,
      pollShare: e.POLL_BUDGET_SHARE,
      readCache: e.READ_CACHE === 'on',
    },
    auth,
    shared,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    otlpTracesUrl:
      e.OTEL_SDK_DISABLED === 'true'
        ? undefined
        : (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
          (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`)),
  };
}

/** Reads CATALOG_FILE (or the default catalog); a bad file is a one-line ConfigError naming the variable. */
function loadCatalog(file: string | undefined): ProductCatalog {
  try {
    return file ? readCatalogFile(file) : defaultCatalog();
  } catch (error) {
    if (error instanceof CatalogError) throw new ConfigError(`Configuration error: CATALOG_FILE ${error.message}`);
    throw error;
  }
}

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Makes sure the operation store can live at OPERATION_STORE_PATH (or another SQLite store at `variable`, e.g.
 * AUTH_STORE_PATH) before the gateway starts, so that a bad path is one line naming the variable rather than a SQLite
 * error (or, under /proc, a hang: Node's recursive mkdir spins forever there). Creates the missing folders one level at a time and the file if absent (SQLite takes an empty file
 * as a new database); an existing file must be writable and a SQLite database.
 */
export function prepareOperationStore(path: string, variable = 'OPERATION_STORE_PATH'): void {
  if (path === ':memory:') return;
  const fail = (reason: string) => new ConfigError(`Configuration error: ${variable} ${reason} (${path})`);
  const missing: string[] = [];
  for (let dir = dirname(resolve(path)); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      throw fail(`is in a folder that cannot be created: ${errorCode(error)} on ${dir}`);
    }
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  } catch (error) {
    throw fail(`cannot be opened for writing: ${errorCode(error)}`);
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    if (read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER) throw fail('is not a SQLite database');
  } finally {
    closeSync(fd);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'failed';
}

/** Reads TRUSTED_DOCUMENTS when set; a bad manifest is a one-line ConfigError naming the variable. */
function loadTrustedDocuments(path: string | undefined): TrustedDocuments | undefined {
  if (!path) return undefined;
  try {
    return TrustedDocuments.load(path);
  } catch (error) {
    if (error instanceof TrustedDocumentsError) throw new ConfigError(error.message);
    throw error;
  }
}
