import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlCsp } from '../../src/graphiql.js';
import { readExamples } from '../../src/graphiql-examples.js';
import { TestStack } from '../helpers/stack.js';
import { wsClient } from '../helpers/ws.js';

/**
 * GraphiQL over plain HTTP: who gets the page and who gets the API on /graphql, the assets' types, caching and
 * compression, the examples list, and what is refused. (The browser test covers what the page does.)
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GraphiQL routes of the gateway', () => {
  let stack: TestStack;
  let base: string;
  const bundle = readdirSync(`${root}dist/graphiql`);
  const script = bundle.find((f) => /^app-[A-Z0-9]{8}\.js$/.test(f)) as string;
  const style = bundle.find((f) => /^app-[A-Z0-9]{8}\.css$/.test(f)) as string;

  beforeAll(async () => {
    stack = await TestStack.start();
    base = stack.gateway.url;
  });
  afterAll(async () => stack.close());

  it('answers a browser GET of /graphql with the page under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') as string;
    const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)?.[1] as string;
    expect(csp).toBe(graphiqlCsp(nonce));
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
    expect(csp).toContain("script-src 'self';");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('vary')).toContain('accept');
    const html = await res.text();
    expect(html).toContain(`<script type="module" nonce="${nonce}" src="graphiql/${script}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="graphiql/${style}" />`);
    // Nothing inline and nothing from elsewhere.
    expect(html).not.toMatch(/<script>|<style|style=|https?:\/\/(?!www\.w3\.org)/);
    // A fresh nonce every time.
    const again = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
    const head = await fetch(`${base}/graphql`, { method: 'HEAD', headers: { accept: BROWSER_ACCEPT } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('leaves POSTs, GETs with ?query= and non-HTML GETs to the API', async () => {
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: BROWSER_ACCEPT, ...stack.authHeaders() },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    // Every answer tells its upstream cost (issue 14): none for `__typename`.
    const NO_UPSTREAM = { upstream: { calls: 0, cached: 0, shared: 0, waitedMs: 0 } };
    expect(await post.json()).toEqual({ data: { __typename: 'Query' }, extensions: NO_UPSTREAM });
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true', ...stack.authHeaders() },
    });
    expect(get.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' }, extensions: NO_UPSTREAM });
    const json = await fetch(`${base}/graphql`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/html/);
  });

  it('leaves WebSocket upgrades of /graphql to the graphql-ws endpoint', async () => {
    const client = wsClient(base);
    try {
      const result = await new Promise((resolve, reject) => {
        client.subscribe({ query: '{ __typename }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result).toEqual({
        data: { __typename: 'Query' },
        extensions: { upstream: { calls: 0, cached: 0, shared: 0, waitedMs: 0 } },
      });
    } finally {
      await client.dispose();
    }
  });

  it('serves hashed assets with their types, for a year, gzipped on request, and revalidates the rest', async () => {
    const js = await fetch(`${base}/graphiql/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const css = await fetch(`${base}/graphiql/${style}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await fetch(`${base}/graphiql/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const etag = icon.headers.get('etag') as string;
    const again = await fetch(`${base}/graphiql/favicon.svg`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const licenses = await fetch(`${base}/graphiql/THIRD-PARTY-LICENSES.txt`);
    expect(await licenses.text()).toContain('graphiql@4.1.2 (MIT)');
  });

  it('serves the examples in order with their comments', async () => {
    const res = await fetch(`${base}/graphiql/examples.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const { examples } = (await res.json()) as {
      examples: Array<{ file: string; title: string; description: string; query: string }>;
    };
    const files = readdirSync(`${root}examples`).filter((f) => f.endsWith('.graphql'));
    expect(examples.map((e) => e.file)).toEqual(files.sort((a, b) => parseInt(a, 10) - parseInt(b, 10)));
    expect(examples[0]).toMatchObject({
      file: '01-dashboard.graphql',
      title: 'Dashboard',
      description: expect.stringMatching(/^The partner dashboard/),
    });
    expect(examples[1]).toMatchObject({ file: '02-domain-search.graphql', title: 'Domain search' });
    for (const example of examples) expect(example.description.length, example.file).toBeGreaterThan(20);
  });

  it('runs every query example against the sandbox without errors, as the page sends it', async () => {
    const queries = readExamples(`${root}examples`).filter((e) => /^\s*query\b/m.test(e.query.replace(/^#.*$/gm, '')));
    expect(queries.map((e) => e.file)).toEqual(
      expect.arrayContaining(['01-dashboard.graphql', '02-domain-search.graphql']),
    );
    for (const example of queries) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...stack.authHeaders(),
          ...(example.headers ? (JSON.parse(example.headers) as Record<string, string>) : {}),
        },
        body: JSON.stringify({
          query: example.query,
          variables: example.variables ? JSON.parse(example.variables) : undefined,
        }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors, example.file).toBeUndefined();
      expect(body.data, example.file).toBeTruthy();
    }
  });

  it('refuses unknown files, paths out of the folder and writes', async () => {
    for (const path of [
      '/graphiql/nope.js',
      '/graphiql/index.html',
      '/graphiql/%2e%2e%2fpackage.json',
      '/graphiql/..%2f..%2fpackage.json',
      '/graphiql/',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/plain; charset=utf-8');
    }
    const post = await fetch(`${base}/graphiql/${script}`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const other = await fetch(`${base}/graphiql-nope`, { headers: { accept: BROWSER_ACCEPT } });
    expect(other.status).toBe(404);
  });
});
