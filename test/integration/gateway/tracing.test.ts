import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowSetUpCustomerSiteDocument } from '../../gql/graphql.js';
import { OtlpReceiver, type ReceivedSpan } from '../../helpers/otlp-receiver.js';
import { useStack } from '../../helpers/stack.js';
import { wsClient } from '../../helpers/ws.js';
import { customerSiteInput, finished, FLOW_STACK } from './flow-fixtures.js';
import { key } from './write-fixtures.js';

const dashboard = readFileSync(
  fileURLToPath(new URL('../../../examples/01-dashboard.graphql', import.meta.url)),
  'utf8',
);

const SERVER = 2;
const CLIENT = 3;

/** `traceparent` → [trace ID, parent span ID]. */
function parseTraceparent(header: string | undefined): [string, string] {
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(header ?? '');
  if (!m) throw new Error(`not a traceparent: ${String(header)}`);
  return [m[1] as string, m[2] as string];
}

/** Whether `span` descends from `ancestor` in `spans`. */
function descends(spans: ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let p = span.parentSpanId; p; p = byId.get(p)?.parentSpanId) if (p === ancestor.spanId) return true;
  return false;
}

/** Issue 15: OpenTelemetry traces over OTLP/HTTP, joined to the sandbox's call log by trace ID and request ID. */
describe('gateway: OpenTelemetry tracing', () => {
  let receiver: OtlpReceiver;
  // The receiver's port is known once it listens; the stack reads `tracing` when it starts, in the next beforeAll.
  const tracing = { url: '', exportDelayMs: 50 };
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing.url = receiver.url;
  });
  afterAll(async () => receiver.close());
  const stack = useStack({ ...FLOW_STACK, gateway: { ...FLOW_STACK.gateway, observability: { tracing } } });

  /**
   * The spans of a trace once its server span is exported. That span ends when the server has closed the response,
   * which can be just after the client has read it: flush until it is there (at most 5 s).
   */
  async function serverSpanOf(traceId: string): Promise<ReceivedSpan[]> {
    await exported(() => receiver.trace(traceId).some((s) => s.kind === SERVER));
    return receiver.trace(traceId);
  }

  /** Flushes until `seen()` holds (at most 5 s): a span is exported only once it has ended. */
  async function exported(seen: () => boolean): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      await stack.gateway.observability.tracing.flush();
      if (seen() || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('the dashboard query: one operation span continuing the client traceparent, one client span per upstream call, the same IDs in the sandbox log', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.adminToken}`,
        traceparent: `00-${traceId}-${parentId}-01`,
        'x-request-id': 'dash-req-1',
      },
      body: JSON.stringify({ query: dashboard, operationName: 'Dashboard' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('dash-req-1');
    const calls = await stack.sandbox.calls();
    expect(calls.length).toBeGreaterThan(0);
    const spans = await serverSpanOf(traceId);
    const operations = spans.filter((s) => s.kind === SERVER);
    expect(operations.map((s) => s.name)).toEqual(['query Dashboard']);
    const operation = operations[0] as ReceivedSpan;
    expect(operation.parentSpanId).toBe(parentId);
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'Dashboard',
      'graphql.operation.type': 'query',
    });
    const upstream = spans.filter((s) => s.kind === CLIENT);
    expect(upstream).toHaveLength(calls.length);
    for (const span of upstream) expect(descends(spans, span, operation), span.name).toBe(true);
    // Data-source spans sit between the operation and its upstream calls.
    expect(spans.some((s) => s.name === 'sites.querySites' || s.name.startsWith('sites.'))).toBe(true);
    // Every call the sandbox saw carries this trace, the request ID, and the span ID of exactly one client span.
    const upstreamIds = new Set(upstream.map((s) => s.spanId));
    const seen = new Set<string>();
    for (const call of calls) {
      const [callTrace, callParent] = parseTraceparent(call.traceparent);
      expect(callTrace).toBe(traceId);
      expect(upstreamIds.has(callParent), `${call.operation} parent span`).toBe(true);
      seen.add(callParent);
      expect(call.requestId).toBe('dash-req-1');
    }
    expect(seen.size).toBe(upstream.length);
    // Client spans name the Wix endpoint and the status it answered.
    const names = new Set(calls.map((c) => c.operation));
    expect(upstream.every((s) => s.attributes['http.response.status_code'] === '200')).toBe(true);
    expect(names.size).toBeGreaterThan(0);
    expect(receiver.services).toContain('wix-account-graph');
  });

  it('without a traceparent a new trace starts; a malformed x-request-id is replaced by a generated one', async () => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.adminToken}`,
        'x-request-id': 'not valid: has spaces',
      },
      body: JSON.stringify({ query: dashboard, operationName: 'Dashboard' }),
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id') as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const calls = await stack.sandbox.calls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.requestId).toBe(requestId);
    const traces = new Set(calls.map((c) => parseTraceparent(c.traceparent)[0]));
    expect(traces.size).toBe(1);
    const spans = await serverSpanOf([...traces][0] as string);
    expect(spans.filter((s) => s.kind === SERVER)).toHaveLength(1);
    expect(spans.find((s) => s.kind === SERVER)?.parentSpanId ?? '').toBe('');
  });

  it('an operation over a WebSocket is a server span too, with its upstream calls under it', async () => {
    const client = wsClient(stack.gateway.url);
    try {
      const result = await new Promise((resolve, reject) => {
        client.subscribe(
          { query: 'query WsSites { sites(first: 2) { nodes { id } } }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(result).toMatchObject({ data: { sites: { nodes: expect.any(Array) } } });
    } finally {
      await client.dispose();
    }
    const calls = await stack.sandbox.calls();
    expect(calls.length).toBeGreaterThan(0);
    const [traceId] = parseTraceparent(calls[0]?.traceparent);
    const spans = await serverSpanOf(traceId);
    const operation = spans.find((s) => s.kind === SERVER);
    expect(operation?.name).toBe('query WsSites');
    for (const span of spans.filter((s) => s.kind === CLIENT))
      expect(descends(spans, span, operation as ReceivedSpan)).toBe(true);
  });

  it('a flow operation is a trace of its own (a span per step, linked to the request) and logs each step transition', async () => {
    const input = await customerSiteInput(stack.sandbox, key());
    const submitted = await stack.data(FlowSetUpCustomerSiteDocument, { input });
    const id = submitted.setUpCustomerSite.operation?.id as string;
    const op = await finished(stack, id);
    expect(op.status).toBe('SUCCEEDED');
    // The operation's span ends just after its last save, which the client may already have read: wait for it.
    const isRoot = (s: ReceivedSpan): boolean => s.name === 'operation SET_UP_CUSTOMER_SITE';
    await exported(() => receiver.spans.some(isRoot));
    const root = receiver.spans.find(isRoot);
    expect(root).toBeDefined();
    const spans = receiver.trace(root?.traceId as string);
    expect(root?.parentSpanId ?? '').toBe('');
    expect(root?.links?.length).toBe(1);
    const steps = spans.filter((s) => s.name.startsWith('step '));
    expect(steps.map((s) => s.name)).toEqual(expect.arrayContaining(['step transferSite']));
    for (const step of steps) expect(step.parentSpanId).toBe(root?.spanId);
    // The steps' calls carry the operation's trace and, as request ID, the operation's ID.
    const operationId = root?.attributes['wag.operation.id'];
    expect(operationId).toMatch(/^[0-9a-f-]{36}$/);
    const stepCalls = (await stack.sandbox.calls()).filter((c) => c.requestId === operationId);
    expect(stepCalls.length).toBeGreaterThan(0);
    for (const call of stepCalls) expect(parseTraceparent(call.traceparent)[0]).toBe(root?.traceId);
    // Each step transition is a log line (operation ID, step, status).
    const transitions = stack.logs
      .events('flow_step')
      .filter((r) => r.operationId === operationId)
      .map((r) => `${String(r.step)}:${String(r.status)}`);
    expect(transitions).toEqual(expect.arrayContaining(['transferSite:RUNNING', 'transferSite:DONE']));
    expect(
      stack.logs
        .events('operation')
        .filter((r) => r.operationId === operationId)
        .at(-1),
    ).toMatchObject({
      status: 'SUCCEEDED',
      kind: 'SET_UP_CUSTOMER_SITE',
    });
  });
});
