import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, prepareOperationStore } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults: port 4000, Wix base URL, embedded sandbox when no key', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      wixApiBaseUrl: 'https://www.wixapis.com',
      sandboxSeed: 1,
      sandboxClock: 'real',
    });
    expect(config.wixApiKey).toBeUndefined();
    expect(config.polling).toEqual({ intervalMs: 5_000, maxIntervalMs: 60_000, maxPollersPerTenant: 50 });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      upstreamTimeoutMs: 10_000,
      operationStorePath: '.data/operations.sqlite',
      operationLeaseMs: 30_000,
    });
    // Unset: the command picks it (any free port for the embedded sandbox, 4100 for `wix-account-graph sandbox`).
    expect(config.sandboxPort).toBeUndefined();
    expect(loadConfig({ SANDBOX_PORT: '0' }).sandboxPort).toBe(0);
    // The rate budget: Wix's 200 a minute, 5 s of waiting for an interactive call, half for polls, read cache on.
    expect(config.budget).toEqual({ limitPerMinute: 200, maxWaitMs: 5_000, pollShare: 0.5, readCache: true });
    expect(config.sandboxRateLimitPerMinute).toBeUndefined();
    expect(
      loadConfig({ WIX_RATE_LIMIT_PER_MINUTE: '60', POLL_BUDGET_SHARE: '0.25', READ_CACHE: 'off' }).budget,
    ).toMatchObject({ limitPerMinute: 60, pollShare: 0.25, readCache: false });
    expect(loadConfig({ SANDBOX_RATE_LIMIT_PER_MINUTE: '20' }).sandboxRateLimitPerMinute).toBe(20);
  });

  it.each([
    [{ PORT: 'abc' }, /^Configuration error: PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ SANDBOX_PORT: '-1' }, /SANDBOX_PORT/],
    [{ SANDBOX_SEED: 'x' }, /SANDBOX_SEED must be a non-negative integer/],
    [{ SANDBOX_CLOCK: 'fast' }, /SANDBOX_CLOCK must be "real" or "manual"/],
    [{ WIX_API_BASE_URL: 'ftp://x' }, /WIX_API_BASE_URL must be an http\(s\) URL/],
    [{ WIX_ACCOUNT_ID: 'nope' }, /WIX_ACCOUNT_ID must be a Wix account ID/],
    [{ UPSTREAM_TIMEOUT_MS: '0' }, /UPSTREAM_TIMEOUT_MS must be an integer from 1/],
    [{ POLL_INTERVAL_MS: '0' }, /POLL_INTERVAL_MS must be an integer from 1/],
    [
      { POLL_INTERVAL_MS: '2000', POLL_MAX_INTERVAL_MS: '1000' },
      /POLL_MAX_INTERVAL_MS must be at least POLL_INTERVAL_MS \(2000\)/,
    ],
    [{ MAX_POLLERS_PER_TENANT: 'many' }, /MAX_POLLERS_PER_TENANT must be an integer from 1 to 10000/],
    [{ OPERATION_LEASE_MS: '500' }, /OPERATION_LEASE_MS must be at least 1000 \(got 500\)/],
    [{ DATABASE_URL: 'mysql://u:pw@db/x' }, /^Configuration error: DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'postgres://' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ WIX_RATE_LIMIT_PER_MINUTE: '5' }, /WIX_RATE_LIMIT_PER_MINUTE must be at least 10 \(got 5\)/],
    [{ WIX_RATE_LIMIT_PER_MINUTE: 'lots' }, /WIX_RATE_LIMIT_PER_MINUTE must be an integer from 1/],
    [{ UPSTREAM_QUEUE_MAX_WAIT_MS: '0' }, /UPSTREAM_QUEUE_MAX_WAIT_MS must be an integer from 1/],
    [{ POLL_BUDGET_SHARE: '1.5' }, /POLL_BUDGET_SHARE must be a number above 0 and at most 1/],
    [{ POLL_BUDGET_SHARE: '0' }, /POLL_BUDGET_SHARE must be a number above 0/],
    [{ READ_CACHE: 'maybe' }, /READ_CACHE must be "on" or "off"/],
    [{ SANDBOX_RATE_LIMIT_PER_MINUTE: '-3' }, /SANDBOX_RATE_LIMIT_PER_MINUTE must be an integer from 0/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes a postgres:// DATABASE_URL (unset or empty: the SQLite files), and never prints it', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    const url = 'postgresql://gateway:pw-secret@db.internal:5433/wag';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => loadConfig({ DATABASE_URL: 'http://gateway:pw-secret@db' })).toThrow(
      /^Configuration error: DATABASE_URL must be a postgres:\/\/ URL \(e\.g\. postgres:\/\/user:password@host:5432\/database\)$/,
    );
  });

  it('requires the main account with a Wix key, and never prints the key', () => {
    const secret = 'IST.super-secret-key-value';
    try {
      loadConfig({ WIX_API_KEY: secret });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/WIX_ACCOUNT_ID is required when WIX_API_KEY is set/);
      expect((error as Error).message).not.toContain(secret);
    }
    const config = loadConfig({
      WIX_API_KEY: secret,
      WIX_ACCOUNT_ID: '2250b761-b31c-453b-885b-76e9fc04bdc6',
      WIX_API_BASE_URL: 'https://example.test/',
      AUTH: 'tokens',
    });
    expect(config.wixApiBaseUrl).toBe('https://example.test');
  });

  it('prepares the operation store: creates its folders, accepts SQLite or empty files, refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wag-config-'));
    try {
      expect(() => prepareOperationStore(':memory:')).not.toThrow();
      const nested = join(dir, 'a', 'b', 'operations.sqlite');
      prepareOperationStore(nested);
      expect(existsSync(nested)).toBe(true);
      prepareOperationStore(nested); // an empty file is a new database
      const other = join(dir, 'notes.txt');
      writeFileSync(other, 'hello');
      expect(() => prepareOperationStore(other)).toThrow(
        new ConfigError(`Configuration error: OPERATION_STORE_PATH is not a SQLite database (${other})`),
      );
      expect(() => prepareOperationStore(join(other, 'x.sqlite'))).toThrow(
        /^Configuration error: OPERATION_STORE_PATH cannot be opened for writing: ENOTDIR/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
