import { ErrorCode, GatewayError } from '../errors.js';

/**
 * The close code of a connection_init refused by access control: 4401 (no or bad credential), 4403 (an account the
 * credential does not name); undefined for other failures (websocket.ts maps those). The reason is short ASCII and
 * never carries the credential.
 */
export function connectRefusal(error: unknown): { code: number; reason: string } | undefined {
  if (!(error instanceof GatewayError)) return undefined;
  if (error.code === ErrorCode.UNAUTHENTICATED) return { code: 4401, reason: `Unauthorized: ${error.message}` };
  if (error.code === ErrorCode.FORBIDDEN) return { code: 4403, reason: `Forbidden: ${error.message}` };
  if (error.code === ErrorCode.UPSTREAM_UNAVAILABLE) return { code: 1013, reason: 'Try again later' };
  return undefined;
}
