#!/usr/bin/env node
import type { ClockMode } from './clock.js';
import { startSandbox } from './server.js';

/**
 * `wix-sandbox` (and the root's `npm run sandbox`): runs the sandbox alone for partners who test their own code
 * against it. Configuration comes from the same variables the gateway's embedded mode reads.
 */

const USAGE = `Usage: wix-sandbox

Runs the Wix API sandbox. Environment: SANDBOX_PORT (default 4100; 0 picks a free port), HOST (default 0.0.0.0),
SANDBOX_SEED (default 1), SANDBOX_CLOCK=real|manual (default real), SANDBOX_RATE_LIMIT_PER_MINUTE (per API key, like
Wix's 200; default none), SANDBOX_STATE_FILE (a JSON file that keeps the world across restarts; unset = memory only).
See the README's "The Wix sandbox".`;

/** A refused variable: printed as one line, exit code 2 (as the gateway does for its configuration). */
class ConfigError extends Error {}

interface StandaloneConfig {
  port: number;
  host: string;
  seed: number;
  clock: ClockMode;
  stateFile?: string;
  rateLimitPerMinute?: number;
}

/** Reads and checks the variables; every problem names its variable. */
function readConfig(env: NodeJS.ProcessEnv): StandaloneConfig {
  const problems: string[] = [];
  const text = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = text('SANDBOX_PORT') ?? '4100';
  if (!/^\d+$/.test(port) || Number(port) > 65535)
    problems.push(`SANDBOX_PORT must be an integer from 0 to 65535 (got "${port}")`);
  const seed = text('SANDBOX_SEED') ?? '1';
  if (!/^\d{1,9}$/.test(seed)) problems.push(`SANDBOX_SEED must be a non-negative integer (got "${seed}")`);
  const clock = text('SANDBOX_CLOCK') ?? 'real';
  if (clock !== 'real' && clock !== 'manual') problems.push('SANDBOX_CLOCK must be "real" or "manual"');
  const rate = text('SANDBOX_RATE_LIMIT_PER_MINUTE');
  if (rate !== undefined && (!/^\d{1,7}$/.test(rate) || Number(rate) > 1_000_000))
    problems.push(`SANDBOX_RATE_LIMIT_PER_MINUTE must be an integer from 0 (no limit) to 1000000 (got "${rate}")`);
  if (problems.length > 0) throw new ConfigError(`Configuration error: ${problems.join('; ')}`);
  const stateFile = text('SANDBOX_STATE_FILE');
  return {
    port: Number(port),
    host: text('HOST') ?? '0.0.0.0',
    seed: Number(seed),
    clock: clock as ClockMode,
    ...(stateFile ? { stateFile } : {}),
    rateLimitPerMinute: rate === undefined ? undefined : Number(rate),
  };
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const config = readConfig(process.env);
  const sandbox = await startSandbox(config).catch(
    (error: NodeJS.ErrnoException & { port?: number; address?: string }) => {
      // One line naming the variable to change, not a stack trace.
      if (error.code === 'EADDRINUSE')
        throw new Error(`Start-up failed: SANDBOX_PORT ${error.port} is already in use on ${error.address}`);
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        throw new Error(`Start-up failed: HOST ${config.host} is not an address of this machine (${error.code})`);
      throw error;
    },
  );
  const url = sandbox.url.replace('://0.0.0.0:', '://localhost:');
  console.log(`Wix sandbox listening on ${url} (seed ${sandbox.world.seed}, ${config.clock} clock)`);
  console.log(`  demo main account: ${sandbox.world.mainAccountId}`);
  console.log(`  API key, account IDs and site IDs: GET ${url}/_sandbox/seed`);
  console.log(`  OpenAPI document: ${url}/openapi.json`);
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : 'Start-up failed: unknown error');
  process.exit(error instanceof ConfigError ? 2 : 1);
});
