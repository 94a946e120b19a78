import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WixHttp } from '../../src/datasources/http.js';
import { HEADERS_OPTION, UpstreamTransport } from '../../src/datasources/transport.js';
import type { GatewayError } from '../../src/errors.js';

/** What the upstream saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * The upstream transport (ky's fetch: undici on a keep-alive Agent) against a real loopback server: what it sends,
 * what it hands back, connection reuse, abort and timeouts, and bodies that are not JSON.
 */
describe('UpstreamTransport', () => {
  let server: Server;
  let baseUrl = '';
  let seen: Seen[] = [];
  let connections = 0;
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}');

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        answer(req, res);
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen = [];
    connections = 0;
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    };
  });

  const http = (timeoutMs = 1_000) =>
    new WixHttp({ baseUrl, apiKey: 'the-key', timeoutMs, retryLimit: 2, backoffLimitMs: 10 });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable(),
      (error: unknown) => error as GatewayError,
    );

  it('sends the method, path, query, auth headers and JSON body, and hands back the parsed answer', async () => {
    await expect(
      http().post('/sites/query', {
        operation: 'Query Sites',
        accountId: 'acc-1',
        siteId: 'site-1',
        json: { query: { cursorPaging: { limit: 2 } } },
        searchParams: new URLSearchParams({ a: '1', b: 'x y' }),
      }),
    ).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    const [call] = seen as [Seen];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/sites/query?a=1&b=x+y');
    expect(call.headers).toMatchObject({
      authorization: 'the-key',
      'wix-account-id': 'acc-1',
      'wix-site-id': 'site-1',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(JSON.parse(call.body)).toEqual({ query: { cursorPaging: { limit: 2 } } });
  });

  it('keeps its connections alive across sequential calls', async () => {
    const client = http();
    for (let i = 0; i < 20; i++) await client.get(`/x/${i}`, { operation: 'Test' });
    expect(seen).toHaveLength(20);
    // undici's pool frees a socket a tick after its answer is read, so a call that follows at once may open a second.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('reads response headers (the sandbox world) and an empty or 204 answer as {}', async () => {
    const client = http();
    answer = (_req, res) => {
      res.writeHead(200, { 'x-sandbox-world-id': 'world-7' });
      res.end();
    };
    await expect(client.get('/empty', { operation: 'Test' })).resolves.toEqual({});
    expect(client.world).toBe('world-7');
    answer = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await expect(client.delete('/gone', { operation: 'Test' })).resolves.toEqual({});
  });

  it('decodes a gzip answer, as fetch does', async () => {
    answer = (req, res) => {
      expect(req.headers['accept-encoding']).toContain('gzip');
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"zipped":true}'));
    };
    await expect(http().get('/z', { operation: 'Test' })).resolves.toEqual({ zipped: true });
  });

  it('maps an HTML error page to the status’s code without its body or the key', async () => {
    answer = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway, your key the-key</html>');
    };
    const error = await failure(http().post('/w', { operation: 'Write', json: {} }));
    expect(error.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toMatch(/the-key|html/i);
  });

  it('ends a call whose body never finishes in UPSTREAM_TIMEOUT, within the timeout', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    };
    const started = performance.now();
    const error = await failure(http(300).get('/slow', { operation: 'Test' }));
    expect(error.extensions.code).toBe('UPSTREAM_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
    server.closeAllConnections();
  });

  it('retries a dropped connection on a new socket', async () => {
    let n = 0;
    answer = (req, res) => {
      if (n++ === 0) return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"second":true}');
    };
    await expect(http().get('/drop', { operation: 'Test' })).resolves.toEqual({ second: true });
    expect(seen).toHaveLength(2);
  });

  it('does not follow a redirect (the key stays with the upstream)', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    };
    const error = await failure(http().get('/moved', { operation: 'Test' }));
    expect(error.extensions.upstreamStatus).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it('as a fetch: a header comes from the call (HEADERS_OPTION), else the Request, else the transport', async () => {
    const transport = new UpstreamTransport({ connections: 1, headers: { accept: 'a/own', authorization: 'own-key' } });
    try {
      const init = {
        headers: { accept: 'a/request', 'x-a': 'request' },
        [HEADERS_OPTION]: { 'X-A': 'call', 'x-b': 'call' },
      };
      await transport.fetch(`${baseUrl}/h`, init);
      expect(seen[0]?.headers).toMatchObject({
        authorization: 'own-key',
        accept: 'a/request',
        'x-a': 'call',
        'x-b': 'call',
      });
    } finally {
      await transport.close();
    }
  });

  it('as a fetch: rejects an aborted call with the signal’s reason, before sending or while waiting', async () => {
    const transport = new UpstreamTransport({ connections: 4 });
    try {
      const early = new AbortController();
      early.abort(new Error('stopped early'));
      await expect(transport.fetch(`${baseUrl}/a`, { signal: early.signal })).rejects.toThrow('stopped early');
      expect(seen).toHaveLength(0);

      answer = () => undefined; // never answers
      const late = new AbortController();
      const pending = transport.fetch(`${baseUrl}/b`, { signal: late.signal });
      setTimeout(() => late.abort(), 50);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      server.closeAllConnections();
      await transport.close();
    }
  });

  it('as a fetch: answers a Response read once, clonable before, and with a body stream on demand', async () => {
    const transport = new UpstreamTransport({ connections: 1 });
    try {
      answer = (_req, res) => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-a': 'b' });
        res.end('{"n":1}');
      };
      const response = await transport.fetch(`${baseUrl}/r`);
      expect(response).toBeInstanceOf(Response);
      expect([response.status, response.ok, response.statusText]).toEqual([201, true, 'Created']);
      expect(response.headers.get('x-a')).toBe('b');
      const copy = response.clone();
      await expect(response.json()).resolves.toEqual({ n: 1 });
      expect(response.bodyUsed).toBe(true);
      await expect(response.text()).rejects.toThrow(TypeError);
      expect(() => response.clone()).toThrow(TypeError);
      await expect(copy.text()).resolves.toBe('{"n":1}');
      const streamed = await transport.fetch(`${baseUrl}/s`);
      await expect(new Response(streamed.body).text()).resolves.toBe('{"n":1}');
      expect(streamed.bodyUsed).toBe(true);
    } finally {
      await transport.close();
    }
  });

  it('as a fetch: a refused connection is TypeError("fetch failed") with the cause', async () => {
    const transport = new UpstreamTransport({ connections: 1 });
    try {
      const error = (await transport.fetch('http://127.0.0.1:9/').catch((e: unknown) => e)) as TypeError;
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('fetch failed');
      expect(error.cause).toBeDefined();
    } finally {
      await transport.close();
    }
  });
});
