#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ADMIN_USAGE, runAdminCommand, UsageError } from './cli/admin-commands.js';
import { ConfigError, loadConfig, prepareOperationStore, type Config } from './config.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';
import { openSharedStores } from './stores/shared-stores.js';
import { createLogger } from './observability/logger.js';
import { Gateway, type UpstreamConfig } from './server.js';
import { UpstreamRefusedError } from './upstream-readiness.js';

const USAGE = `Usage: wix-account-graph <command>

Commands:
  serve     Start the GraphQL gateway (default). Without WIX_API_KEY it starts the embedded Wix sandbox and uses it.
  sandbox   Run the Wix API sandbox alone (SANDBOX_PORT, default 4100; SANDBOX_SEED; SANDBOX_CLOCK=real|manual).
${ADMIN_USAGE}

Configuration is read from environment variables; see README.md.`;

/** Port of `wix-account-graph sandbox` when SANDBOX_PORT is unset (the embedded sandbox takes any free port). */
const STANDALONE_SANDBOX_PORT = 4100;

/** A start-up failure that is not the configuration's: printed as its one-line message, exit code 1. */
class StartupError extends Error {}

/** The command-line entry point (`wix-account-graph`, `npm start`). */
async function main(argv: string[]): Promise<void> {
  // Administration (tokens, audit trail) has its own options: see src/cli/admin-commands.ts.
  if (argv[0] === 'token' || argv[0] === 'audit') return runAdminCommand(argv, process.env);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command !== 'serve' && command !== 'sandbox') throw new ConfigError(`Unknown command "${command}". ${USAGE}`);
  const config = loadConfig();
  if (command === 'sandbox') await runSandbox(config);
  else await serve(config);
}

async function runSandbox(config: Config): Promise<void> {
  const port = config.sandboxPort ?? STANDALONE_SANDBOX_PORT;
  const sandbox = await startEmbeddedSandbox({
    port,
    host: config.host,
    seed: config.sandboxSeed,
    clock: config.sandboxClock,
    ...(config.sandboxStateFile ? { stateFile: config.sandboxStateFile } : {}),
    rateLimitPerMinute: config.sandboxRateLimitPerMinute,
  }).catch(listenFailure('SANDBOX_PORT', 'HOST'));
  console.log(
    `Wix sandbox listening on ${displayUrl(sandbox.url)} (seed ${sandbox.seed}, ${config.sandboxClock} clock)`,
  );
  console.log(`  demo main account: ${sandbox.mainAccountId}`);
  console.log(`  API key, account IDs and site IDs: GET ${displayUrl(sandbox.url)}/_sandbox/seed`);
  console.log(`  OpenAPI document: ${displayUrl(sandbox.url)}/openapi.json`);
  if (config.sandboxStateFile) console.log(`  world kept in ${config.sandboxStateFile} (SANDBOX_STATE_FILE)`);
  onShutdown(() => sandbox.close());
}

async function serve(config: Config): Promise<void> {
  if (!config.databaseUrl) {
    prepareOperationStore(config.operationStorePath);
    prepareOperationStore(config.auth.storePath, 'AUTH_STORE_PATH');
  }
  // Structured logs (pino, JSON lines on stdout; LOG_LEVEL, LOG_FORMAT): requests, upstream failures, flow steps.
  const logger = createLogger(config.log);
  // DATABASE_URL: operations, ledger, tokens and audit in PostgreSQL (migrated here), shared by every instance.
  const shared = await openSharedStores(config).catch((error: unknown) => {
    throw new StartupError(`Start-up failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  });
  // No Wix key: run on the embedded sandbox, on loopback only (its demo key must not be reachable from elsewhere).
  const sandbox = config.wixApiKey
    ? undefined
    : await startEmbeddedSandbox({
        port: config.sandboxPort ?? 0,
        host: '127.0.0.1',
        seed: config.sandboxSeed,
        clock: config.sandboxClock,
        rateLimitPerMinute: config.sandboxRateLimitPerMinute,
      }).catch(listenFailure('SANDBOX_PORT'));
  const upstream: UpstreamConfig = {
    ...(sandbox
      ? { baseUrl: sandbox.url, apiKey: sandbox.apiKey, mainAccountId: sandbox.mainAccountId }
      : {
          baseUrl: config.wixApiBaseUrl,
          apiKey: config.wixApiKey as string,
          mainAccountId: config.wixAccountId as string,
        }),
    timeoutMs: config.upstreamTimeoutMs,
    catalog: config.catalog,
  };
  if (!sandbox && !config.catalogFile)
    console.error(
      'warning: WIX_API_KEY is set without CATALOG_FILE: the gateway chooses products from the sandbox catalog (catalog/sandbox.json), whose IDs are not your Wix products; copy catalog/template.json, list your products and set CATALOG_FILE',
    );
  const gateway = await Gateway.start({
    upstream,
    port: config.port,
    host: config.host,
    polling: config.polling,
    operations: {
      storePath: config.operationStorePath,
      leaseMs: config.operationLeaseMs,
      retention: config.retention,
      reservationStaleMs: config.idempotencyReservationMs,
      storeFactory: shared?.operationStoreFactory,
    },
    readyRetryMs: config.readyRetryMs,
    trustedDocuments: config.trustedDocuments,
    budget: {
      limit: config.budget.limitPerMinute,
      maxWaitMs: config.budget.maxWaitMs,
      pollShare: config.budget.pollShare,
      readCache: config.budget.readCache ? {} : false,
    },
    metrics: config.metricsPort === undefined ? undefined : { port: config.metricsPort },
    observability: {
      logger,
      tracing: config.otlpTracesUrl ? { url: config.otlpTracesUrl } : undefined,
    },
    auth: shared?.authOptions(config.auth) ?? config.auth,
    shared: config.shared.redisUrl
      ? {
          redisUrl: config.shared.redisUrl,
          keyPrefix: config.shared.keyPrefix,
          pollLeaseMs: config.shared.pollLeaseMs,
          instances: config.shared.instances,
        }
      : undefined,
  })
    .catch(listenFailure('PORT', 'HOST'))
    .catch(storeFailure(config.operationStorePath))
    .catch(async (error: unknown) => {
      await shared?.close();
      throw error;
    });
  const upstreamCheck = gateway.readiness.check;
  if (upstreamCheck.ok) console.log(`wix-account-graph gateway ready at ${gateway.url}/graphql`);
  else
    console.log(
      `wix-account-graph gateway listening at ${gateway.url}/graphql, NOT READY: ${upstreamCheck.detail} (GET ${gateway.url}/readyz; checked again every ${config.readyRetryMs / 1000} s)`,
    );
  console.log(`  GraphiQL: open ${gateway.url}/graphql in a browser (examples in examples/)`);
  if (gateway.metricsUrl) console.log(`  metrics (Prometheus): ${gateway.metricsUrl}`);
  if (config.otlpTracesUrl) {
    // Host and path only: a URL's user info or query could hold a credential.
    const otlp = new URL(config.otlpTracesUrl);
    console.log(`  traces (OTLP/HTTP): ${otlp.protocol}//${otlp.host}${otlp.pathname}`);
  }
  console.log(
    `  operations: ${shared ? shared.description : config.operationStorePath === ':memory:' ? 'in memory (lost on exit)' : config.operationStorePath}`,
  );
  console.log(`  access: ${describeAuth(config)}`);
  if (sandbox) {
    console.log(
      `  upstream: embedded Wix sandbox at ${sandbox.url} (no WIX_API_KEY set; seed ${config.sandboxSeed}, ${config.sandboxClock} clock)`,
    );
    console.log(
      `  demo main account: ${sandbox.mainAccountId} (sub-accounts and IDs: GET ${sandbox.url}/_sandbox/seed)`,
    );
  } else {
    console.log(
      `  upstream: ${config.wixApiBaseUrl} as main account ${config.wixAccountId} (API key from WIX_API_KEY, not shown)`,
    );
  }
  onShutdown(async () => {
    await gateway.close();
    await shared?.close();
    await sandbox?.close();
  });
}

/**
 * Turns a failed `listen` into one line naming the variable to change (`portVariable`, or `hostVariable` when the
 * address is not this machine's); other errors pass through.
 */
function listenFailure(portVariable: string, hostVariable?: string): (error: unknown) => never {
  return (error) => {
    const e = error as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
    // The sandbox's own one-line refusal of its state file (unreadable, corrupt, not writable).
    if (e instanceof Error && e.message.startsWith('SANDBOX_STATE_FILE '))
      throw new StartupError(`Start-up failed: ${e.message}`);
    if (e.code === 'EADDRINUSE')
      throw new StartupError(
        `Start-up failed: ${portVariable} ${e.port} is already in use on ${e.address} (another gateway or sandbox running?)`,
      );
    if (e.code === 'EACCES')
      throw new StartupError(
        `Start-up failed: ${portVariable} ${e.port} may not be opened by this user on ${e.address} (EACCES; use a port above 1023)`,
      );
    if (e.code === 'EADDRNOTAVAIL' && hostVariable)
      throw new StartupError(
        `Start-up failed: ${hostVariable} ${e.address} is not an address of this machine (EADDRNOTAVAIL)`,
      );
    if (e.code === 'ENOTFOUND' && hostVariable)
      throw new StartupError(
        `Start-up failed: ${hostVariable} ${e.hostname} does not resolve to an address (ENOTFOUND)`,
      );
    throw error;
  };
}

/** Names OPERATION_STORE_PATH when SQLite refuses the store (locked, corrupt…) after prepareOperationStore passed. */
function storeFailure(path: string): (error: unknown) => never {
  return (error) => {
    if (!/^SQLITE_/.test(String((error as { code?: unknown }).code))) throw error;
    throw new StartupError(
      `Start-up failed: the operation store at OPERATION_STORE_PATH (${path}) cannot be used: ${(error as Error).message}`,
    );
  };
}

/** The banner's access line: what a caller must send, and where tokens and the audit trail are kept. */
function describeAuth(config: Config): string {
  const { methods, corsOrigins } = config.auth;
  const storePath = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.auth.storePath;
  const cors = corsOrigins?.length ? `; browsers from ${corsOrigins.join(', ')}` : '';
  if (methods.length === 0)
    return `no token needed (AUTH=none, loopback only; set AUTH=tokens to require one); audit trail in ${storePath}${cors}`;
  return `Authorization: Bearer <token> required (AUTH=${methods.join(',')}); tokens and audit trail in ${storePath}${cors}`;
}

function displayUrl(url: string): string {
  return url.replace('://0.0.0.0:', '://localhost:');
}

/** A shutdown still running after this long ends the process anyway (exit 1). */
const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * Closes everything on SIGINT or SIGTERM, then exits 0 (1 when closing failed or outlived the deadline). Signals
 * during the shutdown are ignored: on Ctrl-C under `npm start` the process gets SIGINT twice (from the terminal, and
 * forwarded by npm), and the second must not cut the first shutdown short.
 */
function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down`);
    const fail = (reason: string) => {
      console.error(`Shutdown failed: ${reason}`);
      process.exit(1);
    };
    setTimeout(() => fail(`still closing after ${SHUTDOWN_DEADLINE_MS / 1000} s`), SHUTDOWN_DEADLINE_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => fail(error instanceof Error ? error.message : 'unknown error'),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof StartupError || error instanceof UpstreamRefusedError) console.error(error.message);
  else console.error('Start-up failed:', error instanceof Error ? error.message : 'unknown error');
  process.exit(1);
});
