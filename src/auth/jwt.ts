import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ErrorCode, GatewayError } from '../errors.js';
import { isScope, parseAccountGrant, type Caller, type Scope } from './caller.js';
import { unauthenticated } from './errors.js';

/** Where JWTs come from and which claims carry the grants (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE…). */
export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Claim naming the accounts: an array of IDs, `"all"`, or a comma- or space-separated string. */
  accountsClaim: string;
  /** Claim naming the scopes: a space-separated string (OAuth `scope`) or an array. */
  scopesClaim: string;
}

/** Asymmetric algorithms only: a JWKS publishes public keys, and `none` or HMAC must never verify. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Verifies partner-issued JWTs with jose: signature against the JWKS (fetched and cached by jose, refetched when an
 * unknown `kid` appears), `iss`, `aud`, `exp`/`nbf` (30 s leeway), an allowed algorithm, and a `sub`. The caller is
 * `jwt:<sub>` with the accounts and scopes of the configured claims (unknown scope names are ignored).
 */
export class JwtVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: JwtSettings) {
    this.jwks = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw refusal(error);
    }
    const subject = payload.sub as string;
    const accountsClaim = payload[this.settings.accountsClaim];
    const accounts =
      typeof accountsClaim === 'string' || Array.isArray(accountsClaim)
        ? parseAccountGrant(
            typeof accountsClaim === 'string' ? accountsClaim.replace(/\s+/g, ',') : strings(accountsClaim),
          )
        : [];
    const scopesClaim = payload[this.settings.scopesClaim];
    const names = typeof scopesClaim === 'string' ? scopesClaim.split(/[\s,]+/) : strings(scopesClaim);
    const scopes = new Set<Scope>(names.filter(isScope));
    return { id: `jwt:${subject}`, kind: 'jwt', name: subject, accounts, scopes };
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A jose failure as the client sees it: why, in a few words, never the token. */
function refusal(error: unknown): GatewayError {
  if (error instanceof errors.JWTExpired) return unauthenticated('The JWT has expired', true);
  if (error instanceof errors.JWTClaimValidationFailed)
    return unauthenticated(`The JWT's "${error.claim}" claim is not accepted`, true);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return unauthenticated('The JWT is signed with an algorithm that is not accepted', true);
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return unauthenticated('The JWT signature does not verify', true);
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && !(error instanceof errors.JOSEError)))
    return new GatewayError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'The identity provider keys (AUTH_JWKS_URL) could not be read',
    );
  return unauthenticated('The JWT is not valid', true);
}
