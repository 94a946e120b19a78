import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExamples } from '../../../src/graphiql-examples.js';
import type { TestStack } from '../../helpers/stack.js';
import { expectSucceeded, finished, startFlowStack, writeCalls } from './flow-fixtures.js';

/**
 * The flow examples of `examples/` (10–13) run as written against the seeded sandbox (seed 1): the dry run their
 * variables ask for plans without writing, and with `dryRun: false` the operation succeeds.
 */
const examples = readExamples(fileURLToPath(new URL('../../../examples', import.meta.url))).filter((e) =>
  /^\s*mutation\s/m.test(e.query.replace(/^#.*$/gm, '')),
);

describe('flows: the examples run on the seeded sandbox', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startFlowStack();
  });
  afterAll(async () => stack.close());

  async function post(
    query: string,
    operationName: string,
    variables: unknown,
  ): Promise<
    Record<string, { operation: { id: string } | null; plan: { steps: unknown[] } | null; userErrors: unknown[] }>
  > {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authHeaders() },
      body: JSON.stringify({ query, operationName, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, never>; errors?: unknown };
    if (!body.data || body.errors) throw new Error(JSON.stringify(body));
    return body.data;
  }

  it('there are four flow examples', () => {
    expect(examples.map((e) => e.file)).toEqual([
      '10-set-up-customer-site.graphql',
      '11-reassign-paid-service.graphql',
      '12-purchase-domain.graphql',
      '13-connect-domain.graphql',
    ]);
  });

  it.each(examples.map((e) => [e.file, e] as const))('%s plans, then runs to SUCCEEDED', async (_file, example) => {
    await stack.sandbox.reset(1);
    await stack.sandbox.clearCalls();
    const name = /mutation\s+(\w+)/.exec(example.query)?.[1] as string;
    const variables = JSON.parse(example.variables ?? '{}') as { input: Record<string, unknown> };
    expect(variables.input.dryRun).toBe(true);
    const [dry] = Object.values(await post(example.query, name, variables));
    expect(dry?.userErrors).toEqual([]);
    expect(dry?.plan?.steps.length).toBeGreaterThan(1);
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);
    const [run] = Object.values(await post(example.query, name, { input: { ...variables.input, dryRun: false } }));
    expectSucceeded(await finished(stack, run?.operation?.id as string, { advanceMs: 5 * 60_000 }));
  });
});
