import type { ApolloServerPlugin } from '@apollo/server';
import type { Ambient } from '../ambient.js';
import type { GraphQLSchema } from 'graphql';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ErrorCode, GatewayError } from '../errors.js';
import { auditRecorder } from './audit.js';
import { Authenticator, type AuthMethod } from './authenticator.js';
import type { Caller } from './caller.js';
import { OriginPolicy } from './cors.js';
import { JwtVerifier, type JwtSettings } from './jwt.js';
import { checkOperationScopes } from './operation-scopes.js';
import { SqliteAuthStore, type AuditRetention } from './sqlite-auth-store.js';
import type { AuditStore } from './audit-store.js';
import type { TokenStore } from './tokens.js';

/** Where tokens and the audit trail are kept: SQLite (AUTH_STORE_PATH) or PostgreSQL (DATABASE_URL). */
export type AuthStore = TokenStore & AuditStore & { close(): Promise<void> };

/** Access control of a gateway: how callers authenticate, which browser origins may call, where tokens and audit live. */
export interface GatewayAuthOptions {
  /** `[]`: AUTH=none (every caller anonymous; allowed on a loopback HOST only). */
  methods: readonly AuthMethod[];
  /** SQLite file of tokens and the audit trail (`:memory:` keeps nothing); ignored when `store` is given. */
  storePath: string;
  /** Another store of tokens and audit trail (PostgreSQL, DATABASE_URL) instead of the SQLite file. */
  store?: AuthStore;
  /**
   * Run before every mutation (after the scope check): throws (STORE_UNAVAILABLE) while the shared store cannot take
   * writes, so no upstream write happens that could not be audited or made idempotent. Reads never run it.
   */
  writeCheck?: () => Promise<void>;
  /** Required when `methods` has `jwt`. */
  jwt?: JwtSettings;
  /** Browser origins allowed besides the gateway's own (CORS and WebSocket `Origin`). */
  corsOrigins?: readonly string[];
  retention?: AuditRetention;
}

/** Whether `host` is a loopback address (where AUTH=none is allowed). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The access-control parts of one gateway, built once in Gateway.start: the store (tokens + audit), the
 * authenticator, the origin policy, the audit recorder for http.ts, and the Apollo plugin that checks field scopes.
 */
export class GatewayAuth {
  readonly store: AuthStore;
  readonly authenticator: Authenticator;
  readonly origins: OriginPolicy;
  /** http.ts's `onWrite`: every upstream write onto the audit trail. */
  readonly recordWrite: ReturnType<typeof auditRecorder>;

  constructor(
    readonly options: GatewayAuthOptions,
    host: string,
  ) {
    if (options.methods.length === 0 && !isLoopback(host))
      throw new Error(`AUTH=none is allowed only with HOST on loopback (got ${host}): set AUTH=tokens or AUTH=jwt`);
    if (options.methods.includes('jwt') && !options.jwt) throw new Error('AUTH=jwt needs the JWT settings');
    this.store = options.store ?? new SqliteAuthStore(options.storePath, options.retention);
    this.authenticator = new Authenticator({
      methods: options.methods,
      tokens: this.store,
      jwt: options.jwt ? new JwtVerifier(options.jwt) : undefined,
    });
    this.origins = new OriginPolicy(options.corsOrigins ?? []);
    this.recordWrite = auditRecorder(this.store);
  }

  /** The caller of an HTTP request (throws UNAUTHENTICATED; a second Authorization header is refused). */
  httpCaller(req: IncomingMessage): Promise<Caller> {
    return this.authenticator.authenticate(req.headers.authorization);
  }

  /**
   * The caller of a WebSocket connection: the `Authorization` connection param (what a browser can send; flat, or in
   * a nested `headers` object), else the upgrade request's header (what other clients may send instead).
   */
  wsCaller(params: Readonly<Record<string, unknown>> | undefined, headers: IncomingHttpHeaders): Promise<Caller> {
    // The flat param, or the nested `headers` object some clients put there (as for `wix-account-id`).
    const nested = params?.headers;
    const sources = [params, nested && typeof nested === 'object' ? (nested as Record<string, unknown>) : undefined];
    let value: unknown;
    for (const source of sources) {
      const key = Object.keys(source ?? {}).find((k) => k.toLowerCase() === 'authorization');
      if (key !== undefined && value === undefined) value = source?.[key];
    }
    if (value !== undefined && typeof value !== 'string')
      return Promise.reject(new GatewayError(ErrorCode.UNAUTHENTICATED, 'The Authorization param must be a string'));
    return this.authenticator.authenticate(value ?? headers.authorization);
  }

  /**
   * Checks the scopes of every root field before execution (FORBIDDEN, HTTP 403) and names the operation in the
   * request's call context (for the audit trail).
   */
  apolloPlugin(schema: GraphQLSchema): ApolloServerPlugin<{ caller: Caller; tenantId: string; ambient?: Ambient }> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ contextValue, document, operationName, request }) => {
          const summary = checkScopesWithStatus(
            schema,
            document,
            operationName,
            request.variables,
            contextValue.caller,
          );
          if (summary?.type === 'mutation') await this.checkWritable();
          const call = contextValue.ambient?.call;
          if (call && summary) {
            call.tenantId = contextValue.tenantId;
            call.operationName = summary.operationName;
            call.mutation = summary.type === 'mutation' ? summary.rootFields.join(',') : null;
          }
        },
      }),
    };
  }

  /** Throws STORE_UNAVAILABLE while the shared store cannot take writes (see `writeCheck`); run before a mutation. */
  async checkWritable(): Promise<void> {
    await this.options.writeCheck?.();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

function checkScopesWithStatus(...args: Parameters<typeof checkOperationScopes>) {
  try {
    return checkOperationScopes(...args);
  } catch (error) {
    if (error instanceof GatewayError) error.extensions.http = { status: 403 };
    throw error;
  }
}
