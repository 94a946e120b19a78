#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { Sandbox, startSandbox } from './sandbox/server.js';
import { Gateway, type UpstreamConfig } from './server.js';

const USAGE = `Usage: wix-account-graph <command>

Commands:
  serve     Start the GraphQL gateway (default). Without WIX_API_KEY it starts the embedded Wix sandbox and uses it.
  sandbox   Run the Wix API sandbox alone (SANDBOX_PORT, default 4100; SANDBOX_SEED; SANDBOX_CLOCK=real|manual).

Configuration is read from environment variables; see README.md.`;

/** The command-line entry point (`wix-account-graph`, `npm start`, `npm run sandbox`). */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
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
  const port = process.env.SANDBOX_PORT ? config.sandboxPort : 4100;
  const sandbox = await startSandbox({ port, host: config.host, seed: config.sandboxSeed, clock: config.sandboxClock });
  const w = sandbox.world;
  console.log(`Wix sandbox listening on ${displayUrl(sandbox.url)} (seed ${w.seed}, ${config.sandboxClock} clock)`);
  console.log(`  demo main account: ${w.mainAccountId}`);
  console.log(`  API key, account IDs and site IDs: GET ${displayUrl(sandbox.url)}/_sandbox/seed`);
  console.log(`  OpenAPI document: ${displayUrl(sandbox.url)}/openapi.json`);
  onShutdown(() => sandbox.close());
}

async function serve(config: Config): Promise<void> {
  let sandbox: Sandbox | undefined;
  let upstream: UpstreamConfig;
  if (config.wixApiKey && config.wixAccountId) {
    upstream = { baseUrl: config.wixApiBaseUrl, apiKey: config.wixApiKey, mainAccountId: config.wixAccountId, timeoutMs: config.upstreamTimeoutMs, catalog: config.catalog };
  } else {
    // No Wix key: run on the embedded sandbox, on loopback only.
    sandbox = await startSandbox({ port: config.sandboxPort, host: '127.0.0.1', seed: config.sandboxSeed, clock: config.sandboxClock });
    upstream = { baseUrl: sandbox.url, apiKey: sandbox.world.mainApiKey, mainAccountId: sandbox.world.mainAccountId, timeoutMs: config.upstreamTimeoutMs, catalog: config.catalog };
  }
  const gateway = await Gateway.start({ upstream, port: config.port, host: config.host, polling: config.polling, operations: { storePath: config.operationStorePath, leaseMs: config.operationLeaseMs } });
  console.log(`wix-account-graph gateway ready at ${gateway.url}/graphql`);
  console.log(`  GraphiQL: open ${gateway.url}/graphql in a browser (examples in examples/)`);
  console.log(`  operations: ${config.operationStorePath === ':memory:' ? 'in memory (lost on exit)' : config.operationStorePath}`);
  if (sandbox) {
    console.log(`  upstream: embedded Wix sandbox at ${sandbox.url} (no WIX_API_KEY set; seed ${config.sandboxSeed}, ${config.sandboxClock} clock)`);
    console.log(`  demo main account: ${sandbox.world.mainAccountId} (sub-accounts and IDs: GET ${sandbox.url}/_sandbox/seed)`);
  } else {
    console.log(`  upstream: ${config.wixApiBaseUrl} as main account ${config.wixAccountId} (API key from WIX_API_KEY, not shown)`);
  }
  onShutdown(async () => {
    await gateway.close();
    await sandbox?.close();
  });
}

function displayUrl(url: string): string {
  return url.replace('://0.0.0.0:', '://localhost:');
}

function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down`);
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') console.error(`Start-up failed: the port is already in use (${(error as Error).message})`);
  else console.error('Start-up failed:', error instanceof Error ? error.message : 'unknown error');
  process.exit(1);
});
