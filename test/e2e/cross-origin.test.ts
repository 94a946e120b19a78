import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExamples } from '../../src/graphiql-examples.js';
import { TestStack } from '../helpers/stack.js';
import { launchChromium } from './browser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A blank page served on its own loopback origin (the partner's dashboard, or someone else's page). */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>partner</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** In the page: POST the query with the token; `blocked` when the browser refuses (CORS). */
const HTTP_SCRIPT = `async ({ url, token, query }) => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: await res.json() };
  } catch (error) {
    return { blocked: String(error) };
  }
}`;

/** In the page: graphql-transport-ws by hand — init with the token, subscribe, resolve with the first event. */
const WS_SCRIPT = `({ url, token, query, variables }) => new Promise((resolve) => {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + token } }));
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack')
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    if (message.type === 'next' || message.type === 'error') { resolve({ [message.type]: message.payload }); ws.close(); }
  };
  ws.onclose = (event) => resolve({ closed: event.code });
})`;

/** Runs `script` (a function's source) in the page with `args`. */
function inPage<T>(page: Page, script: string, args: object): Promise<T> {
  return page.evaluate<T>(`(${script})(${JSON.stringify(args)})`);
}

/**
 * A page on a second origin, in a real browser, with a token: from an origin in CORS_ORIGINS it runs the dashboard
 * query over HTTP and a subscription over WebSocket; from any other origin the browser gets neither (the preflight
 * is refused, the WebSocket upgrade answered 403).
 */
describe('a partner page on another origin, in a real browser', () => {
  let browser: Browser;
  let stack: TestStack;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let token: string;
  const dashboard = readExamples(`${root}examples`)[0]?.query as string;

  beforeAll(async () => {
    [allowed, other] = await Promise.all([pageServer(), pageServer()]);
    browser = await launchChromium();
    stack = await TestStack.start({ auth: { corsOrigins: [allowed.origin] } });
    token = await stack.token({ name: 'partner dashboard', scopes: ['read'] });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    for (const s of [allowed, other]) s?.server.close();
  });

  async function open(origin: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  const subscription = async () => {
    const world = await stack.sandbox.world();
    const instance = [...world.packages.values()].flatMap((p) => p.productInstances)[0];
    return {
      query: 'subscription ($id: ID!) { productInstanceUpdated(id: $id) { wixId status } }',
      variables: { id: instance?.instanceId },
    };
  };

  interface HttpAnswer {
    status?: number;
    blocked?: string;
    body?: { data?: { viewer?: { wixId: string; sites: { edges: unknown[] } } }; errors?: unknown };
  }
  interface WsAnswer {
    next?: { data?: { productInstanceUpdated?: { wixId: string } } };
    closed?: number;
  }

  it('from an allowed origin: the dashboard query over HTTP and a subscription over WebSocket', async () => {
    const page = await open(allowed.origin);
    const http = await inPage<HttpAnswer>(page, HTTP_SCRIPT, { url: stack.url, token, query: dashboard });
    expect(http.status).toBe(200);
    expect(http.body?.errors).toBeUndefined();
    expect(http.body?.data?.viewer?.wixId).toBe(stack.sandbox.seed.mainAccountId);
    expect(http.body?.data?.viewer?.sites.edges.length).toBeGreaterThan(0);
    const sub = await subscription();
    const ws = await inPage<WsAnswer>(page, WS_SCRIPT, { url: stack.url.replace(/^http/, 'ws'), token, ...sub });
    expect(ws.next?.data?.productInstanceUpdated?.wixId).toBe(sub.variables.id);
  });

  it('from another origin: neither HTTP nor WebSocket', async () => {
    const page = await open(other.origin);
    const http = await inPage<HttpAnswer>(page, HTTP_SCRIPT, { url: stack.url, token, query: dashboard });
    expect(http.blocked).toMatch(/Failed to fetch/);
    const sub = await subscription();
    const ws = await inPage<WsAnswer>(page, WS_SCRIPT, { url: stack.url.replace(/^http/, 'ws'), token, ...sub });
    expect(ws).toEqual({ closed: 1006 });
  });
});
