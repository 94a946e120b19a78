import { z } from 'zod';
import type { AuthMethod } from './authenticator.js';
import { isLoopback, type GatewayAuthOptions } from './gateway-auth.js';

/*
 * Access-control configuration (README "Securing the gateway"), read with the rest of the environment by
 * src/config.ts. Safe defaults: with WIX_API_KEY nothing starts unauthenticated unless AUTH=none is set explicitly on
 * a loopback HOST; on the embedded sandbox AUTH defaults to none, loopback only.
 */

const positive = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an integer from 1 to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    });

const httpUrl = z
  .string()
  .url('must be an http(s) URL')
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

const schema = z.object({
  AUTH: z
    .string()
    .optional()
    .refine(
      (v) =>
        v === undefined || v === '' || v === 'none' || v.split(',').every((m) => ['tokens', 'jwt'].includes(m.trim())),
      'must be "tokens", "jwt", "tokens,jwt" or "none"',
    ),
  AUTH_STORE_PATH: z.string().min(1, 'must not be empty when set').default('.data/auth.sqlite'),
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_ISSUER: z.string().min(1, 'must not be empty when set').optional(),
  AUTH_AUDIENCE: z.string().min(1, 'must not be empty when set').optional(),
  AUTH_JWT_ACCOUNTS_CLAIM: z.string().min(1).default('wix_accounts'),
  AUTH_JWT_SCOPES_CLAIM: z.string().min(1).default('scope'),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const origins = (v ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      const bad = origins.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
      if (bad) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must list origins like https://app.example.com (got "${bad}")`,
        });
        return z.NEVER;
      }
      return origins;
    }),
  AUDIT_RETENTION_DAYS: positive(400, 36_500),
  AUDIT_MAX_EVENTS: positive(1_000_000, 100_000_000),
});

/** Thrown with one line naming what to set. */
export class AuthConfigError extends Error {}

/** Reads the access-control settings; `host` is HOST, `withApiKey` whether WIX_API_KEY is set. */
export function loadAuthConfig(env: NodeJS.ProcessEnv, host: string, withApiKey: boolean): GatewayAuthOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthConfigError(
      `Configuration error: ${issue?.path.join('.') ?? 'AUTH'} ${issue?.message ?? 'is invalid'}`,
    );
  }
  const e = parsed.data;
  const mode = e.AUTH?.trim() || undefined;
  if (mode === undefined && withApiKey)
    throw new AuthConfigError(
      'Configuration error: AUTH must be set with WIX_API_KEY: AUTH=tokens (then `wix-account-graph token create`), AUTH=jwt (with AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE), or AUTH=none with HOST=127.0.0.1',
    );
  if ((mode ?? 'none') === 'none' && !isLoopback(host))
    throw new AuthConfigError(
      `Configuration error: AUTH ${mode ? 'none' : 'is unset, which'} allows no remote callers, but HOST is ${host}: set AUTH=tokens or AUTH=jwt, or HOST=127.0.0.1`,
    );
  const methods =
    mode === undefined || mode === 'none' ? [] : [...new Set(mode.split(',').map((m) => m.trim() as AuthMethod))];
  let jwt: GatewayAuthOptions['jwt'];
  if (methods.includes('jwt')) {
    const missing = (['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const).find((k) => !e[k]);
    if (missing) throw new AuthConfigError(`Configuration error: ${missing} is required with AUTH=jwt`);
    jwt = {
      jwksUrl: e.AUTH_JWKS_URL as string,
      issuer: e.AUTH_ISSUER as string,
      audience: e.AUTH_AUDIENCE as string,
      accountsClaim: e.AUTH_JWT_ACCOUNTS_CLAIM,
      scopesClaim: e.AUTH_JWT_SCOPES_CLAIM,
    };
  }
  return {
    methods,
    storePath: e.AUTH_STORE_PATH,
    jwt,
    corsOrigins: e.CORS_ORIGINS,
    retention: { maxAgeDays: e.AUDIT_RETENTION_DAYS, maxEvents: e.AUDIT_MAX_EVENTS },
  };
}
