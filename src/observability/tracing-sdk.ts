import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Where spans go: an OTLP/HTTP traces URL (…/v1/traces); see config.ts for the OTEL_* variables. */
export interface TracingOptions {
  /** The OTLP/HTTP traces endpoint, e.g. `http://collector:4318/v1/traces`. */
  url: string;
  /** Extra headers of the export requests (OTEL_EXPORTER_OTLP_HEADERS). */
  headers?: Record<string, string>;
  /** How long spans wait in the batch before export (default 1 s; tests flush). */
  exportDelayMs?: number;
}

/** What tracing.ts keeps of the provider. */
export type TracerProvider = Pick<NodeTracerProvider, 'forceFlush' | 'shutdown'>;

/**
 * The OpenTelemetry SDK part of tracing, imported by tracing.ts only when tracing is on: a NodeTracerProvider named
 * `service` (plus OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME) batching spans to the OTLP/HTTP endpoint, registered
 * globally.
 */
export function startProvider(options: TracingOptions, service: string): TracerProvider {
  const resource = resourceFromAttributes({ 'service.name': service }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const exporter = new OTLPTraceExporter({ url: options.url, headers: options.headers });
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 1_000 })],
  });
  provider.register();
  return provider;
}
