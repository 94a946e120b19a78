import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphiQL, graphiqlCsp } from '../../src/graphiql.js';

/** The GraphiQL handler without a bundle (a gateway run from source before `npm run build`). */
describe('GraphiQL handler without a bundle', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function serve(graphiql: GraphiQL): Promise<string> {
    server = createServer((req, res) => {
      if (!graphiql.handle(req, res, new URL(req.url ?? '/', 'http://x'))) res.writeHead(418).end('api');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  }

  it('tells the browser how to build it, and still leaves API requests alone', async () => {
    const base = await serve(
      new GraphiQL({ bundleDir: '/nonexistent/graphiql', examplesDir: '/nonexistent/examples' }),
    );
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('content-security-policy')).toBe(graphiqlCsp());
    expect(await page.text()).toContain('npm run build');
    expect((await fetch(`${base}/graphql`, { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(418);
    expect((await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: { accept: 'text/html' } })).status).toBe(
      418,
    );
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
    expect((await fetch(`${base}/graphiql/app-ABCDEFGH.js`)).status).toBe(404);
    expect(await (await fetch(`${base}/graphiql/examples.json`)).json()).toEqual({ examples: [] });
  });
});
