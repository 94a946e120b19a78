/**
 * The public API of `@wix-account-graph/sandbox`: start an emulator of Wix's account-level REST APIs on a loopback
 * port, and the static facts of its seeded catalog. Everything else about a running sandbox — its seed, its state,
 * its call log, its clock and faults — is read and changed over HTTP (`/_sandbox/*`, documented in
 * `GET /openapi.json`), as an outside partner's code would; the in-memory world is deliberately not exported.
 */
import { startSandbox as start, type SandboxOptions } from './server.js';

export type { SandboxOptions } from './server.js';
export type { ClockMode } from './clock.js';
export type { CallOutcome, CallRecord } from './calllog.js';
export type { SandboxSettings } from './settings.js';
export type { SeedSummary } from './seed.js';
export type { DomainCheck, WorldSnapshot } from './routes/admin-world.js';
export type * from './types.js';
export { PRODUCT, SUPPORTED_TLDS, buildCatalog, domainProductId } from './catalog.js';

/** A sandbox listening on a port: its base URL and the way to stop it. */
export interface RunningSandbox {
  /** `http://host:port`, without a trailing slash. */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox (seed 1, real-time clock, 127.0.0.1 and a free port unless told otherwise) and resolves once it
 * listens. Read its API key and account IDs from `GET {url}/_sandbox/seed`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await start(options);
  return { url: sandbox.url, close: () => sandbox.close() };
}
