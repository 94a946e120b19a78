import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Ambient } from './ambient.js';
import { interactiveBudget } from './budget/interactive.js';
import type { Caller } from './auth/caller.js';
import { refuseHttp } from './auth/http-refusals.js';
import type { GatewayAuth } from './auth/gateway-auth.js';
import type { GatewayContext } from './context.js';
import { withHttpStatus } from './auth/errors.js';
import { ErrorCode, GatewayError, formatError } from './errors.js';
import { livenessReport, type ReadinessReport } from './gateway-health.js';
import type { GatewayLogger } from './observability/logger.js';
import type { GraphiQL } from './graphiql.js';
import { requestScopeOf } from './observability/request-scope.js';
import { QueryPrecheck } from './limits/precheck.js';
import { applyTrustedDocuments } from './limits/trusted-http.js';
import type { TrustedDocuments } from './limits/trusted-documents.js';
import { batchRefusal } from './transport/http-rules.js';
import { isJsonContentType, statusForAccept } from './transport/http-status.js';

/** Request bodies above this are refused before parsing. */
const MAX_BODY_BYTES = 512 * 1024;

/** What the gateway's HTTP requests are served with. */
export interface HttpHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  /** Validates the requested account (throws GatewayError) and builds the request's data sources. */
  contextFor: (requestedAccountId: string | undefined, caller: Caller, ambient: Ambient) => Promise<GatewayContext>;
  /** The GraphiQL page (a browser's GET /graphql) and its files under /graphiql/. */
  graphiql: GraphiQL;
  /** Trusted documents (TRUSTED_DOCUMENTS): when set, only the operations listed there run. */
  trusted?: TrustedDocuments;
  /** The readiness checks behind `/readyz`. */
  ready: () => Promise<ReadinessReport>;
  /** Access control: origins (CORS), the caller of each request. */
  auth: GatewayAuth;
  /** Where a request that failed unexpectedly is logged (stderr when omitted). */
  logger?: GatewayLogger;
}

/**
 * The gateway's HTTP routes: `/healthz`, GraphiQL (see graphiql.ts), and the API on `/graphql` through Apollo. A
 * handler that fails unexpectedly answers a masked 500 (the message is logged, never the request or its headers).
 */
export function httpHandler(options: HttpHandlerOptions): RequestListener {
  const precheck = new QueryPrecheck();
  return (req, res) => {
    handle(req, res, options, precheck).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : 'unknown error';
      if (options.logger) options.logger.error({ event: 'request_failed', error: message }, 'gateway: request failed');
      else console.error('gateway: request failed', message);
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
        });
    });
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  { apollo, contextFor, graphiql, ready, auth, trusted }: HttpHandlerOptions,
  precheck: QueryPrecheck,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  // CORS: a preflight is answered here; a browser request from an origin not allowed is refused (403).
  if (auth.origins.handle(req, res)) return;
  if (!auth.origins.allows(req.headers.origin, req.headers.host)) return refuseHttp(res, 'origin');
  if (url.pathname === '/healthz') {
    const report = await livenessReport();
    sendJson(res, 200, { status: 'ok', checks: report.checks });
    return;
  }
  if (url.pathname === '/readyz') {
    const report = await ready();
    const status = report.ready ? (report.degraded ? 'degraded' : 'ready') : 'not ready';
    sendJson(res, report.ready ? 200 : 503, { status, checks: report.checks });
    return;
  }
  if (graphiql.handle(req, res, url)) return;
  if (url.pathname !== '/graphql') {
    sendJson(res, 404, {
      errors: [{ message: 'Not found: the API is at /graphql', extensions: { code: ErrorCode.NOT_FOUND } }],
    });
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  if (req.method === 'POST' && !isJsonContentType(req.headers['content-type'])) {
    sendJson(res, 415, {
      errors: [{ message: 'POST bodies must be application/json', extensions: { code: ErrorCode.BAD_USER_INPUT } }],
    });
    return;
  }
  let body: unknown;
  try {
    body = req.method === 'POST' ? await readJsonBody(req) : undefined;
  } catch (error) {
    const message = error instanceof GatewayError ? error.message : 'Request body must be JSON';
    // Too large: the connection closes after the answer, so the body's remainder is not read for long.
    if (error instanceof GatewayError) res.setHeader('connection', 'close');
    sendJson(res, 400, { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  // As on the WebSocket: a long query text (a 400 KB comment is still a query), or one with too many fields or
  // aliases, is refused before Apollo parses and validates it.
  let refusal = batchRefusal(body);
  if (!refusal && trusted) {
    const applied = applyTrustedDocuments(trusted, req.method === 'POST' ? body : undefined, url);
    if (applied instanceof GatewayError) refusal = applied;
    else body = applied;
  }
  refusal ??= precheck.check(
    req.method === 'POST' ? (body as { query?: unknown } | null)?.query : url.searchParams.get('query'),
  );
  if (refusal) {
    const text = JSON.stringify({ errors: [formatError(refusal.toJSON(), refusal)] });
    res.writeHead(statusForAccept(req.headers.accept, 400, text), {
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(text);
    return;
  }
  let caller: Caller;
  try {
    caller = await auth.httpCaller(req);
  } catch (error) {
    return refuseHttp(res, error);
  }
  const request: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: url.search,
    body,
  };
  // What every upstream call of the request carries (src/ambient.ts). The call context names the caller for the audit
  // trail of every upstream write. The budget context: interactive class, the tenant for fairness,
  // `Cache-Control: no-cache` for fresh reads, and the usage counts that answer as `extensions.upstream`. The request
  // scope (observeHttp's): the request ID sent upstream, and the calls counted for the log line.
  const ambient: Ambient = {
    call: { caller },
    budget: interactiveBudget(headers.get('wix-account-id'), headers.get('cache-control')),
    scope: requestScopeOf(req),
  };
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: request,
    context: () =>
      contextFor(headers.get('wix-account-id'), caller, ambient).catch((e: unknown) =>
        Promise.reject(withHttpStatus(e)),
      ),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.statusCode = statusForAccept(req.headers.accept, res.statusCode, response.body.string);
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * The parsed JSON body; stops reading (BAD_USER_INPUT) as soon as it passes MAX_BODY_BYTES. Read with the stream's
 * events: `for await` built an async iterator and its promises for every request.
 */
function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= MAX_BODY_BYTES) return;
      // The rest is read and dropped (destroying the request would take the 400 down with its socket); the answer
      // closes the connection (see handle).
      stop();
      req.on('error', () => undefined).resume();
      reject(new GatewayError(ErrorCode.BAD_USER_INPUT, `Request body is larger than ${MAX_BODY_BYTES} bytes`));
    };
    const onEnd = () => {
      stop();
      try {
        const text = Buffer.concat(chunks, size).toString('utf8');
        resolve(text ? JSON.parse(text) : {});
      } catch (error) {
        reject(error instanceof Error ? error : new Error('Request body must be JSON'));
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
