import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type CallOutcome, type CallRecord } from './calllog.js';
import type { ClockMode } from './clock.js';
import { StateFile } from './persistence.js';
import { WixHttpError, systemError } from './errors.js';
import { headerValue, readJson, send, sendError, sendText } from './http-util.js';
import { FaultInjector, routeKey } from './faults.js';
import { KeyRateLimiter } from './rate-limit.js';
import { handleAdmin } from './routes/admin.js';
import { allRoutes } from './routes/index.js';
import { GUID, Router, defaultAccountError, type RouteContext, type RouteDef } from './router.js';
import { seedWorld } from './seed.js';
import type { World } from './world.js';

/** The response header that names the world an answer comes from (see World.id). */
export const WORLD_ID_HEADER = 'x-sandbox-world-id';

/** Writes one call's record: status, outcome, error code and the parsed body. */
type LogCall = (status: number, outcome: CallOutcome, errorCode: string | undefined, body: unknown) => void;

export interface SandboxOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  seed?: number;
  clock?: ClockMode;
  /**
   * A JSON file the world is kept in across restarts (persistence.ts): loaded at start when it exists, written
   * atomically at most once a second after a change. Unset: the world lives in memory only.
   */
  stateFile?: string;
  /** Requests per minute per API key, like Wix's limit (SANDBOX_RATE_LIMIT_PER_MINUTE); unlimited when absent or 0. */
  rateLimitPerMinute?: number;
}

/**
 * The sandbox: a plain HTTP server implementing the Wix REST contract over an in-memory {@link World}, plus the
 * admin surface under `/_sandbox/`. Tests and benchmarks create one per suite on an ephemeral port.
 */
export class Sandbox {
  world: World;
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  /** Wix's per-key rate limit, when configured (SANDBOX_RATE_LIMIT_PER_MINUTE, `POST /_sandbox/rate-limit`). */
  readonly rateLimit = new KeyRateLimiter();
  readonly router = new Router().add(...allRoutes());
  readonly clockMode: ClockMode;
  private readonly routeKeys = new Map<RouteDef, string>();
  private server?: Server;
  /** Where the world is kept across restarts, when asked for. */
  readonly state?: StateFile;

  constructor(options: SandboxOptions = {}) {
    this.clockMode = options.clock ?? 'real';
    this.state = options.stateFile ? new StateFile(options.stateFile, () => this.world) : undefined;
    const saved = this.state?.load(this.clockMode);
    this.world = saved ?? seedWorld(options.seed ?? 1, this.clockMode);
    // A fresh world is written at once, so that a path that cannot be written stops the start, not a later save.
    if (this.state && !saved && !this.state.save())
      throw new Error(`SANDBOX_STATE_FILE ${this.state.path} cannot be written (see the line above)`);
    if (options.rateLimitPerMinute)
      this.rateLimit.configure({ perWindow: options.rateLimitPerMinute, windowMs: 60_000 });
  }

  /** Replaces the world with a freshly seeded one (same clock mode); clears the call log and faults. */
  reset(seed = this.world.seed): void {
    this.world = seedWorld(seed, this.clockMode);
    this.calls.clear();
    this.faults.clear();
  }

  /** The URL the sandbox listens on (after {@link listen}). */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('sandbox is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return this.url;
  }

  async close(): Promise<void> {
    this.state?.flush();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    res.setHeader(WORLD_ID_HEADER, this.world.id);
    // Writes (and admin actions such as reset or clock moves) may change the world; reads only through transitions.
    if (method !== 'GET') res.once('finish', () => this.state?.changed());
    try {
      if (await handleAdmin(this, method, url, req, res)) return;
    } catch (error) {
      sendError(res, error);
      return;
    }
    const found = this.router.match(method, url.pathname);
    const log = this.logger(req, method, url, 'def' in found ? found.def.operation : 'unmatched', started);
    if (!('def' in found)) {
      const status = found.methodMismatch ? 405 : 404;
      req.resume();
      log(status, 'error', status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED', undefined);
      send(res, status, { message: status === 404 ? 'Not Found' : 'Method Not Allowed', details: {} });
      return;
    }
    await this.serve(found.def, found.params, req, res, url, log);
  }

  /** A function that writes this call's record to the call log once its outcome is known. */
  private logger(req: IncomingMessage, method: string, url: URL, operation: string, started: number): LogCall {
    return (status, outcome, errorCode, body) => {
      this.calls.add({
        seq: 0,
        time: this.world.now(),
        method,
        path: url.pathname,
        query: url.search,
        operation,
        status,
        outcome,
        errorCode,
        accountId: headerValue(req, 'wix-account-id'),
        siteId: headerValue(req, 'wix-site-id'),
        auth: this.authState(req),
        traceparent: headerValue(req, 'traceparent')?.slice(0, 128),
        requestId: headerValue(req, 'x-request-id')?.slice(0, 128),
        body,
        durationMs: performance.now() - started,
        receivedAt: Date.now() - (performance.now() - started),
      });
    };
  }

  /** Reads the body, applies the fault rules, then runs the route's handler (after due clock transitions and auth). */
  private async serve(
    def: RouteDef,
    params: Record<string, string>,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    log: LogCall,
  ): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch (error) {
      log(400, 'error', 'INVALID_JSON', undefined);
      sendError(res, error);
      return;
    }
    if (await this.injectFault(def, body, req, res, log)) return;
    // Past the key's rate limit: 429 RESOURCE_EXHAUSTED with Retry-After, as Wix answers a throttled app.
    const key = headerValue(req, 'authorization');
    const wait = key ? this.rateLimit.take(key) : undefined;
    if (wait !== undefined) {
      log(429, 'rate-limited', 'RESOURCE_EXHAUSTED', body);
      sendError(res, rateLimited(wait));
      return;
    }
    let text: string;
    try {
      if (this.world.tick() > 0) this.state?.changed();
      const ctx = this.authenticate(def, req, params, url.searchParams, body);
      // Handlers are synchronous today; awaiting keeps a future async handler from serialising a Promise as {}.
      text = JSON.stringify((await def.handle(ctx)) ?? {});
    } catch (error) {
      const status = error instanceof WixHttpError ? error.status : 500;
      const code =
        error instanceof WixHttpError
          ? (error.body.details.applicationError?.code ??
            (error.body.details.validationError ? 'VALIDATION' : undefined))
          : 'INTERNAL';
      if (!(error instanceof WixHttpError)) console.error('sandbox: handler failed', def.operation, error);
      log(status, 'error', code, body);
      sendError(res, error);
      return;
    }
    log(200, 'ok', undefined, body);
    sendText(res, 200, text);
  }

  /** Applies the fault rules to one call: waits out injected latency; answers (or drops) a fault and returns true. */
  private async injectFault(
    def: RouteDef,
    body: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    log: LogCall,
  ): Promise<boolean> {
    const decision = this.faults.decide(def.operation, this.routeKeyOf(def));
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    switch (decision.kind) {
      case 'none':
        return false;
      case 'drop':
        log(0, 'dropped', undefined, body);
        req.socket.destroy();
        return true;
      case 'rate-limit':
        log(429, 'fault-429', 'RESOURCE_EXHAUSTED', body);
        sendError(res, rateLimited(decision.retryAfterSeconds));
        return true;
      case 'error':
        log(decision.status, 'fault-5xx', undefined, body);
        sendError(res, systemError(decision.status));
        return true;
    }
  }

  /** `METHOD /path/{}` of a route, computed once: the key fault rules written with a path match on. */
  private routeKeyOf(def: RouteDef): string {
    let key = this.routeKeys.get(def);
    if (key === undefined) this.routeKeys.set(def, (key = routeKey(def.method, def.path)));
    return key;
  }

  private authState(req: IncomingMessage): CallRecord['auth'] {
    const key = headerValue(req, 'authorization');
    if (!key) return 'missing';
    return this.world.apiKeys.has(key) ? 'valid' : 'invalid';
  }

  private authenticate(
    def: RouteDef,
    req: IncomingMessage,
    params: Record<string, string>,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): RouteContext {
    const world = this.world;
    const key = headerValue(req, 'authorization');
    const keyAccountId = key ? world.apiKeys.get(key) : undefined;
    const siteIdHeader = headerValue(req, 'wix-site-id');
    const ctx: RouteContext = {
      world,
      params,
      query,
      body,
      headers: req.headers,
      accountId: '',
      keyAccountId: keyAccountId ?? '',
      siteIdHeader,
    };
    if (def.auth === 'optional') return ctx;
    if (!key)
      throw new WixHttpError(401, unauthenticated('Authorization header is required (an account-level API key)'));
    if (!keyAccountId) throw new WixHttpError(401, unauthenticated('The API key is not valid'));
    if (def.auth === 'key') return ctx;
    const accountId = headerValue(req, 'wix-account-id');
    const refuse = def.accountError ?? defaultAccountError;
    if (!accountId) throw refuse('missing', '');
    if (!GUID.test(accountId)) throw refuse('malformed', accountId);
    if (!world.accounts.has(accountId)) throw refuse('unknown', accountId);
    if (!world.inTree(world.rootOf(keyAccountId), accountId)) throw refuse('foreign', accountId);
    ctx.accountId = accountId;
    return ctx;
  }
}

/** The 429 of an injected rate-limit fault or of the key's rate limit: RESOURCE_EXHAUSTED with `Retry-After` in seconds. */
function rateLimited(retryAfterSeconds: number): WixHttpError {
  const message = 'Too Many Requests';
  return new WixHttpError(
    429,
    { message, details: { applicationError: { code: 'RESOURCE_EXHAUSTED', description: message } } },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function unauthenticated(message: string) {
  return { message, details: { applicationError: { code: 'UNAUTHENTICATED', description: message } } };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a sandbox and returns it listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new Sandbox(options);
  await sandbox.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return sandbox;
}
