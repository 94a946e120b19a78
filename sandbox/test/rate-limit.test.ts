import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, violatedFields } from './helpers/sandbox-admin.js';
import { TestSandbox } from './helpers/test-sandbox.js';

const QUERY = '/site-list/v2/sites/query';

describe('sandbox: Wix per-key rate limit (/_sandbox/rate-limit, SANDBOX_RATE_LIMIT_PER_MINUTE)', () => {
  let sb: TestSandbox;
  const query = () => sb.call('POST', QUERY, { body: { query: { cursorPaging: { limit: 1 } } } });

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());

  it('answers 429 RESOURCE_EXHAUSTED with Retry-After past the limit, per key, in a sliding window', async () => {
    expect(await sb.admin('GET', 'rate-limit')).toEqual({ perMinute: 0, windowMs: 60_000, refused: 0 });
    expect(await sb.admin('POST', 'rate-limit', { perMinute: 3, windowMs: 1_500 })).toMatchObject({ perMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await query()).status);
    const refused = await query();
    expect([...statuses, refused.status]).toEqual([200, 200, 200, 429]);
    expect(refused.body).toMatchObject({ details: { applicationError: { code: 'RESOURCE_EXHAUSTED' } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Refused calls are logged as such, and do not count against the window.
    const calls = (await sb.admin<{ calls: Array<{ outcome: string; receivedAt: number }> }>('GET', 'calls')).calls;
    expect(calls.at(-1)?.outcome).toBe('rate-limited');
    expect(calls.every((c) => typeof c.receivedAt === 'number')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await query()).status).toBe(200);
    expect(await sb.admin('GET', 'rate-limit')).toMatchObject({ refused: 1 });
    expect(await sb.admin('POST', 'rate-limit', { perMinute: 0 })).toMatchObject({ perMinute: 0, refused: 0 });
  });

  it('refuses a bad setting field by field', async () => {
    const res = await rawCall(sb, 'POST', '/_sandbox/rate-limit', { perMinute: -1, windowMs: 5 });
    expect(res.status).toBe(400);
    expect(violatedFields(res.body)).toEqual(['perMinute', 'windowMs']);
  });
});
