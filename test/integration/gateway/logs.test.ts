import { describe, expect, it } from 'vitest';
import { SitesPageDocument, ViewerSitesDocument } from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { eventually, wsClient } from '../../helpers/ws.js';

/** Issue 15: structured JSON logs — a line per request, per upstream failure and retry, per WebSocket open/close. */
describe('gateway: structured logs', () => {
  const stack = useStack();

  it('one line per GraphQL request: request ID (echoed), caller, tenant, operation, duration, upstream calls', async () => {
    const result = await stack.run(ViewerSitesDocument, { first: 3 }, { 'x-request-id': 'req-viewer-1' });
    expect(result.errors).toBeUndefined();
    const calls = await stack.sandbox.calls();
    await eventually(() => expect(stack.logs.events('request').some((r) => r.requestId === 'req-viewer-1')).toBe(true));
    const line = stack.logs.events('request').find((r) => r.requestId === 'req-viewer-1');
    expect(line).toMatchObject({
      level: 'info',
      service: 'wix-account-graph',
      method: 'POST',
      path: '/graphql',
      status: 200,
      caller: expect.stringMatching(/^token:[0-9a-f]{16}$/),
      tenant: stack.sandbox.seed.mainAccountId,
      operationName: 'ViewerSites',
      operationType: 'query',
      upstreamCalls: calls.length,
    });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(calls.every((c) => c.requestId === 'req-viewer-1')).toBe(true);
  });

  it('an upstream failure: a line per retry (endpoint, status, attempt), one per failure, error codes on the request', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'querySites', errorShare: 1 });
    try {
      const result = await stack.run(SitesPageDocument, { first: 3 }, { 'x-request-id': 'req-fail-1' });
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await stack.sandbox.admin('DELETE', 'faults');
    }
    await eventually(() => expect(stack.logs.events('request').some((r) => r.requestId === 'req-fail-1')).toBe(true));
    const retries = stack.logs.events('upstream_retry').filter((r) => r.requestId === 'req-fail-1');
    expect(retries.map((r) => [r.endpoint, r.status, r.attempt])).toEqual([
      ['Query Sites', expect.stringMatching(/^5\d\d$/), 2],
      ['Query Sites', expect.stringMatching(/^5\d\d$/), 3],
    ]);
    const failures = stack.logs.events('upstream_failure').filter((r) => r.requestId === 'req-fail-1');
    expect(failures).toEqual([
      expect.objectContaining({ level: 'warn', endpoint: 'Query Sites', kind: 'http', status: expect.any(Number) }),
    ]);
    const request = stack.logs.events('request').find((r) => r.requestId === 'req-fail-1');
    expect(request).toMatchObject({ errorCodes: ['UPSTREAM_UNAVAILABLE'], upstreamCalls: 1, upstreamFailures: 1 });
  });

  it('a WebSocket connection: a line when it opens and one with its close code', async () => {
    const client = wsClient(stack.gateway.url, { headers: { 'x-request-id': 'ws-req-1' } });
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: '{ viewer { wixId } }' }, { next: () => undefined, error: reject, complete: resolve }),
    );
    await client.dispose();
    await eventually(() =>
      expect(stack.logs.events('websocket_close').some((r) => r.requestId === 'ws-req-1')).toBe(true),
    );
    expect(stack.logs.events('websocket_open').filter((r) => r.requestId === 'ws-req-1')).toHaveLength(1);
    expect(stack.logs.events('websocket_close').find((r) => r.requestId === 'ws-req-1')).toMatchObject({
      level: 'info',
      code: 1000,
    });
  });

  it('no line holds the Wix key or a token, not even of a refused request', async () => {
    const refused = await stack.run(
      ViewerSitesDocument,
      { first: 1 },
      { authorization: 'Bearer wag_0123456789abcdef_notARealSecretButLongEnough-xyz' },
    );
    expect(refused.status).toBe(401);
    const text = stack.logs.lines.join('\n');
    expect(text).not.toContain(stack.sandbox.seed.apiKey);
    expect(text).not.toContain(stack.adminToken);
    expect(text).not.toContain('notARealSecret');
    for (const line of stack.logs.lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
