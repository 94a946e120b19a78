import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { requestIdFrom } from '../../src/observability/request-scope.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination: sink }) };
}

describe('logger: redaction', () => {
  it('redacts every field that can hold a secret, at any of the first three levels', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        authorization: 'IST.top-level-key',
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', 'x-api-key': 'k-123456789' } },
        connectionParams: { Authorization: 'Bearer from-ws' },
        upstream: { apiKey: 'IST.nested-key', token: 'wag_0123456789abcdef_secret' },
        keep: 'visible',
      },
      'hello',
    );
    const line = JSON.parse(lines[0] as string) as Record<string, any>;
    expect(line.authorization).toBe('[redacted]');
    expect(line.req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'x-api-key': '[redacted]' });
    expect(line.connectionParams).toBe('[redacted]');
    expect(line.upstream).toEqual({ apiKey: '[redacted]', token: '[redacted]' });
    expect(line).toMatchObject({ keep: 'visible', msg: 'hello', level: 'info', service: 'wix-account-graph' });
  });

  it('scrubs credential-shaped text out of messages and error fields', () => {
    const { lines, logger } = capture();
    logger.warn({ error: 'upstream said: authorization=IST.leaked-key-value' }, 'call with Bearer abcdefghijk failed');
    expect(lines[0]).not.toContain('leaked-key-value');
    expect(lines[0]).not.toContain('abcdefghijk');
  });
});

describe('request IDs', () => {
  it('honours a well-formed x-request-id and replaces anything else', () => {
    expect(requestIdFrom('abc-123_X.y:z')).toBe('abc-123_X.y:z');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'new\nline', '<script>'])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
