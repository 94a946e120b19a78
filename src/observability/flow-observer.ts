import { ROOT_CONTEXT, context, trace, type Link } from '@opentelemetry/api';
import type { OperationRecord } from '../flows/operation.js';
import type { RunObserver } from '../flows/runner.js';
import { scrub } from '../redact.js';
import type { GatewayLogger } from './logger.js';
import type { MetricsSink } from './metrics-sink.js';
import { inSpan, tracingOn } from './tracing.js';

/** Operations whose last seen statuses are kept (to log transitions only); the oldest is dropped past this. */
const MAX_WATCHED = 1_000;

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

/**
 * Watches the flow runner: one log line per operation status and per step transition (operation ID, kind, step,
 * status), the `wag_operations_total` counter, and the traces: a flow operation's run is a trace of its own (linked
 * to the request that submitted it) with a span per step, under which its upstream calls nest.
 */
export class FlowObserver implements RunObserver {
  /** Operation ID → its status and its steps' statuses as last saved. */
  private readonly seen = new Map<string, { status: string; steps: string[] }>();

  constructor(
    private readonly logger: GatewayLogger,
    private readonly metrics: MetricsSink,
  ) {}

  saved(op: OperationRecord): void {
    const before = this.seen.get(op.id);
    const base = { operationId: op.id, kind: op.kind, tenant: op.tenantId };
    if (before?.status !== op.status) {
      this.metrics.operationStatus(op.kind, op.status);
      this.logger.info({ event: 'operation', ...base, status: op.status }, `operation ${op.kind} ${op.status}`);
    }
    op.steps.forEach((step, index) => {
      if (before?.steps[index] === step.status || (!before && step.status === 'PENDING')) return;
      const failed = step.status === 'FAILED';
      this.logger[failed ? 'warn' : 'info'](
        {
          event: 'flow_step',
          ...base,
          step: step.name,
          status: step.status,
          ...(failed && step.detail ? { detail: scrub(step.detail).slice(0, 200) } : {}),
        },
        `operation ${op.kind} step ${step.name} ${step.status}`,
      );
    });
    this.seen.delete(op.id);
    if (FINAL.has(op.status)) return;
    if (this.seen.size >= MAX_WATCHED) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(op.id, { status: op.status, steps: op.steps.map((s) => s.status) });
  }

  aroundStep<T>(op: OperationRecord, step: string, run: () => Promise<T>): Promise<T> {
    if (!tracingOn()) return run();
    return inSpan(`step ${step}`, { 'wag.operation.id': op.id, 'wag.operation.kind': op.kind, 'wag.step': step }, run);
  }

  runnerError(id: string, message: string): void {
    this.logger.error({ event: 'runner_error', operationId: id, error: scrub(message) }, 'operation runner error');
  }

  /**
   * Runs an operation's steps as one trace (linked to the submitting request's span, if any). Its calls' request ID
   * (`x-request-id`) is the operation's ID (src/flows/operation-services.ts): Wix's logs and ours join on it.
   */
  aroundOperation<T>(op: OperationRecord, run: () => Promise<T>): Promise<T> {
    if (!tracingOn()) return run();
    const submitter = trace.getSpanContext(context.active());
    const links: Link[] = submitter ? [{ context: submitter }] : [];
    return context.with(ROOT_CONTEXT, () =>
      inSpan(
        `operation ${op.kind}`,
        { 'wag.operation.id': op.id, 'wag.operation.kind': op.kind, 'wag.tenant': op.tenantId },
        run,
        undefined,
        links,
      ),
    );
  }
}
