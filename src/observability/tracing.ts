import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { TracerProvider, TracingOptions } from './tracing-sdk.js';

export type { TracingOptions } from './tracing-sdk.js';

export const TRACER = 'wix-account-graph';
let active: TracerProvider | undefined;

/**
 * OpenTelemetry tracing of this process: a NodeTracerProvider (AsyncLocalStorage context, W3C `traceparent`
 * propagation, the OTEL_TRACES_SAMPLER sampler) that batches spans to an OTLP/HTTP (JSON) endpoint. Registered
 * globally, as OpenTelemetry expects; one per process (a second gateway in the same process shares it). The SDK and
 * the exporter (tracing-sdk.ts, some 20 MB of memory) are loaded only when tracing is on; spans are made with the API.
 */
export class Tracing {
  private constructor(private readonly provider: TracerProvider | undefined) {}

  /** Starts tracing, or returns the inert instance when `options` is undefined (tracing off). */
  static async start(options: TracingOptions | undefined): Promise<Tracing> {
    if (!options || active) return new Tracing(undefined);
    const { startProvider } = await import('./tracing-sdk.js');
    const provider = startProvider(options, TRACER);
    active = provider;
    return new Tracing(provider);
  }

  /** Whether this instance exports spans. */
  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /** Exports every finished span now (tests; shutdown). */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  /** Exports what is left and unregisters the provider. */
  async close(): Promise<void> {
    if (!this.provider) return;
    await this.provider.shutdown().catch(() => undefined);
    trace.disable();
    context.disable();
    propagation.disable();
    active = undefined;
  }
}

/** Whether a tracer provider is registered in this process (spans are worth making). */
export function tracingOn(): boolean {
  return active !== undefined;
}

/** The gateway's tracer (a no-op one while tracing is off). */
export function tracer() {
  return trace.getTracer(TRACER);
}

/** The context an incoming request's `traceparent` (and `tracestate`) continue; the active one when it has none. */
export function incomingContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/** Adds `traceparent` (and `tracestate`) of the active span to `headers` (the upstream call's). */
export function injectTraceHeaders(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

/** Runs `fn` in a new active span; a thrown error marks the span failed. The span ends when `fn` settles. */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
  links: Link[] = [],
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes, links }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs one GraphQL operation received over a WebSocket in a server span named `<type> <name>`, like HTTP's. */
export function inOperationSpan<T>(
  document: DocumentNode,
  operationName: string | null | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const type = op?.operation ?? 'operation';
  const name = operationName ?? op?.name?.value ?? 'anonymous';
  return inSpan(
    `${type} ${name}`,
    { 'graphql.operation.type': type, 'graphql.operation.name': name, 'network.transport': 'websocket' },
    () => fn(),
    SpanKind.SERVER,
  );
}
