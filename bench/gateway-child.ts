/**
 * Child process of `bench/subscriptions.ts`, `bench/cluster.ts` (with REDIS_URL) and `bench/observability.ts`: runs one
 * gateway (against the sandbox URL it is given) in its own process,
 * so that its memory can be measured apart from the sandbox and the WebSocket clients. Prints its URL as one JSON
 * line; then answers each `mem` line on stdin with one JSON line (after two forced GCs: run it with --expose-gc).
 * Stops on SIGTERM or when stdin closes.
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Gateway } from '../src/server.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`gateway-child: ${name} is required`);
  return value;
};

const intervalMs = Number(process.env.BENCH_POLL_MS ?? 1_000);
const gateway = await Gateway.start({
  upstream: {
    baseUrl: env('SANDBOX_URL'),
    apiKey: env('SANDBOX_API_KEY'),
    mainAccountId: env('SANDBOX_ACCOUNT_ID'),
    timeoutMs: 10_000,
  },
  // No backoff (max = base) so the upstream rate is steady and comparable between phases.
  polling: { intervalMs, maxIntervalMs: intervalMs, maxPollersPerTenant: 1_000 },
  websocket: { maxConnections: 1_000, maxOperationsPerConnection: 1_000 },
  // The benches measure the gateway's own work and what pollers would ask of Wix unpaced: no rate budget unless
  // BENCH_RATE_LIMIT, and no read cache unless BENCH_READ_CACHE=on (else bench:gateway would measure cache hits).
  budget: {
    limit: Number(process.env.BENCH_RATE_LIMIT ?? 1_000_000),
    readCache: process.env.BENCH_READ_CACHE === 'on' ? {} : false,
  },
  // bench:cluster: instances sharing Redis (REDIS_URL, REDIS_KEY_PREFIX).
  shared: process.env.REDIS_URL
    ? { redisUrl: process.env.REDIS_URL, keyPrefix: env('REDIS_KEY_PREFIX'), instances: 3 }
    : undefined,
  // bench:observability: Prometheus metrics served (BENCH_METRICS=on) and traces exported (BENCH_OTLP_URL).
  metrics: process.env.BENCH_METRICS === 'on' ? { port: 0 } : undefined,
  observability: process.env.BENCH_OTLP_URL ? { tracing: { url: process.env.BENCH_OTLP_URL } } : undefined,
});
process.stdout.write(`${JSON.stringify({ url: gateway.url, pid: process.pid, metricsUrl: gateway.metricsUrl })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'mem') return;
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ heapUsed, rss, gc: Boolean(gc), polling: gateway.polling.stats(), connections: gateway.webSocketConnections })}\n`,
  );
});

const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
