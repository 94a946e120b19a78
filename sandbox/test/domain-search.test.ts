import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestSandbox } from './helpers/test-sandbox.js';
import { code, expectError, freeName } from './domain-fixtures.js';

const AVAILABILITY = '/domain-search/v2/check-domain-availability';
const SUGGEST = '/domain-search/v2/suggest-domains';

describe('sandbox: Domain Search (CONTRACT §5)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  const check = (domain: string, auth = false) =>
    sb.call(
      'GET',
      `${AVAILABILITY}?domain=${encodeURIComponent(domain)}`,
      auth ? {} : { apiKey: null, accountId: null },
    );
  const suggest = (qs: string) => sb.call('GET', `${SUGGEST}?${qs}`, { apiKey: null, accountId: null });

  it('TV8: answers availability with and without auth headers', async () => {
    const anonymous = await check('mydomain.com');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({
      availability: { domain: 'mydomain.com', available: false, premium: false, premiumType: 'UNKNOWN_PREMIUM_TYPE' },
    });
    const keyed = await check('mydomain.com', true);
    expect(keyed.body).toEqual(anonymous.body);
    const free = freeName(sb);
    expect((await check(free.toUpperCase())).body.availability).toMatchObject({
      domain: free,
      available: true,
      premium: false,
    });
  });

  it('marks taken names: famous, Wix-registered, registered elsewhere and by the seed-dependent hash rule', async () => {
    for (const taken of ['google.net', 'bluebakery.com', 'partner-owned.com', 'example.com'])
      expect((await check(taken)).body.availability.available, taken).toBe(false);
    const names = Array.from({ length: 40 }, (_, i) => `deterministic-probe-${i}.com`);
    const first = await Promise.all(names.map(async (n) => (await check(n)).body.availability.available as boolean));
    expect(first.filter((a) => !a).length).toBeGreaterThan(0);
    expect(first.filter((a) => a).length).toBeGreaterThan(20);
    await sb.reset(1);
    const again = await Promise.all(names.map(async (n) => (await check(n)).body.availability.available as boolean));
    expect(again).toEqual(first);
  });

  it('marks short available names as premium', async () => {
    const short = ['qzv', 'xq7w', 'k9z', 'vvq', 'zq8', 'wq3x'].map((s) => `${s}.net`);
    const answers = await Promise.all(short.map(async (n) => (await check(n)).body.availability));
    const available = answers.filter((a) => a.available);
    expect(available.length).toBeGreaterThan(0);
    for (const a of available) expect(a.premium).toBe(true);
    for (const a of answers.filter((x) => !x.available)) expect(a.premium).toBe(false);
  });

  it('refuses bad names with INVALID_DOMAIN and unsold TLDs with DOMAINS_UNSUPPORTED_TLD (TV8 error body)', async () => {
    for (const bad of ['nodot', 'bad_name.com', 'shop.example.com', '-dash.com', `${'a'.repeat(64)}.com`])
      expectError(await check(bad), 400, 'INVALID_DOMAIN', bad);
    const ws = expectError(await check('myshop.ws'), 400, 'DOMAINS_UNSUPPORTED_TLD');
    expect(ws.body).toEqual({
      message: 'Unsupported TLD for domain name myshop.ws',
      details: {
        applicationError: { code: 'DOMAINS_UNSUPPORTED_TLD', description: 'Unsupported TLD for domain name myshop.ws' },
      },
    });
    const missing = await sb.call('GET', AVAILABILITY, { apiKey: null, accountId: null });
    expect(missing.status).toBe(400);
    expect(missing.body.details.validationError.fieldViolations[0].field).toBe('domain');
  });

  it('TV8 new style: suggests available domains with cursor paging metadata', async () => {
    const res = await suggest('query=cozycuts&paging.limit=3');
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toHaveLength(3);
    expect(res.body.pagingMetadata).toMatchObject({ count: 3, hasNext: true, cursors: { prev: null } });
    expect(typeof res.body.pagingMetadata.cursors.next).toBe('string');
    for (const s of res.body.suggestions) {
      expect(Object.keys(s).sort()).toEqual(['domain', 'premium']);
      expect(s.domain).toContain('cozycuts');
      expect((await check(s.domain)).body.availability).toMatchObject({ available: true, premium: s.premium });
    }
  });

  it('TV8 old style: deprecated limit and repeated tlds', async () => {
    const res = await suggest('query=my%20stunning%20domain&limit=4&tlds=com&tlds=love');
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toHaveLength(4);
    for (const s of res.body.suggestions) expect(s.domain).toMatch(/^[a-z0-9-]+\.(com|love)$/);
    const tlds = new Set(
      (await suggest('query=my%20stunning%20domain&paging.limit=20&tlds=com&tlds=love')).body.suggestions.map(
        (s: { domain: string }) => s.domain.split('.')[1],
      ),
    );
    expect([...tlds].sort()).toEqual(['com', 'love']);
  });

  it('pages through a stable list: next and prev cursors, no duplicates, exhausted list has null cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let second: { cursors: { prev: string | null } } | undefined;
    do {
      const res = await suggest(`query=sunny%20bakery&paging.limit=20${cursor ? `&paging.cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.suggestions.map((s: { domain: string }) => s.domain));
      if (++pages === 2) second = res.body.pagingMetadata;
      cursor = res.body.pagingMetadata.hasNext ? res.body.pagingMetadata.cursors.next : null;
      if (!cursor) expect(res.body.pagingMetadata.cursors.next).toBeNull();
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeLessThanOrEqual(100);
    const back = await suggest(`query=sunny%20bakery&paging.limit=20&paging.cursor=${second?.cursors.prev}`);
    expect(back.body.suggestions.map((s: { domain: string }) => s.domain)).toEqual(seen.slice(0, 20));
    const repeat = await suggest('query=sunny%20bakery&paging.limit=20');
    expect(repeat.body.suggestions.map((s: { domain: string }) => s.domain)).toEqual(seen.slice(0, 20));
  });

  it('applies maxLength and the default page size of 10', async () => {
    const res = await suggest('query=coffee&maxLength=8&paging.limit=20');
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    for (const s of res.body.suggestions) expect(s.domain.split('.')[0].length).toBeLessThanOrEqual(8);
    expect((await suggest('query=coffee')).body.suggestions).toHaveLength(10);
    expect((await suggest('query=coffee&paging.limit=0')).body.suggestions).toHaveLength(10);
  });

  it('refuses bad requests with the documented codes', async () => {
    expectError(await suggest('query=hello!world'), 400, 'INVALID_QUERY');
    expectError(await suggest('query=---'), 400, 'INVALID_QUERY');
    expectError(await suggest('query=coffee&tlds=.com'), 400, 'INVALID_TLD_FORMAT');
    expectError(await suggest('query=coffee&tlds=com&tlds=ws'), 400, 'TLD_NOT_SUPPORTED');
    for (const qs of [
      'paging.limit=21',
      'limit=0',
      'limit=21',
      'maxLength=2',
      `tlds=${Array(11).fill('com').join('&tlds=')}`,
    ]) {
      const res = await suggest(`query=coffee&${qs}`);
      expect(res.status, qs).toBe(400);
      expect(code(res), qs).toBe('VALIDATION');
    }
    expect(code(await suggest(''))).toBe('VALIDATION');
    // `query` is 3–100 characters (documented): 2 is too short, 3 and 100 are fine, 101 too long.
    expect(code(await suggest('query=ab'))).toBe('VALIDATION');
    expect((await suggest('query=ab')).status).toBe(400);
    expect((await suggest('query=abc')).status).toBe(200);
    expect((await suggest(`query=${'a'.repeat(100)}`)).status).toBe(200);
    expect((await suggest(`query=${'a'.repeat(101)}`)).status).toBe(400);
    const first = await suggest('query=coffee&paging.limit=2');
    const foreignCursor = await suggest(
      `query=bakery&paging.limit=2&paging.cursor=${first.body.pagingMetadata.cursors.next}`,
    );
    expect(foreignCursor.status).toBe(400);
  });
});
