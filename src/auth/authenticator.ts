import { ANONYMOUS_CALLER, type Caller } from './caller.js';
import { unauthenticated } from './errors.js';
import type { JwtVerifier } from './jwt.js';
import { TOKEN_PREFIX, type TokenStore } from './tokens.js';

/** How callers prove who they are: `none` (loopback only), or gateway tokens and/or JWTs. */
export type AuthMethod = 'tokens' | 'jwt';

/** What the authenticator checks credentials against. */
export interface AuthenticatorOptions {
  /** Empty: AUTH=none, every request is the anonymous caller. */
  methods: readonly AuthMethod[];
  tokens?: TokenStore;
  jwt?: JwtVerifier;
}

/**
 * Turns the credential of an HTTP request (`Authorization: Bearer …`) or a WebSocket connection (the `Authorization`
 * connection param, or the upgrade request's header) into a Caller, or throws UNAUTHENTICATED (401 / close 4401).
 * A gateway token (`wag_…`) is looked up in the store at every request, so a revocation holds from the next one.
 */
export class Authenticator {
  constructor(private readonly options: AuthenticatorOptions) {}

  /** Whether requests need a credential (false with AUTH=none). */
  get required(): boolean {
    return this.options.methods.length > 0;
  }

  /** The caller of an `Authorization` header value (undefined: none sent). */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (!this.required) return ANONYMOUS_CALLER;
    if (!authorization?.trim()) throw unauthenticated('Send a credential: Authorization: Bearer <token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"', true);
    const credential = match[1] as string;
    if (credential.startsWith(TOKEN_PREFIX) && this.options.tokens && this.options.methods.includes('tokens'))
      return this.fromToken(credential, this.options.tokens);
    if (this.options.jwt && this.options.methods.includes('jwt') && credential.split('.').length === 3)
      return this.options.jwt.verify(credential);
    throw unauthenticated('The credential is not a token this gateway accepts', true);
  }

  private async fromToken(token: string, store: TokenStore): Promise<Caller> {
    const record = await store.verify(token);
    if (!record) throw unauthenticated('Unknown token', true);
    if (record.revokedAt) throw unauthenticated('The token was revoked', true);
    if (record.expiresAt && Date.parse(record.expiresAt) <= Date.now())
      throw unauthenticated('The token has expired', true);
    return {
      id: `token:${record.id}`,
      kind: 'token',
      name: record.name,
      accounts: record.accounts,
      scopes: new Set(record.scopes),
    };
  }
}
