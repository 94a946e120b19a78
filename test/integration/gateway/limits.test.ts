import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATION_LIMITS } from '../../../src/limits.js';
import { useStack } from '../../helpers/stack.js';
import { TestSubscription, wsClient } from '../../helpers/ws.js';

describe('gateway: operation limits', () => {
  const stack = useStack();

  it('refuses a too-deep query before any upstream call', async () => {
    let selection = 'wixId';
    for (let i = 0; i < OPERATION_LIMITS.maxDepth; i++) selection = `premiumPlan { site { ${selection} } }`;
    const result = await stack.run(parse(`{ viewer { sites(first: 1) { nodes { ${selection} } } } }`));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('refuses more aliases than allowed, and allows many site(id:) lookups up to it', async () => {
    const id = stack.sandbox.seed.siteIds[0] as string;
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `s${i}: site(id: "${id}") { wixId }`).join(' ');
    const ok = await stack.run(parse(`{ ${fields(OPERATION_LIMITS.maxAliases)} }`));
    expect(ok.errors).toBeUndefined();
    await stack.sandbox.clearCalls();
    const refused = await stack.run(parse(`{ ${fields(OPERATION_LIMITS.maxAliases + 1)} }`));
    expect(refused.errors?.[0]?.message).toMatch(/alias/i);
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('applies the same limits to operations over WebSocket', async () => {
    let selection = 'wixId';
    for (let i = 0; i < OPERATION_LIMITS.maxDepth; i++) selection = `premiumPlan { site { ${selection} } }`;
    const client = wsClient(stack.gateway.url);
    try {
      const sub = new TestSubscription(
        client,
        parse(
          `subscription { productInstanceUpdated(id: "${stack.sandbox.seed.siteIds[0]}") { site { ${selection} } } }`,
        ),
      );
      expect(await sub.error()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringMatching(/depth/i),
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ]),
      );
    } finally {
      await client.dispose();
    }
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('refuses a document with too many tokens', async () => {
    const padding = Array.from({ length: OPERATION_LIMITS.maxTokens }, () => 'wixId').join(' ');
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authHeaders() },
      body: JSON.stringify({ query: `{ viewer { ${padding} } }` }),
    });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.message).toMatch(/token/i);
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('lets every example operation through', async () => {
    const dir = new URL('../../../examples/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      const document = parse(readFileSync(new URL(file, dir), 'utf8'));
      const { validate, specifiedRules } = await import('graphql');
      const { limitRules } = await import('../../../src/limits.js');
      const { buildGatewaySchema } = await import('../../../src/schema.js');
      const errors = validate(await buildGatewaySchema(), document, [...specifiedRules, ...limitRules]);
      expect(errors.map((e) => `${file}: ${e.message}`)).toEqual([]);
    }
  });
});
