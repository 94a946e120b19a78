import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SitesPageDocument } from '../../gql/graphql.js';
import { TestStack } from '../../helpers/stack.js';

describe('gateway: upstream faults', () => {
  let stack: TestStack;
  const logged: string[] = [];
  beforeAll(async () => {
    stack = await TestStack.start({ timeoutMs: 400 });
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map((a) =>
              a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a),
            )
            .join(' '),
        );
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await stack.close();
  });
  beforeEach(async () => {
    await stack.sandbox.reset();
    await stack.sandbox.clearCalls();
  });
  afterEach(async () => {
    await stack.sandbox.admin('DELETE', 'faults');
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    await stack.sandbox.admin('POST', 'faults', {
      target: 'querySites',
      rateLimitShare: 1,
      retryAfterSeconds: 1,
      times: 1,
    });
    const started = Date.now();
    const data = await stack.data(SitesPageDocument, { first: 3 });
    expect(data.sites!.edges).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await stack.sandbox.calls()).map((c) => c.outcome)).toEqual(['fault-429', 'ok']);
  });

  it('ends a hung upstream in UPSTREAM_TIMEOUT within the configured time', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'querySites', latencyMs: 3_000 });
    const started = Date.now();
    const result = await stack.run(SitesPageDocument, { first: 3 });
    const elapsed = Date.now() - started;
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(elapsed).toBeLessThan(1_500);
  });

  it('turns a dropped connection into UPSTREAM_UNAVAILABLE after retrying', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'querySites', dropShare: 1 });
    const result = await stack.run(SitesPageDocument, { first: 3 });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await stack.sandbox.calls()).map((c) => c.outcome)).toEqual(['dropped', 'dropped', 'dropped']);
  });

  it('never puts the API key in a response, an error or a log line', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: '*', errorShare: 0.5 });
    const results = await Promise.all(Array.from({ length: 6 }, () => stack.run(SitesPageDocument, { first: 2 })));
    const key = stack.sandbox.seed.apiKey;
    for (const r of results) expect(JSON.stringify(r)).not.toContain(key);
    expect(logged.join('\n')).not.toContain(key);
    expect(JSON.stringify(await stack.sandbox.calls())).not.toContain(key);
  });
});
