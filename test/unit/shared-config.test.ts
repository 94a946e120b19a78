import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { decode, encode } from '../../src/shared/wire.js';

describe('configuration of several instances (REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_INSTANCES, POLL_LEASE_MS)', () => {
  it('defaults to one instance with nothing shared', () => {
    expect(loadConfig({}).shared).toEqual({
      redisUrl: undefined,
      keyPrefix: 'wag:',
      instances: 1,
      pollLeaseMs: 10_000,
    });
  });

  it('reads the Redis URL, prefix, instance count and lease', () => {
    const env = {
      REDIS_URL: 'rediss://:secret@cache.internal:6380/2',
      REDIS_KEY_PREFIX: 'prod-eu:',
      GATEWAY_INSTANCES: '3',
      POLL_LEASE_MS: '5000',
    };
    expect(loadConfig(env).shared).toEqual({
      redisUrl: 'rediss://:secret@cache.internal:6380/2',
      keyPrefix: 'prod-eu:',
      instances: 3,
      pollLeaseMs: 5_000,
    });
  });

  it.each([
    [{ REDIS_URL: 'http://cache:6379' }, /^Configuration error: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/],
    [{ REDIS_KEY_PREFIX: 'has space' }, /^Configuration error: REDIS_KEY_PREFIX must be 1 to 64 of/],
    [
      { GATEWAY_INSTANCES: '0' },
      /^Configuration error: GATEWAY_INSTANCES must be an integer from 1 to 1000 \(got "0"\)$/,
    ],
    [{ POLL_LEASE_MS: '100' }, /^Configuration error: POLL_LEASE_MS must be an integer from 500 to 600000/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never prints a Redis password in an error', () => {
    try {
      loadConfig({ REDIS_URL: 'redis://:hunter2@cache:6379 x' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});

describe('the wire form of shared values', () => {
  it('keeps dates as dates, and everything else as JSON does', () => {
    const value = {
      domain: 'a.com',
      createdDate: new Date('2026-01-02T03:04:05.678Z'),
      nested: [{ at: new Date(0) }, null, 1, 'x'],
      looksLikeADate: { $date: 'not a number' },
    };
    const back = decode<typeof value>(encode(value));
    expect(back).toEqual(value);
    expect(back.createdDate).toBeInstanceOf(Date);
    expect(back.nested[0]).toEqual({ at: new Date(0) });
  });
});
