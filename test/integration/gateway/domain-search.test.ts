import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainAvailabilityDocument, DomainSuggestionsDocument } from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';

/** Domain availability and suggestions over the sandbox (CONTRACT §5). */
describe('gateway: domain search over the sandbox', () => {
  const stack = useStack();

  /** Every suggestion the sandbox has for a query, read page by page straight from it. */
  async function sandboxSuggestions(
    query: string,
    tlds: string[] = [],
  ): Promise<Array<{ domain: string; premium: boolean }>> {
    const all: Array<{ domain: string; premium: boolean }> = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ query, 'paging.limit': '20' });
      for (const tld of tlds) params.append('tlds', tld);
      if (cursor) params.set('paging.cursor', cursor);
      const res = await stack.sandbox.call('GET', `/domain-search/v2/suggest-domains?${params.toString()}`);
      all.push(...res.body.suggestions);
      cursor = res.body.pagingMetadata.hasNext ? res.body.pagingMetadata.cursors.next : null;
    } while (cursor);
    await stack.sandbox.clearCalls();
    return all;
  }

  it("domainAvailability answers what Check Domain Availability answers, sent with the tenant's headers", async () => {
    const domains = ['pixelco-agency.com', 'google.net', 'some-fresh-bakery-name.com', 'abc.shop'];
    const raws = [];
    for (const domain of domains)
      raws.push(
        (await stack.sandbox.call('GET', `/domain-search/v2/check-domain-availability?domain=${domain}`)).body
          .availability,
      );
    expect(raws.some((r) => r.available) && raws.some((r) => !r.available) && raws.some((r) => r.premium)).toBe(true);
    await stack.sandbox.clearCalls();
    for (const [i, domain] of domains.entries()) {
      const data = await stack.data(DomainAvailabilityDocument, { domain: i === 0 ? domain.toUpperCase() : domain });
      expect(data.domainAvailability).toEqual({
        domain: raws[i].domain,
        available: raws[i].available,
        premium: raws[i].premium,
      });
    }
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => [c.operation, c.auth, c.accountId])).toEqual(
      domains.map(() => ['checkDomainAvailability', 'valid', stack.sandbox.seed.mainAccountId]),
    );
    const sub = stack.sandbox.seed.subAccountIds[0] as string;
    await stack.sandbox.clearCalls();
    await stack.data(DomainAvailabilityDocument, { domain: 'abc.shop' }, { 'wix-account-id': sub });
    expect((await stack.sandbox.calls('checkDomainAvailability')).map((c) => c.accountId)).toEqual([sub]);
  });

  it('asks once for the same name asked twice in one request', async () => {
    const data = await stack.data<any, never>(
      parse(
        '{ a: domainAvailability(domain: "abc.shop") { available } b: domainAvailability(domain: "ABC.shop") { available } }',
      ),
    );
    expect(data.a).toEqual(data.b);
    expect(await stack.sandbox.calls()).toHaveLength(1);
  });

  it('refuses malformed names with BAD_USER_INPUT before any upstream call', async () => {
    for (const domain of [
      'nodot',
      'ex ample.com',
      '-dash.com',
      'a..com',
      'ab',
      `${'x'.repeat(60)}.com`,
      'caf\u00e9.com',
    ]) {
      const result = await stack.run(DomainAvailabilityDocument, { domain });
      expect(result.errors?.[0]?.extensions?.code, domain).toBe('BAD_USER_INPUT');
      // The field is nullable (issue 13): the refusal nulls it alone.
      expect(result.data).toEqual({ domainAvailability: null });
    }
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it("passes Wix's refusal of an unsupported TLD on as BAD_USER_INPUT with Wix's code (one call, no retry)", async () => {
    const result = await stack.run(DomainAvailabilityDocument, { domain: 'myshop.ws' });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      wixCode: 'DOMAINS_UNSUPPORTED_TLD',
    });
    expect(await stack.sandbox.calls()).toHaveLength(1);
  });

  it("domainSuggestions returns Wix's suggestions in order, and pages through all of them with after cursors", async () => {
    const expected = await sandboxSuggestions('cozy cuts', ['com', 'net', 'shop']);
    expect(expected.length).toBeGreaterThan(20);
    const seen: Array<{ domain: string; premium: boolean }> = [];
    let after: string | null | undefined;
    let requests = 0;
    do {
      const data = await stack.data(DomainSuggestionsDocument, {
        query: 'cozy cuts',
        tlds: ['com', 'net', 'shop'],
        first: 7,
        after,
      });
      requests++;
      seen.push(...data.domainSuggestions!.edges.map((e) => e.node));
      expect(data.domainSuggestions!.totalCount).toBeNull();
      after = data.domainSuggestions!.pageInfo.hasNextPage ? data.domainSuggestions!.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(expected);
    const calls = await stack.sandbox.calls('suggestDomains');
    // One Suggest Domains call per GraphQL page: each page lies inside one Wix page of 7.
    expect(calls).toHaveLength(requests);
    const first = new URLSearchParams(calls[0]!.query);
    expect(first.get('query')).toBe('cozy cuts');
    expect(first.getAll('tlds')).toEqual(['com', 'net', 'shop']);
    expect(first.get('paging.limit')).toBe('7');
    expect(first.get('paging.cursor')).toBeNull();
    expect(new URLSearchParams(calls[1]!.query).get('paging.cursor')).toBeTruthy();
  });

  it('resumes from a middle edge cursor', async () => {
    const all = await stack.data(DomainSuggestionsDocument, { query: 'blue bakery', first: 10 });
    const rest = await stack.data(DomainSuggestionsDocument, {
      query: 'blue bakery',
      first: 5,
      after: all.domainSuggestions!.edges[2]?.cursor,
    });
    expect(rest.domainSuggestions!.edges.map((e) => e.node.domain)).toEqual(
      all.domainSuggestions!.edges.slice(3, 8).map((e) => e.node.domain),
    );
  });

  it('caps first at 20 and checks query and tlds before any upstream call', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ query: 'cozy', first: 21 }, 'first'],
      [{ query: 'cozy', first: 0 }, 'first'],
      [{ query: 'cozy!', first: 5 }, 'query'],
      [{ query: '', first: 5 }, 'query'],
      [{ query: 'cozy', tlds: ['.com'], first: 5 }, 'tlds'],
      [{ query: 'cozy', tlds: Array.from({ length: 11 }, (_, i) => `t${i}x`), first: 5 }, 'tlds'],
    ];
    for (const [vars, field] of cases) {
      const result = await stack.run(DomainSuggestionsDocument, vars as never);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
      expect((result.errors?.[0]?.extensions?.fields as Array<{ field: string }>)[0]?.field).toBe(field);
    }
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it("refuses a cursor from another query, and passes Wix's unsupported-TLD refusal on", async () => {
    const page = await stack.data(DomainSuggestionsDocument, { query: 'cozy cuts', first: 3 });
    const other = await stack.run(DomainSuggestionsDocument, {
      query: 'other words',
      first: 3,
      after: page.domainSuggestions!.pageInfo.endCursor,
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unsupported = await stack.run(DomainSuggestionsDocument, { query: 'cozy cuts', tlds: ['ws'], first: 3 });
    expect(unsupported.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', wixCode: 'TLD_NOT_SUPPORTED' });
  });
});
