import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers a browser page may send cross-origin. */
const ALLOWED_HEADERS =
  'authorization, content-type, wix-account-id, apollo-require-preflight, x-apollo-operation-name';

/**
 * Which browser origins may use the gateway (CORS_ORIGINS): CORS for HTTP, and the `Origin` check of WebSocket
 * upgrades. The gateway's own origin (GraphiQL) is always allowed; a request without `Origin` (curl, a backend) is
 * not a browser's and is not refused here — it still needs its credential.
 */
export class OriginPolicy {
  private readonly origins: Set<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins.map(normalise));
  }

  /** Whether a request with this `Origin` (and `Host`) may be served; true when it sent no Origin. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    const o = normalise(origin);
    if (this.origins.has(o)) return true;
    // Same origin: GraphiQL served by this gateway (http, as the gateway serves no TLS itself; behind a TLS proxy
    // list the public origin in CORS_ORIGINS).
    return host !== undefined && (o === `http://${host.toLowerCase()}` || o === `https://${host.toLowerCase()}`);
  }

  /**
   * Adds CORS headers for an allowed cross-origin request, and answers a preflight (OPTIONS): 204 with the allowed
   * methods and headers, or 403 for an origin not on the list. Returns true when it answered the request.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return false;
    const allowed = this.allows(origin, req.headers.host);
    res.setHeader('vary', 'Origin');
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', 'www-authenticate, retry-after');
    }
    if (!preflight) return false;
    if (!allowed) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Origin not allowed (CORS_ORIGINS)');
      return true;
    }
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  }
}

function normalise(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
