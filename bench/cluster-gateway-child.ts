/**
 * Child process of `bench/cluster.ts`: one gateway instance sharing Redis (REDIS_URL, REDIS_KEY_PREFIX) with the
 * others, against the sandbox URL it is given. Prints its URL as one JSON line; stops on SIGTERM or when stdin closes.
 */
import 'reflect-metadata';
import { Gateway } from '../src/server.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`cluster-gateway-child: ${name} is required`);
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
  polling: { intervalMs, maxIntervalMs: intervalMs, maxPollersPerTenant: 1_000 },
  websocket: { maxConnections: 1_000, maxOperationsPerConnection: 1_000 },
  budget: { limit: Number(process.env.BENCH_RATE_LIMIT ?? 1_000_000) },
  shared: { redisUrl: env('REDIS_URL'), keyPrefix: env('REDIS_KEY_PREFIX'), instances: 3 },
});
process.stdout.write(`${JSON.stringify({ url: gateway.url, pid: process.pid })}\n`);

const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
