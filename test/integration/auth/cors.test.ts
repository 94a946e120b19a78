import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useStack } from '../../helpers/stack.js';

const ALLOWED = 'https://dashboard.partner.test';
const OTHER = 'https://evil.test';

/**
 * Browsers: CORS for the origins in CORS_ORIGINS (preflight answered with the credential header allowed), a request
 * or WebSocket upgrade from another origin refused; clients that send no Origin (backends, curl) are not browsers
 * and only need their credential. (The browser itself is in test/e2e/cross-origin.test.ts.)
 */
describe('access control: browser origins', () => {
  const stack = useStack({ auth: { corsOrigins: [ALLOWED] } });

  const preflight = (origin: string) =>
    fetch(stack.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, wix-account-id',
      },
    });

  it('answers a preflight from an allowed origin, with the credential headers allowed', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type.*wix-account-id/);
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight, and a request, from another origin', async () => {
    const res = await preflight(OTHER);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(stack.url, {
      method: 'POST',
      headers: { origin: OTHER, 'content-type': 'application/json', ...stack.authHeaders() },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.status).toBe(403);
    expect(
      ((await post.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('serves an allowed origin with CORS headers, and a client without Origin as before', async () => {
    const post = await fetch(stack.url, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json', ...stack.authHeaders() },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const backend = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authHeaders() },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(backend.status).toBe(200);
    expect(backend.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a WebSocket upgrade from another origin before connection_init; allows the listed one', async () => {
    const upgrade = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${stack.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
          origin,
        });
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => undefined);
      });
    expect(await upgrade(OTHER)).toBe(403);
    expect(await upgrade(ALLOWED)).toBe(101);
  });
});
