import type { ServerResponse } from 'node:http';
import { ErrorCode, GatewayError } from '../errors.js';
import { challenge, statusOf } from './errors.js';

/**
 * Answers a request refused before GraphQL runs: `origin` (a browser page whose origin is not allowed: 403), or the
 * authenticator's error (401 with `WWW-Authenticate: Bearer`, or 503 when the identity provider's keys cannot be
 * read). The body is a GraphQL-style `errors` list with the code; the credential is never echoed.
 */
export function refuseHttp(res: ServerResponse, reason: unknown): void {
  const error =
    reason === 'origin'
      ? new GatewayError(ErrorCode.FORBIDDEN, 'This origin may not call the gateway (CORS_ORIGINS)')
      : reason instanceof GatewayError
        ? reason
        : new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  if (!(reason instanceof GatewayError) && reason !== 'origin')
    console.error('gateway: authentication failed', reason instanceof Error ? reason.message : 'unknown error');
  const status = statusOf(error.code);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (status === 401) {
    const http = error.extensions.http as { headers?: Map<string, string> } | undefined;
    headers['www-authenticate'] = http?.headers?.get('www-authenticate') ?? challenge(false);
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
}
