import { ErrorCode, GatewayError } from '../errors.js';

/** The `WWW-Authenticate` challenge of a 401 (RFC 6750); `invalid_token` when a credential was sent and refused. */
export function challenge(invalidToken: boolean): string {
  return invalidToken ? 'Bearer realm="wix-account-graph", error="invalid_token"' : 'Bearer realm="wix-account-graph"';
}

/** UNAUTHENTICATED, answered with HTTP 401 and a challenge (WebSocket: close 4401). */
export function unauthenticated(message: string, invalidToken = false): GatewayError {
  const error = new GatewayError(ErrorCode.UNAUTHENTICATED, message);
  error.extensions.http = { status: 401, headers: new Map([['www-authenticate', challenge(invalidToken)]]) };
  return error;
}

/** The HTTP status a gateway error code answers with when it refuses a whole request. */
export function statusOf(code: string | undefined): number {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UPSTREAM_RATE_LIMITED:
      return 429;
    case ErrorCode.UPSTREAM_UNAVAILABLE:
    case ErrorCode.UPSTREAM_TIMEOUT:
      return 503;
    default:
      return 500;
  }
}

/** Gives a refusal its HTTP status (Apollo reads `extensions.http` and drops it from the answer). */
export function withHttpStatus(error: unknown): Error {
  if (!(error instanceof Error)) return new Error('unknown error');
  if (!(error instanceof GatewayError) || error.extensions.http) return error;
  error.extensions.http = { status: statusOf(error.code) };
  return error;
}
