import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS } from '../../../src/limits/check.js';
import { useStack } from '../../helpers/stack.js';
import { wsClient } from '../../helpers/ws.js';

/** Issue 13: the bounds that variables, aliases, fragments and comments used to get around. */
describe('gateway: bounds that cannot be walked around', () => {
  // Transport and bounds as anonymous clients see them: access control has its own tests (test/integration/auth).
  const stack = useStack({ auth: { methods: [] } });

  /** POSTs a raw query text (no parse in the test: some of these are meant to be refused unparsed). */
  const post = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    return { status: res.status, ...body };
  };

  // With first = 100 the nested lists below come to more than the cost ceiling (see src/limits/cost.ts); with 50, not.
  const nested = (first: string) =>
    `viewer { subAccounts { sites(first: ${first}) { nodes { productInstances { package { wixId } } connectedDomains { site { wixId } } registeredDomains { dnsZone { domainName } } } } } }`;

  it('refuses `$first: 100` exactly like `first: 100`, with the default of a variable too, saying "cost N exceeds M"', async () => {
    const literal = await post(`query { ${nested('100')} }`);
    const variable = await post(`query Q($first: Int!) { ${nested('$first')} }`, { first: 100 });
    const byDefault = await post(`query Q($first: Int = 100) { ${nested('$first')} }`);
    for (const refused of [literal, variable, byDefault]) {
      expect(refused.status).toBe(400);
      expect(refused.errors?.[0]?.message).toMatch(new RegExp(`^Query cost \\d+ exceeds ${REQUEST_LIMITS.maxCost}`));
      expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(variable.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
    expect(byDefault.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
    expect(await stack.sandbox.calls()).toHaveLength(0);
    const allowed = await post(`query Q($first: Int = 100) { ${nested('$first')} }`, { first: 50 });
    expect(allowed.errors).toBeUndefined();
    // The same text again (Apollo's cached document): its cost is worked out again with the new variables.
    const again = await post(`query Q($first: Int = 100) { ${nested('$first')} }`, { first: 100 });
    expect(again.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
  });

  it('counts every alias, __typename included: 1,600 aliased __typename are refused', async () => {
    const typenames = Array.from({ length: 1_600 }, (_, i) => `t${i}: __typename`).join(' ');
    const refused = await post(`{ ${typenames} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/1600 aliases .*at most 50/);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await post(`{ ${fiftyOne} }`)).errors?.[0]?.message).toMatch(/51 aliases/);
  });

  it('counts aliases inside fragments once per spread', async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: wixId`).join(' ');
    const spreads = Array.from({ length: 6 }, () => '...F').join(' ');
    const refused = await post(`{ viewer { ${spreads} } } fragment F on Account { ${aliases} }`);
    expect(refused.errors?.[0]?.message).toMatch(/60 aliases/);
  });

  it('refuses 50 aliased domainAvailability before any upstream call, and runs up to the ceiling', async () => {
    const checks = (n: number) =>
      Array.from({ length: n }, (_, i) => `d${i}: domainAvailability(domain: "name${i}.com") { available }`).join(' ');
    const refused = await post(`{ ${checks(50)} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(
      new RegExp(`may make 50 calls to Wix; at most ${REQUEST_LIMITS.maxUpstreamCalls} per request`),
    );
    expect(await stack.sandbox.calls()).toHaveLength(0);
    const allowed = await post(`{ ${checks(REQUEST_LIMITS.maxUpstreamCalls)} }`);
    expect(allowed.errors).toBeUndefined();
    expect((await stack.sandbox.calls()).length).toBeLessThanOrEqual(REQUEST_LIMITS.maxUpstreamCalls);
  });

  it('bounds validation work: 1,200 identical fields are refused before validation, quickly', async () => {
    const fields = Array.from({ length: 1_200 }, () => 'wixId').join(' ');
    const started = performance.now();
    const refused = await post(`{ viewer { ${fields} } }`);
    const elapsed = performance.now() - started;
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(new RegExp(`1201 fields .*at most ${REQUEST_LIMITS.maxFields}`));
    expect(elapsed).toBeLessThan(100);
  });

  it('bounds introspection: 50 aliased __schema are refused; one (GraphiQL) is served', async () => {
    const schemas = Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    const refused = await post(`{ ${schemas} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/__schema\/__type 50 times/);
    const { getIntrospectionQuery } = await import('graphql');
    const served = await post(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(served.errors).toBeUndefined();
  });

  it('caps the query text on HTTP as on the WebSocket: a 400 KB comment is refused before parsing', async () => {
    const padded = `#${'x'.repeat(400 * 1024)}\n{ viewer { wixId } }`;
    const refused = await post(padded);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/at most 32768 are accepted/);
    const get = await fetch(
      `${stack.url}?query=${encodeURIComponent(`#${'x'.repeat(40_000)}\n{ viewer { wixId } }`)}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    // Node refuses a request line that long itself (431); the cap applies to GET query texts below that too.
    expect([400, 431]).toContain(get.status);
    const client = wsClient(stack.gateway.url);
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `#${'x'.repeat(40_000)}\nsubscription { productInstanceUpdated(id: "x") { wixId } }` },
          { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
        );
      });
      expect(JSON.stringify(errors)).toMatch(/at most 32768 are accepted/);
    } finally {
      await client.dispose();
    }
  });

  it('applies cost and upstream-call ceilings to WebSocket operations too', async () => {
    const client = wsClient(stack.gateway.url);
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `query Q($first: Int = 100) { ${nested('$first')} }` },
          { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
        );
      });
      expect(JSON.stringify(errors)).toMatch(/Query cost \d+ exceeds/);
    } finally {
      await client.dispose();
    }
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });
});
