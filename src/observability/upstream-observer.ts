import { SpanKind, trace } from '@opentelemetry/api';
import type { Ambient } from '../ambient.js';
import type { UpstreamCallInfo, UpstreamRetry, WixHttpOptions } from '../datasources/http.js';
import type { UpstreamFailure } from '../errors.js';
import type { GatewayLogger } from './logger.js';
import type { MetricsSink, UpstreamCallSample } from './metrics-sink.js';
import { REQUEST_ID_HEADER } from './request-scope.js';
import { inSpan, injectTraceHeaders, tracingOn } from './tracing.js';

/** The hooks of WixHttp that observe calls to Wix: metrics, log lines of failures and retries, client spans. */
export type UpstreamHooks = Required<Pick<WixHttpOptions, 'around' | 'onRetry' | 'onFailure' | 'onCall'>>;

/**
 * Observes every call to Wix: counts it on the request's scope (its log line says how many), sends the request ID as
 * `x-request-id`, and, with tracing on, makes a client span per call (retries included) whose `traceparent` goes to
 * Wix. Failures and retries are logged with the endpoint, status, Wix code and attempt (never a body or the key).
 */
export function upstreamHooks(logger: GatewayLogger, metrics: MetricsSink): UpstreamHooks {
  return {
    around: <T>(
      call: UpstreamCallInfo,
      ambient: Ambient,
      send: (headers: Record<string, string>) => Promise<T>,
    ): Promise<T> => {
      const scope = ambient.scope;
      const headers: Record<string, string> = {};
      if (scope) {
        scope.upstreamCalls++;
        headers[REQUEST_ID_HEADER] = scope.requestId;
      }
      if (!tracingOn()) return send(headers);
      const attributes = {
        'http.request.method': call.method.toUpperCase(),
        'url.path': call.path.slice(0, 200),
        'wix.endpoint': call.operation,
      };
      return inSpan(
        `${call.method.toUpperCase()} ${call.operation}`,
        attributes,
        () => {
          injectTraceHeaders(headers);
          return send(headers);
        },
        SpanKind.CLIENT,
      );
    },
    onCall: (sample: UpstreamCallSample) => {
      metrics.upstreamCall(sample);
      trace.getActiveSpan()?.setAttribute('http.response.status_code', sample.status);
    },
    onFailure: (failure: UpstreamFailure, ambient: Ambient) => {
      const scope = ambient.scope;
      if (scope) scope.upstreamFailures++;
      const what =
        failure.kind === 'http'
          ? `HTTP ${failure.status ?? '?'}${failure.wixCode ? ` ${failure.wixCode}` : ''}`
          : failure.kind;
      logger.warn(
        {
          event: 'upstream_failure',
          requestId: scope?.requestId,
          endpoint: failure.operation,
          kind: failure.kind,
          status: failure.kind === 'http' ? failure.status : undefined,
          wixCode: failure.kind === 'http' ? failure.wixCode : undefined,
          retryAfterSeconds: failure.kind === 'http' ? failure.retryAfterSeconds : undefined,
        },
        `upstream failure: ${failure.operation}: ${what}`,
      );
    },
    onRetry: (retry: UpstreamRetry, ambient: Ambient) => {
      metrics.upstreamRetry(retry.operation, retry.status);
      logger.info(
        {
          event: 'upstream_retry',
          requestId: ambient.scope?.requestId,
          endpoint: retry.operation,
          status: retry.status,
          attempt: retry.attempt + 1,
        },
        `upstream retry: ${retry.operation} after ${retry.status} (attempt ${retry.attempt + 1})`,
      );
    },
  };
}
