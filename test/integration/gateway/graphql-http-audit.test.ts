import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useStack } from '../../helpers/stack.js';

/** Issue 13: the GraphQL-over-HTTP spec's audits (the graphql-http package) pass, with no warning. */
describe('gateway: GraphQL over HTTP audits', () => {
  // Transport and bounds as anonymous clients see them: access control has its own tests (test/integration/auth).
  const stack = useStack({ auth: { methods: [] } });

  it('passes every audit of graphql-http with no warning', { timeout: 60_000 }, async () => {
    const results = await Promise.all(
      serverAudits({ url: () => stack.url, fetchFn: fetch }).map((audit) => audit.fn()),
    );
    const notOk = results
      .filter((r) => r.status !== 'ok')
      .map((r) => `${r.status}: ${r.name}${'reason' in r ? ` — ${r.reason}` : ''}`);
    expect(notOk).toEqual([]);
  });
});
