/**
 * `npm run bench:memory`: issue 13's memory attack. A gateway with a 256 MB heap (BENCH_HEAP_MB) is sent 2,000
 * (BENCH_REQUESTS) distinct queries padded with 400 KB comments, then as many padded to just under the query length
 * cap; prints its heap after GC every 200 (BENCH_EVERY) requests. Before the fix it died after ~600 requests.
 */
import { runMemoryAttack } from './memory-run.js';

const samples = await runMemoryAttack({
  requests: Number(process.env.BENCH_REQUESTS ?? 2_000),
  heapMb: Number(process.env.BENCH_HEAP_MB ?? 256),
  every: Number(process.env.BENCH_EVERY ?? 200),
});
console.log('phase                         sent  heapUsed MB  rss MB  answers by status');
for (const s of samples)
  console.log(
    `${s.phase.padEnd(28)} ${String(s.sent).padStart(5)}  ${String(s.heapUsedMb).padStart(11)}  ${String(s.rssMb).padStart(6)}  ${JSON.stringify(s.statuses)}`,
  );
const heaps = samples.map((s) => s.heapUsedMb);
console.log(`gateway alive; heap after GC: min ${Math.min(...heaps)} MB, max ${Math.max(...heaps)} MB`);
