import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WixHttp } from '../../src/datasources/http.js';
import type { GatewayError } from '../../src/errors.js';

/** A scripted upstream: each call takes the next answer of `script` (the last one repeats). */
interface Answer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

describe('WixHttp retries and the retry budget', () => {
  let server: Server;
  let baseUrl = '';
  let script: Answer[] = [];
  let calls = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      const answer = script[Math.min(calls, script.length - 1)] as Answer;
      calls++;
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(
          answer.status < 400 ? '{"ok":true}' : '{"message":"no","details":{"applicationError":{"code":"SOME_CODE"}}}',
        );
      }, answer.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls = 0;
  });

  const client = () =>
    new WixHttp({ baseUrl, apiKey: 'key', timeoutMs: 300, backoffLimitMs: 10, maxRetryAfterMs: 1_000 });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable(),
      (error: unknown) => error as GatewayError,
    );

  it('retries a 503 once it clears, spending one token', async () => {
    script = [{ status: 503 }, { status: 200 }];
    const http = client();
    await expect(http.get('/x', { operation: 'Test' })).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(http.budget.balance).toBe(19);
  });

  it('neither retries nor spends a token on a 404, a 400 or a timeout', async () => {
    const http = client();
    for (const answer of [{ status: 404 }, { status: 400 }, { status: 200, delayMs: 600 }]) {
      script = [answer];
      calls = 0;
      await failure(http.get('/x', { operation: 'Test' }));
      expect(calls).toBe(1);
    }
    expect(http.budget.balance).toBe(20);
  });

  it('does not retry before a Retry-After above its maximum: UPSTREAM_RATE_LIMITED with Wix’s delay', async () => {
    script = [{ status: 429, headers: { 'retry-after': '60' } }, { status: 200 }];
    const http = client();
    const error = await failure(http.get('/x', { operation: 'Test' }));
    expect(calls).toBe(1);
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 60 });
    expect(http.budget.balance).toBe(20);
  });

  it('waits out a short Retry-After, then retries', async () => {
    script = [{ status: 429, headers: { 'retry-after': '0.2' } }, { status: 200 }];
    const started = Date.now();
    await expect(client().get('/x', { operation: 'Test' })).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('never repeats a write that is not idempotent', async () => {
    script = [{ status: 503 }, { status: 200 }];
    await failure(client().post('/x', { operation: 'Test', json: {} }));
    expect(calls).toBe(1);
  });
});
