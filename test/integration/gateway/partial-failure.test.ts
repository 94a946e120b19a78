import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/schema/node.type.js';
import { TestStack } from '../../helpers/stack.js';

/**
 * Issue 13: one failing upstream endpoint must null only the fields it feeds. The dashboard (examples/01, with two
 * sibling root fields) runs once clean; then, for each Wix endpoint that run called, on a fresh gateway (its short
 * caches empty) with that endpoint answering 503 every time, it runs again: the answer still has data, every error
 * has a path, and every field outside the errors' paths is exactly what the clean run answered.
 */
describe('gateway: a failing endpoint nulls only its own fields', () => {
  const dashboard = readFileSync(new URL('../../../examples/01-dashboard.graphql', import.meta.url), 'utf8');
  const query = (subAccountId: string) =>
    dashboard.replace(
      /^(\s*)viewer \{/m,
      `$1other: account(id: "${subAccountId}") { wixId sites(first: 3) { nodes { wixId } } }\n$1suggestions: domainSuggestions(query: "cozy cuts", first: 3) { nodes { domain } }\n$1viewer {`,
    );

  interface Answer {
    data?: Record<string, unknown> | null;
    errors?: Array<{ path?: Array<string | number>; extensions?: { code?: string } }>;
  }

  const run = async (stack: TestStack): Promise<Answer> => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: query(stack.sandbox.seed.subAccountIds[1] as string), variables: { first: 20 } }),
    });
    return (await res.json()) as Answer;
  };

  /** `value` with the value at each of `paths` replaced by null (what the failed branch becomes). */
  const nulled = (value: unknown, paths: Array<Array<string | number>>): unknown => {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    for (const path of paths) {
      let node: Record<string | number, unknown> | undefined = copy;
      for (const key of path.slice(0, -1)) node = node?.[key] as Record<string | number, unknown> | undefined;
      const last = path.at(-1);
      if (node && last !== undefined && node[last] !== undefined) node[last] = null;
    }
    return copy;
  };

  it('for every endpoint the dashboard calls', { timeout: 180_000 }, async () => {
    let stack = await TestStack.start({ timeoutMs: 2_000, auth: { methods: [] } });
    let clean: Answer;
    let endpoints: string[];
    try {
      clean = await run(stack);
      expect(clean.errors).toBeUndefined();
      endpoints = [...new Set((await stack.sandbox.calls()).map((c) => c.operation))].sort();
    } finally {
      await stack.close();
    }
    expect(endpoints.length).toBeGreaterThanOrEqual(6);
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      stack = await TestStack.start({ timeoutMs: 2_000, auth: { methods: [] } });
      try {
        await stack.sandbox.admin('POST', 'faults', { target: endpoint, errorShare: 1, errorStatus: 503 });
        const answer = await run(stack);
        const paths = (answer.errors ?? []).map((e) => e.path);
        if (!answer.data) failures.push(`${endpoint}: data is null`);
        else if (paths.some((p) => !p)) failures.push(`${endpoint}: an error without a path`);
        else if ((answer.errors ?? []).length === 0) failures.push(`${endpoint}: no error reported`);
        else
          expect(answer.data, `${endpoint} → errors at ${JSON.stringify(paths)}`).toEqual(
            nulled(clean.data, paths as Array<Array<string | number>>),
          );
      } finally {
        await stack.close();
      }
    }
    expect(failures).toEqual([]);
  });

  it('nodes(ids:) answers null with an error at a malformed id’s index, and the other nodes', async () => {
    const stack = await TestStack.start({ auth: { methods: [] } });
    try {
      const [a, b] = stack.sandbox.seed.siteIds;
      const ids = [toGlobalId('Site', a as string), 'not-a-global-id', toGlobalId('Site', b as string)];
      const res = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } }),
      });
      const answer = (await res.json()) as Answer;
      expect(answer.data?.nodes).toEqual([{ id: ids[0] }, null, { id: ids[2] }]);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.path).toEqual(['nodes', 1]);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await stack.close();
    }
  });
});
