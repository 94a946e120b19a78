import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { GatewayLogger } from './logger.js';
import type { MetricsSink } from './metrics-sink.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-scope.js';
import { SpanStatusCode } from '@opentelemetry/api';
import { tracer, tracingOn } from './tracing.js';

/** What the WebSocket endpoint tells its observer. */
export interface WebSocketObserver {
  /** A connection was upgraded (before connection_init). */
  connected(socket: WebSocket, req: IncomingMessage): void;
  /** An operation (`subscribe` message) was accepted, of this type. */
  operation(type: string): void;
}

/** Logs every WebSocket connection's open and close (with its close code and life) and counts closes and operations. */
export function webSocketObserver(logger: GatewayLogger, metrics: MetricsSink): WebSocketObserver {
  return {
    connected(socket, req) {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      const opened = performance.now();
      logger.info({ event: 'websocket_open', requestId }, 'websocket connected');
      socket.once('close', (code: number) => {
        metrics.webSocketClosed(code);
        const seconds = Math.round((performance.now() - opened) / 100) / 10;
        logger.info({ event: 'websocket_close', requestId, code, seconds }, `websocket closed ${code}`);
      });
    },
    operation(type) {
      metrics.webSocketOperation(type);
    },
  };
}

/**
 * Wraps a store so that every method call that returns a promise is timed into `wag_operation_store_duration_seconds`
 * (labelled by the method name: the store interface's few methods, a bounded set).
 */
export function timedStore<S extends object>(store: S, metrics: MetricsSink): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        const seconds = () => (performance.now() - started) / 1000;
        return result.then(
          (v: unknown) => {
            metrics.storeCall(prop, seconds(), true);
            return v;
          },
          (e: unknown) => {
            metrics.storeCall(prop, seconds(), false);
            throw e;
          },
        );
      };
    },
  });
}

/**
 * A data source whose method calls are spans (`Sites.getSite`) when tracing is on; the object itself otherwise. Calls
 * a method makes on `this` are not wrapped again (they reach the object, not the proxy). A method that answers
 * synchronously stays synchronous.
 */
export function tracedDataSource<D extends object>(name: string, source: D): D {
  if (!tracingOn()) return source;
  return new Proxy(source, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
      return (...args: unknown[]) =>
        tracer().startActiveSpan(`${name}.${prop}`, { attributes: { 'wag.datasource': name } }, (span) => {
          const failed = (error: unknown) => {
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
            span.end();
            throw error;
          };
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            failed(error);
          }
          if (!(result instanceof Promise)) {
            span.end();
            return result;
          }
          return result.then((v: unknown) => {
            span.end();
            return v;
          }, failed);
        });
    },
  });
}
