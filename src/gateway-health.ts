import type { UpstreamFailure } from './errors.js';
import type { OperationStore } from './flows/operation-store.js';
import type { ReadinessCheck, UpstreamReadiness } from './upstream-readiness.js';

/** What `/readyz` answers: ready when every check is, with every check named (200 when ready, 503 otherwise). */
export interface ReadinessReport {
  ready: boolean;
  /** Ready, but a check runs with less than it should (Redis away): `/readyz` answers 200 with status `degraded`. */
  degraded?: boolean;
  checks: ReadinessCheck[];
}

/** Runs the readiness checks: the upstream (as last found; see UpstreamReadiness) and a write to the store. */
export async function readinessReport(
  upstream: UpstreamReadiness,
  store: OperationStore,
  /** More checks (e.g. Redis, src/shared): any that is not ok makes the gateway not ready. */
  extra: ReadinessCheck[] = [],
): Promise<ReadinessReport> {
  const storeCheck: ReadinessCheck = await store.ping().then(
    () => ({ name: 'store', ok: true, detail: 'the operation store takes writes' }),
    (error: unknown) => ({
      name: 'store',
      ok: false,
      detail: `the operation store refused a write (${error instanceof Error ? error.message.slice(0, 120) : 'unknown'})`,
    }),
  );
  const checks = [upstream.check, storeCheck, ...extra];
  const degraded = checks.some((c) => c.degraded === true);
  return { ready: checks.every((c) => c.ok), ...(degraded ? { degraded } : {}), checks };
}

/** One log line for a failed upstream call: the endpoint, the status and Wix's code; never the key or a body. */
export function upstreamFailureLine(f: UpstreamFailure): string {
  const what = f.kind === 'http' ? `HTTP ${f.status ?? '?'}${f.wixCode ? ` ${f.wixCode}` : ''}` : f.kind;
  return `upstream failure: ${f.operation}: ${what}`;
}
