import { SpanKind, SpanStatusCode, context, type Span } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { GatewayContext } from '../context.js';
import type { GatewayLogger } from './logger.js';
import {
  REQUEST_ID_HEADER,
  bindRequestScope,
  newRequestScope,
  requestIdFrom,
  type RequestScope,
} from './request-scope.js';
import { incomingContext, tracer, tracingOn } from './tracing.js';

/** Distinct error codes kept on one request's log line. */
const MAX_CODES = 10;

/** What the Apollo plugin learns of a GraphQL request, for its log line and span. */
interface GraphQLFacts {
  operationName?: string;
  operationType?: string;
  callerId?: string;
  tenant?: string;
  errorCodes: string[];
}

const facts = new WeakMap<object, GraphQLFacts>();

/**
 * Wraps the gateway's request listener: every request gets a request ID (the client's `x-request-id` when well
 * formed, else a new one), echoed in the answer and sent upstream; a request on `/graphql` gets a server span that
 * continues the client's `traceparent`; and every request ends with one log line (GraphQL requests at info, health
 * checks and GraphiQL files at debug).
 */
export function observeHttp(handler: RequestListener, logger: GatewayLogger): RequestListener {
  return (req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const started = performance.now();
    // The handler puts the scope in the request's ambient (src/ambient.ts): its upstream calls are counted there.
    const scope = newRequestScope(requestId);
    bindRequestScope(req, scope);
    res.once('close', () => logRequest(logger, req, res, path, started, scope));
    if (!tracingOn() || path !== '/graphql') return handler(req, res);
    context.with(incomingContext(req.headers), () =>
      tracer().startActiveSpan(
        'graphql',
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path } },
        (span) => {
          scope.span = span;
          res.once('close', () => endServerSpan(span, res));
          handler(req, res);
        },
      ),
    );
  };
}

function endServerSpan(span: Span, res: ServerResponse): void {
  span.setAttribute('http.response.status_code', res.statusCode);
  if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

function logRequest(
  logger: GatewayLogger,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  started: number,
  scope: RequestScope,
): void {
  const graphql = facts.get(scope);
  const line = {
    event: 'request',
    requestId: scope.requestId,
    method: req.method,
    path: path.slice(0, 200),
    status: res.statusCode,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(graphql && {
      caller: graphql.callerId,
      tenant: graphql.tenant,
      operationName: graphql.operationName,
      operationType: graphql.operationType,
      errorCodes: graphql.errorCodes.length ? graphql.errorCodes : undefined,
    }),
    upstreamCalls: scope.upstreamCalls,
    upstreamFailures: scope.upstreamFailures || undefined,
    aborted: res.writableFinished ? undefined : true,
  };
  if (path === '/graphql') logger.info(line, 'graphql request');
  else logger.debug(line, 'http request');
}

/**
 * The Apollo plugin that names the request's span after its operation (`query Dashboard`) and collects what its log
 * line says: caller, tenant, operation name and type, the error codes of the answer.
 */
export function observabilityPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async (ctx) => {
        const span = ctx.contextValue.ambient?.scope?.span;
        const type = ctx.operation?.operation ?? 'unknown';
        const name = ctx.operationName ?? undefined;
        span?.updateName(name ? `${type} ${name.slice(0, 100)}` : type);
        span?.setAttribute('graphql.operation.type', type);
        if (name) span?.setAttribute('graphql.operation.name', name.slice(0, 100));
      },
      willSendResponse: async (ctx) => {
        const scope = (ctx.contextValue as Partial<GatewayContext> | undefined)?.ambient?.scope;
        if (!scope) return;
        const codes = new Set<string>();
        const errors = ctx.response.body.kind === 'single' ? (ctx.response.body.singleResult.errors ?? []) : [];
        for (const e of errors) {
          if (codes.size >= MAX_CODES) break;
          const code = e.extensions?.code;
          codes.add(typeof code === 'string' ? code.slice(0, 40) : 'UNKNOWN');
        }
        const contextValue = ctx.contextValue as Partial<GatewayContext> | undefined;
        facts.set(scope, {
          operationName: ctx.operationName?.slice(0, 100) ?? undefined,
          operationType: ctx.operation?.operation,
          callerId: contextValue?.caller?.id,
          tenant: contextValue?.tenantId,
          errorCodes: [...codes],
        });
        if (codes.size) scope.span?.setAttribute('graphql.error.codes', [...codes]);
      },
    }),
  };
}
