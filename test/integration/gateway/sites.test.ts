import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SiteByIdDocument, SitesPageDocument, ViewerSitesDocument } from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';

describe('gateway: sites over the sandbox', () => {
  const stack = useStack();

  it('answers a sites query with the seeded sites of the main account', async () => {
    const data = await stack.data(SitesPageDocument, { first: 5 });
    expect(data.sites!.edges).toHaveLength(5);
    expect(data.sites!.pageInfo.hasNextPage).toBe(true);
    for (const edge of data.sites!.edges) expect(stack.sandbox.seed.siteIds).toContain(edge.node.wixId);
    const calls = await stack.sandbox.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      operation: 'querySites',
      accountId: stack.sandbox.seed.mainAccountId,
      auth: 'valid',
    });
  });

  it('pages through every site with after cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const data = await stack.data(SitesPageDocument, { first: 7, after });
      seen.push(...data.sites!.edges.map((e) => e.node.wixId));
      after = data.sites!.pageInfo.hasNextPage ? data.sites!.pageInfo.endCursor : undefined;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(16);
  });

  it('resumes from a middle edge cursor', async () => {
    const all = await stack.data(SitesPageDocument, { first: 10 });
    const fromThird = await stack.data(SitesPageDocument, { first: 4, after: all.sites!.edges[2]?.cursor });
    expect(fromThird.sites!.edges.map((e) => e.node.wixId)).toEqual(
      all.sites!.edges.slice(3, 7).map((e) => e.node.wixId),
    );
  });

  it('filters by premium and published', async () => {
    const data = await stack.data(SitesPageDocument, { first: 100, filter: { premium: true } });
    expect(data.sites!.edges.length).toBeGreaterThan(0);
    expect(data.sites!.edges.every((e) => e.node.premium)).toBe(true);
    const body = (await stack.sandbox.calls())[0]?.body as { query: { filter: unknown } };
    expect(body.query.filter).toEqual({ premium: true });
  });

  it('refuses first > 100 with a field-level BAD_USER_INPUT before any upstream call', async () => {
    const result = await stack.run(SitesPageDocument, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'first', message: expect.stringContaining('100') },
    ]);
    expect(JSON.stringify(result.errors)).not.toContain('101');
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('refuses a cursor from another filter', async () => {
    const page = await stack.data(SitesPageDocument, { first: 2 });
    const result = await stack.run(SitesPageDocument, {
      first: 2,
      after: page.sites!.pageInfo.endCursor,
      filter: { premium: true },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('batches 20 site(id:) fields into exactly one upstream Query Sites call', async () => {
    const ids = stack.sandbox.seed.siteIds.slice(0, 16);
    const fields = Array.from(
      { length: 20 },
      (_, i) => `s${i}: site(id: "${ids[i % ids.length]}") { wixId name }`,
    ).join('\n');
    const data = await stack.data<Record<string, { wixId: string } | null>, never>(parse(`query { ${fields} }`));
    for (let i = 0; i < 20; i++) expect(data[`s${i}`]?.wixId).toBe(ids[i % ids.length]);
    const calls = await stack.sandbox.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.operation).toBe('querySites');
    expect((calls[0]?.body as { query: { filter: { id: { $in: string[] } } } }).query.filter.id.$in.sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('site(id) takes a global ID or a Wix GUID, and is null for a site of another account', async () => {
    const list = await stack.data(SitesPageDocument, { first: 1 });
    const node = list.sites!.edges[0]?.node;
    const byGlobal = await stack.data(SiteByIdDocument, { id: node?.id as string });
    expect(byGlobal.site?.wixId).toBe(node?.wixId);
    const subSite = await stack.sandbox.call('POST', '/site-list/v2/sites/query', {
      accountId: stack.sandbox.seed.subAccountIds[0],
      body: {},
    });
    const foreign = await stack.data(SiteByIdDocument, { id: subSite.body.sites[0].id });
    expect(foreign.site).toBeNull();
    const bad = await stack.run(SiteByIdDocument, { id: 'not-an-id' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('viewer answers the main account and its sites', async () => {
    const data = await stack.data(ViewerSitesDocument, { first: 3 });
    expect(data.viewer.wixId).toBe(stack.sandbox.seed.mainAccountId);
    expect(data.viewer.sites!.nodes).toHaveLength(3);
  });

  it('maps an upstream failure to UPSTREAM_UNAVAILABLE without leaking the key or the body', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'querySites', errorShare: 1 });
    try {
      const result = await stack.run(SitesPageDocument, { first: 3 });
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(result)).not.toContain(stack.sandbox.seed.apiKey);
      // Query Sites is a read (though a POST): tried once and retried twice before giving up.
      expect((await stack.sandbox.calls()).map((c) => c.outcome)).toEqual(['fault-5xx', 'fault-5xx', 'fault-5xx']);
    } finally {
      await stack.sandbox.admin('DELETE', 'faults');
    }
  });
});
