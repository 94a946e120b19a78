import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';
import { rawCall, violatedFields } from './helpers/sandbox-admin.js';

const QUERY = '/site-list/v2/sites/query';
const COUNT = '/site-list/v2/sites/count';

describe('sandbox: fault injection (/_sandbox/faults)', () => {
  let sb: TestSandbox;
  const query = () => sb.call('POST', QUERY, { body: { query: { cursorPaging: { limit: 1 } } } });
  const count = () => sb.call('POST', COUNT, { body: {} });
  const addFault = (rule: Record<string, unknown>) => sb.admin<{ fault: { id: number } }>('POST', 'faults', rule);
  const statuses = async (n: number, call = query) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await call()).status);
    return out;
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('adds latency to the targeted operation only', async () => {
    await addFault({ target: 'querySites', latencyMs: 300 });
    const started = performance.now();
    expect((await query()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await count()).status).toBe(200);
    // The server's own measure of the untargeted call: free of client-side scheduling noise.
    const [logged] = await sb.calls('countSites');
    expect(logged?.durationMs).toBeLessThan(250);
    const [delayed] = await sb.calls('querySites');
    expect(delayed?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('answers a share of calls with 429 RESOURCE_EXHAUSTED and Retry-After', async () => {
    await addFault({ target: 'querySites', rateLimitShare: 0.5, retryAfterSeconds: 7 });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await query());
    expect(answers.map((a) => a.status)).toEqual([200, 429, 200, 429, 200, 429]);
    const limited = answers[1]!;
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual({
      message: 'Too Many Requests',
      details: { applicationError: { code: 'RESOURCE_EXHAUSTED', description: 'Too Many Requests' } },
    });
  });

  it('answers a share of calls with an empty 5xx system error (503 by default, 500 on request)', async () => {
    await addFault({ target: 'querySites', errorShare: 1, times: 1 });
    const unavailable = await query();
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({ message: '', details: {} });
    await addFault({ target: 'querySites', errorShare: 0.25, errorStatus: 500 });
    expect(await statuses(8)).toEqual([200, 200, 200, 500, 200, 200, 200, 500]);
  });

  it('drops connections: fetch rejects without an answer', async () => {
    await addFault({ target: 'querySites', dropShare: 1, times: 2 });
    await expect(query()).rejects.toThrow();
    await expect(query()).rejects.toThrow();
    expect((await query()).status).toBe(200);
  });

  it('splits one rule’s shares between its fault kinds, at most one fault per call', async () => {
    await addFault({ target: 'querySites', rateLimitShare: 0.5, errorShare: 0.5, errorStatus: 500 });
    expect(await statuses(6)).toEqual([429, 500, 429, 500, 429, 500]);
  });

  it('targets by operation, by METHOD /path, by {param} path, or every endpoint with *', async () => {
    await addFault({ target: `POST ${QUERY}`, errorShare: 1, times: 1 });
    expect((await count()).status).toBe(200);
    expect((await query()).status).toBe(503);

    await addFault({ target: '*', errorShare: 1, times: 2 });
    expect((await count()).status).toBe(503);
    expect((await query()).status).toBe(503);
    expect((await query()).status).toBe(200);

    await addFault({ target: 'countSites', rateLimitShare: 1, times: 1 });
    expect((await query()).status).toBe(200);
    expect((await count()).status).toBe(429);

    // A parameterised route, written the OpenAPI way ({param}) whatever the router names its parameter.
    const routes = sb.sandbox.router.all();
    const withParam = routes.find((r) => r.method === 'GET' && r.path.includes('/:'));
    if (withParam) {
      const openApiPath = withParam.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      await addFault({
        target: `GET ${openApiPath.replace(/\{[^}]+\}/g, '{anyName}')}`,
        errorShare: 1,
        errorStatus: 504,
        times: 1,
      });
      const concrete = withParam.path.replace(/:[A-Za-z0-9_]+/g, 'x-y-z');
      expect((await sb.call('GET', concrete)).status).toBe(504);
      expect((await sb.call('GET', concrete)).status).not.toBe(504);
    }
  });

  it('retires a rule after `times` matching calls, and lists active rules', async () => {
    const { fault } = await addFault({ target: 'querySites', errorShare: 1, times: 2 });
    expect(fault).toMatchObject({
      id: expect.any(Number),
      target: 'querySites',
      errorShare: 1,
      errorStatus: 503,
      times: 2,
      matched: 0,
    });
    const listed = await sb.admin<{ faults: Array<{ id: number }> }>('GET', 'faults');
    expect(listed.faults.map((f) => f.id)).toEqual([fault.id]);
    expect(await statuses(3)).toEqual([503, 503, 200]);
    expect((await sb.admin<{ faults: unknown[] }>('GET', 'faults')).faults).toEqual([]);
  });

  it('DELETE /_sandbox/faults clears every rule, and reset clears them too', async () => {
    await addFault({ errorShare: 1 });
    expect((await query()).status).toBe(503);
    await sb.admin('DELETE', 'faults');
    expect((await sb.admin<{ faults: unknown[] }>('GET', 'faults')).faults).toEqual([]);
    expect((await query()).status).toBe(200);
    await addFault({ errorShare: 1 });
    await sb.reset();
    expect((await query()).status).toBe(200);
  });

  it('never faults the admin surface', async () => {
    await addFault({ target: '*', errorShare: 1, latencyMs: 0 });
    expect((await rawCall(sb, 'GET', '/_sandbox/seed')).status).toBe(200);
    expect((await rawCall(sb, 'GET', '/openapi.json')).status).toBe(200);
    expect((await rawCall(sb, 'GET', '/_sandbox/calls')).status).toBe(200);
  });

  it('refuses bad rules with a validation error naming each bad field', async () => {
    const bad: Array<[Record<string, unknown>, string[]]> = [
      [{ errorShare: 1.5 }, ['errorShare']],
      [{ rateLimitShare: -0.1 }, ['rateLimitShare']],
      [{ rateLimitShare: 0.6, errorShare: 0.6 }, ['shares']],
      [{ errorShare: 1, errorStatus: 404 }, ['errorStatus']],
      [{ errorShare: 1, times: 0 }, ['times']],
      [{ errorShare: 1, times: 1.5 }, ['times']],
      [{ latencyMs: -5 }, ['latencyMs']],
      [{ latencyMs: '100' }, ['latencyMs']],
      [{ latencyMs: 10_000_000 }, ['latencyMs']],
      [{ errorShare: 1, retryAfterSeconds: -1 }, ['retryAfterSeconds']],
      [{ errorShare: 1, colour: 'red' }, ['colour']],
      [{ target: '', errorShare: 1 }, ['target']],
      [{ target: 'noSuchOperation', errorShare: 1 }, ['target']],
      [{ target: 'GET /no/such/path', errorShare: 1 }, ['target']],
      [{ target: 'querySites' }, ['rule']],
      [{ latencyMs: 10, dropShare: 2, times: -1 }, ['dropShare', 'times']],
    ];
    for (const [rule, fields] of bad) {
      const res = await rawCall(sb, 'POST', '/_sandbox/faults', rule);
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(violatedFields(res.body).sort(), JSON.stringify(rule)).toEqual([...fields].sort());
    }
    const malformed = await rawCall(sb, 'POST', '/_sandbox/faults', '{"errorShare":');
    expect(malformed.status).toBe(400);
    expect(violatedFields(malformed.body)).toEqual(['body']);
    expect((await sb.admin<{ faults: unknown[] }>('GET', 'faults')).faults).toEqual([]);
  });

  it('records every outcome in the call log, and never the API key', async () => {
    await sb.clearCalls();
    await addFault({ target: 'querySites', rateLimitShare: 1, times: 1 });
    await query(); // fault-429
    await addFault({ target: 'querySites', errorShare: 1, errorStatus: 500, times: 1 });
    await query(); // fault-5xx
    await addFault({ target: 'querySites', dropShare: 1, times: 1 });
    await expect(query()).rejects.toThrow(); // dropped
    await sb.call('POST', QUERY, { body: {}, apiKey: 'IST.wrong-key' }); // error 401
    await sb.call('POST', QUERY, { body: { query: { filter: { colour: 'red' } } } }); // error 400
    await query(); // ok
    const calls = await sb.calls('querySites');
    expect(calls.map((c) => [c.outcome, c.status, c.errorCode ?? null])).toEqual([
      ['fault-429', 429, 'RESOURCE_EXHAUSTED'],
      ['fault-5xx', 500, null],
      ['dropped', 0, null],
      ['error', 401, 'UNAUTHENTICATED'],
      ['error', 400, 'VALIDATION'],
      ['ok', 200, null],
    ]);
    expect(calls.map((c) => c.auth)).toEqual(['valid', 'valid', 'valid', 'invalid', 'valid', 'valid']);
    expect(calls.every((c) => c.accountId === sb.seed.mainAccountId && c.path === QUERY && c.method === 'POST')).toBe(
      true,
    );
    const seqs = calls.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const text = JSON.stringify(calls);
    expect(text).not.toContain(sb.seed.apiKey);
    expect(text).not.toContain('IST.wrong-key');
    const onlyDropped = await sb.admin<{ calls: unknown[] }>('GET', 'calls?outcome=dropped');
    expect(onlyDropped.calls).toHaveLength(1);
  });
});
