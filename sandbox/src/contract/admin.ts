import { z } from 'zod/v4';
import { ANY_OBJECT, DATE, EMPTY, GUID } from './common.js';

/**
 * The sandbox's own surface (`/_sandbox/…`, `/openapi.json`; not part of Wix): the bodies and query parameters its
 * admin routes validate with, and their answers. Request bodies are loose, as the Wix ones (unknown fields ignored),
 * except settings and fault rules, where a misspelt field would silently do nothing.
 */

/** Statuses a fault rule may answer with: Wix's retryable system errors (CONTRACT §0.2). */
export const FAULT_ERROR_STATUSES = [500, 502, 503, 504] as const;
/** Upper bound on injected latency, so a mistyped rule cannot hang a test run for hours. */
export const MAX_FAULT_LATENCY_MS = 120_000;
/** Names one `POST /_sandbox/domains/check` may ask about. */
export const MAX_DOMAIN_CHECKS = 1000;

const COUNT = z.number().int().min(0);
const SHARE = z.number().min(0).max(1);
const DELAY = z.number().min(0);

export const SandboxSettings = z
  .strictObject({
    instanceActivationMs: DELAY.describe('Product instance PENDING → ENABLED (or FAILED / AWAITING_ACTION)'),
    instanceFailureShare: SHARE.describe('Share of new instances that end FAILED'),
    instanceAwaitingActionShare: SHARE.describe('Share of new instances that go to AWAITING_ACTION'),
    productActivationGraceMs: DELAY.describe('After ENABLED, registrations answer AWAITING_PRODUCT_ACTIVATION'),
    registrationMs: DELAY.describe('Registered domain PENDING_REGISTRATION → ACTIVE (or FAILED_REGISTRATION)'),
    propagationMs: DELAY.describe('DNS propagation IN_PROGRESS → COMPLETED'),
    propagationStartMs: DELAY.describe('A connected domain’s wait before IN_PROGRESS'),
  })
  .describe('Delays (virtual ms) and shares (0–1) of the asynchronous transitions');
/** `POST /_sandbox/settings`: any subset of the settings. */
export const SettingsPatch = SandboxSettings.partial().describe('Any subset of the settings');
export const SettingsAnswer = z.strictObject({ settings: SandboxSettings });

const SeedIds = {
  worldId: z
    .string()
    .describe('This world’s identity: new at every start and reset (also the x-sandbox-world-id header)'),
  apiKey: z.string().describe('The main account’s API key: send it as Authorization'),
  mainAccountId: GUID,
  subAccountIds: z.array(GUID),
  siteIds: z.array(GUID).describe('Sites of the main account and its sub-accounts'),
  seed: z.number().int(),
};
const CLOCK_MODE = z.enum(['real', 'manual']);
export const SeedAnswer = z.strictObject({ ...SeedIds, clock: CLOCK_MODE });
export const ResetRequest = z.looseObject({ seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() });
export const ResetAnswer = z.strictObject(SeedIds);

export const ClockAnswer = z.strictObject({ mode: CLOCK_MODE, now: DATE, pendingTransitions: COUNT });
export const ClockAdvanceRequest = z.looseObject({ ms: z.number().min(0).describe('Virtual milliseconds') });
export const ClockAdvanceAnswer = ClockAnswer.extend({ transitions: COUNT.describe('Transitions run') });

export const CALL_OUTCOMES = ['ok', 'error', 'fault-429', 'fault-5xx', 'dropped', 'rate-limited'] as const;
export const CallRecord = z.strictObject({
  seq: z.number().int(),
  time: DATE,
  method: z.string(),
  path: z.string(),
  query: z.string(),
  operation: z.string().describe('operationId, or unmatched'),
  status: z.number().int().describe('0 for a dropped connection'),
  outcome: z.enum(CALL_OUTCOMES),
  errorCode: z.string().optional(),
  accountId: z.string().optional(),
  siteId: z.string().optional(),
  auth: z.enum(['missing', 'valid', 'invalid']).describe('The API key itself is never recorded'),
  traceparent: z.string().optional().describe('The W3C traceparent header the caller sent, if any'),
  requestId: z.string().optional().describe('The x-request-id header the caller sent, if any'),
  body: z.unknown().optional(),
  durationMs: z.number(),
  receivedAt: z.number().describe('When the call arrived, real time (epoch ms)'),
});
export const CallsQuery = z.object({
  operation: z.string().optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  since: COUNT.optional().describe('Only calls with a greater seq'),
});
export const CallsAnswer = z.strictObject({ calls: z.array(CallRecord) });

export const FaultRuleInput = z
  .strictObject({
    target: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('An operation name (see operationId), "METHOD /path/{param}", or * (default)'),
    latencyMs: z.number().int().min(0).max(MAX_FAULT_LATENCY_MS).optional(),
    rateLimitShare: SHARE.optional().describe('Share of calls answered 429 RESOURCE_EXHAUSTED with Retry-After'),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional().describe('Default 1'),
    errorShare: SHARE.optional().describe('Share of calls answered with an empty 5xx system error'),
    errorStatus: z.literal(FAULT_ERROR_STATUSES).optional().describe('Default 503'),
    dropShare: SHARE.optional().describe('Share of calls whose connection is destroyed without an answer'),
    times: z.number().int().min(1).optional().describe('Retire the rule after this many matching calls'),
  })
  .describe('Shares add up to at most 1 and fire deterministically (0.5 = every second matching call)');
export const FaultRule = z.strictObject({
  id: z.number().int(),
  target: z.string(),
  latencyMs: COUNT,
  rateLimitShare: SHARE,
  retryAfterSeconds: COUNT,
  errorShare: SHARE,
  errorStatus: z.number().int(),
  dropShare: SHARE,
  times: z.number().int().nullable(),
  matched: COUNT,
});
export const FaultAnswer = z.strictObject({ fault: FaultRule });
export const FaultsAnswer = z.strictObject({ faults: z.array(FaultRule) });

export const RateLimitRequest = z.looseObject({
  perMinute: z.number().int().min(0).max(1_000_000).describe('Calls one API key may make per window; 0: no limit'),
  windowMs: z.number().int().min(100).max(3_600_000).default(60_000),
});
export const RateLimitAnswer = z.strictObject({
  perMinute: COUNT.describe('Calls one API key may make per window; 0: no limit'),
  windowMs: z.number().int().min(100),
  refused: COUNT.describe('Calls answered 429 since the limit was set'),
});

export const AddSitesRequest = z.looseObject({
  accountId: z.string().optional().describe('A sandbox account (default: the main account)'),
  count: z.number().int().min(1).max(1000).default(1),
});
export const AddSitesAnswer = z.strictObject({ siteIds: z.array(GUID) });

/** Entities in their Wix shape: the Wix operations' schemas describe them in detail. */
const ENTITIES = z.array(ANY_OBJECT);
export const WorldAnswer = z.strictObject({
  seed: z.number().int(),
  now: DATE,
  mainAccountId: GUID,
  accounts: ENTITIES,
  apiKeys: z.array(z.strictObject({ apiKey: z.string(), accountId: GUID })),
  sites: ENTITIES,
  catalog: ENTITIES,
  packages: ENTITIES,
  registeredDomains: ENTITIES.describe('With ownerAccountId'),
  connectedDomains: ENTITIES.describe('With ownerAccountId'),
  dnsZones: ENTITIES,
});

export const DomainsCheckRequest = z.looseObject({ domains: z.array(z.string()).min(1).max(MAX_DOMAIN_CHECKS) });
export const DomainsCheckAnswer = z.strictObject({
  domains: z.array(
    z.strictObject({ domain: z.string(), valid: z.boolean(), available: z.boolean(), premium: z.boolean() }),
  ),
});

export const AdminEmptyAnswer = EMPTY;
/** `GET /openapi.json`: this document. */
export const OpenApiAnswer = ANY_OBJECT;

export type WireSandboxSettings = z.infer<typeof SandboxSettings>;
export type WireFaultRuleInput = z.output<typeof FaultRuleInput>;
