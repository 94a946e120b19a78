import { z } from 'zod';

/*
 * The settings of several gateway instances sharing one Redis (README "Running several instances"): read from the
 * environment by loadConfig (src/config.ts), validated here so that config.ts only wires them in.
 */

/** What REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_INSTANCES and POLL_LEASE_MS configure. */
export interface SharedConfig {
  /** REDIS_URL (`redis://` or `rediss://`); unset: one instance, everything in-process. */
  redisUrl?: string;
  /** REDIS_KEY_PREFIX: every key and channel this gateway uses starts with it (several deployments, one Redis). */
  keyPrefix: string;
  /** GATEWAY_INSTANCES: how many instances share the Wix key (the budget falls back to 1/N while Redis is down). */
  instances: number;
  /** POLL_LEASE_MS: how long a poller's lease lasts; a dead holder's resources are polled elsewhere after it. */
  pollLeaseMs: number;
}

const intIn = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an integer from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    })
    .describe(name);

const schema = z.object({
  REDIS_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^rediss?:\/\/[^\s]+$/.test(v),
      'must be a redis:// or rediss:// URL',
    ),
  REDIS_KEY_PREFIX: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^[A-Za-z0-9:_.-]{1,64}$/.test(v), 'must be 1 to 64 of A-Z a-z 0-9 : _ . -'),
  GATEWAY_INSTANCES: intIn('GATEWAY_INSTANCES', 1, 1, 1_000),
  POLL_LEASE_MS: intIn('POLL_LEASE_MS', 10_000, 500, 600_000),
});

/** Thrown for a bad value; `message` is one line naming the variable (never the URL, which may hold a password). */
export class SharedConfigError extends Error {}

/** Reads the several-instances settings from `env`. */
export function loadSharedConfig(env: NodeJS.ProcessEnv): SharedConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SharedConfigError(
      `Configuration error: ${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? 'is invalid'}`,
    );
  }
  const e = parsed.data;
  return {
    redisUrl: e.REDIS_URL || undefined,
    keyPrefix: e.REDIS_KEY_PREFIX ?? 'wag:',
    instances: e.GATEWAY_INSTANCES,
    pollLeaseMs: e.POLL_LEASE_MS,
  };
}
