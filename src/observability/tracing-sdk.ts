import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingOptions } from './tracing.js';

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
