import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gateway } from '../../../src/server.js';
import { useStack } from '../../helpers/stack.js';

/**
 * Issue 13: for 400/403/404/409/428 the gateway used to copy Wix's message into the answer. Behind a proxy that echoes
 * the request's `Authorization` header (the API key) into every error body — message, code, description — no answer
 * may contain the key. The proxy is a tiny loopback server in front of the sandbox: it answers every Wix call with
 * the next status of the list and such a body.
 */
describe('gateway behind an upstream that echoes the Authorization header', () => {
  const stack = useStack();
  const STATUSES = [400, 403, 404, 409, 428];
  let proxy: Server;
  let gateway: Gateway;
  let echoed = 0;

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      req.resume();
      const auth = req.headers.authorization ?? '';
      const status = STATUSES[echoed++ % STATUSES.length] as number;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          message: `request with Authorization ${auth} refused; Bearer ${auth}; api_key=${auth}`,
          details: {
            applicationError: { code: echoed % 2 ? auth : `SITE_NOT_FOUND`, description: `key: ${auth}` },
            validationError: { fieldViolations: [{ field: 'x', description: `Authorization: ${auth}` }] },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    gateway = await Gateway.start({
      upstream: {
        baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        apiKey: stack.sandbox.seed.apiKey,
        mainAccountId: stack.sandbox.seed.mainAccountId,
        timeoutMs: 5_000,
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise<void>((resolve) => proxy?.close(() => resolve()));
  });

  const OPERATIONS = [
    '{ viewer { name sites(first: 5) { nodes { wixId productInstances { wixId } } } } }',
    '{ a: domainAvailability(domain: "echo-one.com") { available } }',
    '{ domainSuggestions(query: "echo") { nodes { domain } } }',
    '{ packages(first: 5) { nodes { wixId } } }',
    '{ registeredDomain(domain: "echo.com") { domain } }',
    '{ connectedDomain(domain: "echo.com") { domain } }',
    '{ dnsZone(domain: "echo.com") { domainName } }',
    `{ site(id: "${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}") { wixId } }`,
    `mutation { cancelPackage(input: { packageId: "00000000-0000-4000-8000-000000000001", idempotencyKey: "echo-1" }) { userErrors { code message field } } }`,
    `mutation { createSubAccount(input: { email: "echo@example.com", idempotencyKey: "echo-2" }) { userErrors { code message field } } }`,
  ];

  it('puts the key in no answer, for every status', async () => {
    const key = stack.sandbox.seed.apiKey;
    const answers: string[] = [];
    for (const query of OPERATIONS) {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      answers.push(await res.text());
    }
    expect(echoed).toBeGreaterThanOrEqual(OPERATIONS.length);
    // Every answer reports the failure (so the echo was really read), and none holds the key or a piece of it.
    for (const [i, answer] of answers.entries()) {
      expect(answer, OPERATIONS[i]).toMatch(/"errors"|"userErrors":\[\{/);
      expect(answer, OPERATIONS[i]).not.toContain(key);
      expect(answer, OPERATIONS[i]).not.toContain(key.slice(-16));
      expect(answer, OPERATIONS[i]).not.toMatch(/Bearer|api_key=|Authorization /);
    }
  });
});
