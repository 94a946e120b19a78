import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { useStack } from '../../helpers/stack.js';
import { eventually, wsClient } from '../../helpers/ws.js';
import { foreign } from './domain-fixtures.js';

/** Issue 13: the transports as common clients use them with their defaults. */
describe('gateway: clients as people use them', () => {
  // Transport and bounds as anonymous clients see them: access control has its own tests (test/integration/auth).
  const stack = useStack({ auth: { methods: [] } });
  afterEach(() => vi.restoreAllMocks());

  it('serves a GET query sent as urql sends it (no content type), and refuses a GET mutation with 405', async () => {
    const query = encodeURIComponent('query Viewer { viewer { wixId } }');
    const res = await fetch(`${stack.url}?query=${query}&operationName=Viewer`, {
      headers: { accept: 'application/graphql-response+json, application/graphql+json, application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { viewer: { wixId: stack.sandbox.seed.mainAccountId } } });
    const mutation = encodeURIComponent('mutation { cancelOperation(input: { id: "x" }) { userErrors { code } } }');
    expect((await fetch(`${stack.url}?query=${mutation}`)).status).toBe(405);
  });

  it('answers a subscription sent over HTTP with 400 naming the WebSocket endpoint and protocol', async () => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { registeredDomainUpdated(domain: "a.com") { status } }' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    const host = new URL(stack.url).host;
    expect(body.errors[0]?.message).toContain(`ws://${host}/graphql`);
    expect(body.errors[0]?.message).toContain('graphql-transport-ws');
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('refuses a batch (a JSON array) with 400 and a message that says what to do', async () => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ viewer { wixId } }' }, { query: '{ viewer { wixId } }' }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/^Batched requests are not served: .*BatchHttpLink/);
  });

  it('refuses a body over 512 KB with 400 saying so, and a body that is not JSON with 400; then serves the next request', async () => {
    const post = (body: string) =>
      fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const big = await post(JSON.stringify({ query: `# ${'x'.repeat(600 * 1024)}\n{ viewer { wixId } }` }));
    expect(big.status).toBe(400);
    expect(((await big.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toBe(
      'Request body is larger than 524288 bytes',
    );
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toBe(
      'Request body must be JSON',
    );
    expect((await post(JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  /** Runs `{ viewer { wixId } }` over graphql-ws with these connection params: the data, or the close event. */
  const viewerOverWs = (params: Record<string, unknown>) => {
    const client = wsClient(stack.gateway.url, { params });
    return new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: '{ viewer { wixId } }' },
        {
          next: (value) => resolve(value.data),
          error: (error) => resolve(error),
          complete: () => undefined,
        },
      );
    }).finally(() => client.dispose());
  };

  it('honours connectionParams.headers (the nested form), and refuses a malformed one with 4400', async () => {
    const sub = stack.sandbox.seed.subAccountIds[0] as string;
    expect(await viewerOverWs({ headers: { 'wix-account-id': sub } })).toEqual({ viewer: { wixId: sub } });
    expect(await viewerOverWs({ headers: { 'Wix-Account-Id': sub }, 'wix-account-id': sub })).toEqual({
      viewer: { wixId: sub },
    });
    const outsider = (await foreign(stack.sandbox)).accountId;
    expect(await viewerOverWs({ headers: { 'wix-account-id': outsider } })).toMatchObject({ code: 4403 });
    expect(await viewerOverWs({ headers: 'wix-account-id' })).toMatchObject({ code: 4400 });
    expect(
      await viewerOverWs({ headers: { 'wix-account-id': sub }, 'wix-account-id': stack.sandbox.seed.mainAccountId }),
    ).toMatchObject({ code: 4400, reason: expect.stringContaining('disagree') });
  });

  it('logs one line, no stack, for an oversized frame', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const socket = new WebSocket(`${stack.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(600 * 1024));
    expect(await closed).toBe(1009);
    await eventually(() => expect(warn).toHaveBeenCalledTimes(1));
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).toBe('gateway: websocket: message larger than the limit (closed 1009)');
    expect(warn.mock.calls[0]).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('tells a legacy subscriptions-transport-ws client (subprotocol graphql-ws) which protocol to speak', async () => {
    const url = `${stack.gateway.url.replace(/^http/, 'ws')}/graphql`;
    const legacy = new WebSocket(url, 'graphql-ws');
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      legacy.once('open', () => reject(new Error('the legacy subprotocol was accepted')));
      legacy.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('graphql-transport-ws');
    expect(refused.body).toContain('subscriptions-transport-ws');
    // The protocol it speaks, offered among others, is still chosen.
    const modern = new WebSocket(url, ['graphql-ws', 'graphql-transport-ws']);
    await new Promise((resolve, reject) => {
      modern.once('open', resolve);
      modern.once('unexpected-response', () => reject(new Error('refused')));
    });
    expect(modern.protocol).toBe('graphql-transport-ws');
    modern.close();
  });
});
