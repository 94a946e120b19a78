import type { OperationStore } from './flows/operation-store.js';
import type { ReadinessCheck } from './upstream-readiness.js';

/** What `/readyz` and `/healthz` answer: ready (or live) when every check is, with every check named. */
export interface ReadinessReport {
  ready: boolean;
  /** Ready, but a check runs with less than it should (Redis away): `/readyz` answers 200 with status `degraded`. */
  degraded?: boolean;
  checks: ReadinessCheck[];
}

/** One readiness check (the upstream, the store, Redis when configured…): what it found, never throwing. */
export type ReadinessProbe = () => ReadinessCheck | Promise<ReadinessCheck>;

/** Runs every check at once; a check that throws counts as failed, named by its position. */
export async function readinessReport(probes: readonly ReadinessProbe[]): Promise<ReadinessReport> {
  const checks = await Promise.all(
    probes.map(async (probe, index) => {
      try {
        return await probe();
      } catch {
        return { name: `check-${index + 1}`, ok: false, detail: 'the check failed' };
      }
    }),
  );
  // A degraded check (Redis away: each instance on its own) keeps the gateway ready but says so.
  const degraded = checks.some((c) => c.degraded === true);
  return { ready: checks.every((c) => c.ok), ...(degraded ? { degraded } : {}), checks };
}

/** The store check: a write to the operation store. */
export function storeProbe(store: OperationStore): ReadinessProbe {
  return () =>
    store.ping().then(
      () => ({ name: 'store', ok: true, detail: 'the operation store takes writes' }),
      (error: unknown) => ({
        name: 'store',
        ok: false,
        detail: `the operation store refused a write (${error instanceof Error ? error.message.slice(0, 120) : 'unknown'})`,
      }),
    );
}

/** `/healthz`: the process lives and its event loop turns (uptime, event-loop delay of a zero timer). */
export async function livenessReport(): Promise<ReadinessReport> {
  const started = performance.now();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const lagMs = Math.round(performance.now() - started);
  return {
    ready: true,
    checks: [
      { name: 'process', ok: true, detail: `up ${Math.round(process.uptime())} s, pid ${process.pid}` },
      { name: 'event-loop', ok: true, detail: `turned in ${lagMs} ms` },
    ],
  };
}
