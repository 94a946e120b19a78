/**
 * Child process of `bench/sandbox.ts`: runs the sandbox alone in its own process (so it has a core of its own, apart
 * from the load generator) and reports its URL on stdout as one JSON line. Stops on SIGTERM or when stdin closes.
 */
import { startSandbox } from '@wix-account-graph/sandbox';

const sandbox = await startSandbox({
  port: 0,
  host: '127.0.0.1',
  seed: Number(process.env.SANDBOX_SEED ?? 1),
  clock: 'manual',
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, pid: process.pid })}\n`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
