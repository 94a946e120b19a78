import { describe, expect, it } from 'vitest';
import { runMemoryAttack } from '../../../bench/memory-run.js';

/**
 * Issue 13's memory attack, shorter than `npm run bench:memory`: a gateway child with a 96 MB heap is sent 300
 * distinct queries padded with 400 KB comments (before the fix the document cache kept every source text, and a
 * 256 MB gateway died after ~600), then 300 padded to just under the length cap (parsed and cached: the cache is
 * bounded in bytes). The gateway stays alive and its heap after GC levels off.
 */
describe('gateway: memory under distinct padded queries', () => {
  it('stays alive with a bounded heap', { timeout: 120_000 }, async () => {
    const samples = await runMemoryAttack({ requests: 300, heapMb: 96, every: 100 });
    const start = samples[0]?.heapUsedMb ?? 0;
    const padded = samples.filter((s) => s.phase === '400 KB comments');
    expect(padded.at(-1)?.statuses).toEqual({ 400: 300 });
    const underCap = samples.filter((s) => s.phase === 'just under the length cap');
    expect(underCap.at(-1)?.statuses).toEqual({ 200: 300 });
    // The document cache holds at most 16 MB by its own count; allow the rest of the process some slack.
    for (const s of samples) expect(s.heapUsedMb).toBeLessThan(start + 30);
  });
});
