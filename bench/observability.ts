/**
 * `npm run bench:observability`: what metrics and tracing cost. The `site(id:)` query (one entity, one upstream call)
 * against a gateway child alone on core 0 (sandbox and load generator on core 1, where taskset exists), in three
 * modes: metrics off (no METRICS_PORT: prom-client is not even loaded) and no tracing (the default), metrics
 * served and scraped every 5 s like Prometheus would, and tracing on (spans exported over OTLP/HTTP to a receiver in
 * this process that answers and counts). Prints req/s, p50/p99 and the gateway's CPU ms per request. Env: BENCH_DURATION (s, default 10),
 * BENCH_CONNECTIONS (10), BENCH_ROUNDS (2).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpuMs, HAS_TASKSET, load, pinSelf, rssMb, startChild, type Target } from './gateway-measure.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SITE = 'query Site($id: ID!) { site(id: $id) { id wixId displayName published premium } }';

async function main(): Promise<void> {
  pinSelf(1);
  // The OTLP receiver: answers every export with 200 and counts the bytes (what a collector would be sent).
  let exported = 0;
  const receiver = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (exported += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const otlpUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
  const sandbox = await startChild('./sandbox-child.ts', 1);
  const seed = (await (await fetch(`${sandbox.url}/_sandbox/seed`)).json()) as {
    apiKey: string;
    mainAccountId: string;
    siteIds: string[];
  };
  const siteId = seed.siteIds[0] as string;
  const modes: Array<{ name: string; env: Record<string, string> }> = [
    { name: 'metrics off (no METRICS_PORT), no tracing', env: {} },
    { name: 'metrics served, scraped every 5 s', env: { BENCH_METRICS: 'on' } },
    { name: 'tracing on (OTLP/HTTP)', env: { BENCH_OTLP_URL: otlpUrl } },
  ];
  console.log(
    `observability bench: site(id:), ${CONNECTIONS} connections × ${DURATION_S} s, ${ROUNDS} round(s); ` +
      (HAS_TASKSET ? 'gateway on core 0, sandbox + load on core 1' : 'no taskset: nothing pinned'),
  );
  console.log('| mode | round | req/s | p50 / p99 ms | gateway CPU ms / request | RSS after MB | exported KB |');
  console.log('|---|---|---|---|---|---|---|');
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of modes) {
        const gateway = await startChild('./gateway-child.ts', 0, {
          SANDBOX_URL: sandbox.url,
          SANDBOX_API_KEY: seed.apiKey,
          SANDBOX_ACCOUNT_ID: seed.mainAccountId,
          ...mode.env,
        });
        try {
          const target: Target = {
            url: `${gateway.url}/graphql`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: SITE, variables: { id: siteId } }),
          };
          await load(target, CONNECTIONS, 2); // warm-up
          // The child's ready line names its metrics URL when it serves them.
          const metricsUrl = (gateway as { metricsUrl?: string }).metricsUrl;
          const scraper = metricsUrl
            ? setInterval(
                () =>
                  void fetch(metricsUrl)
                    .then((r) => r.text())
                    .catch(() => undefined),
                5_000,
              )
            : undefined;
          exported = 0;
          const cpuBefore = cpuMs(gateway.pid);
          const figures = await load(target, CONNECTIONS, DURATION_S);
          const cpu = cpuMs(gateway.pid) - cpuBefore;
          if (scraper) clearInterval(scraper);
          console.log(
            `| ${mode.name} | ${round} | ${Math.round(figures.rps)} | ${figures.p50} / ${figures.p99} | ${(cpu / Math.max(1, figures.total)).toFixed(2)} | ${Math.round(rssMb(gateway.pid))} | ${Math.round(exported / 1024)} |`,
          );
        } finally {
          gateway.child.kill('SIGTERM');
        }
      }
    }
  } finally {
    sandbox.child.kill('SIGTERM');
    receiver.close();
  }
}

await main();
