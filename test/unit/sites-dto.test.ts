import { describe, expect, it } from 'vitest';
import { nextSitesCursor, type QuerySitesResponse } from '../../src/datasources/sites.dto.js';

/** Query Sites' paging object is read under `metadata` (the contract, the sandbox) or `pagingMetadata`. */
describe('Query Sites answer: the next cursor', () => {
  const page = (extra: Partial<QuerySitesResponse>): QuerySitesResponse => ({ sites: [], ...extra });

  it('reads metadata, the shape the contract and the sandbox answer', () => {
    expect(nextSitesCursor(page({ metadata: { count: 1, cursors: { next: 'c1' }, hasNext: true } }))).toBe('c1');
    expect(nextSitesCursor(page({ metadata: { count: 1, cursors: { next: 'c1' }, hasNext: false } }))).toBeNull();
  });

  it('reads pagingMetadata, the name of the newer query endpoints', () => {
    expect(nextSitesCursor(page({ pagingMetadata: { count: 2, cursors: { next: 'c2' }, hasNext: true } }))).toBe('c2');
  });

  it('is null without any paging object', () => {
    expect(nextSitesCursor(page({}))).toBeNull();
  });
});
