import { FAULT_ERROR_STATUSES, MAX_FAULT_LATENCY_MS } from './faults.js';
import {
  DATE,
  GUID,
  VALIDATION,
  arr,
  bool,
  enumOf,
  int,
  obj,
  ref,
  str,
  type JsonSchema,
  type OperationSpec,
} from './openapi-kit.js';
import { MAX_DOMAIN_CHECKS } from './routes/admin-world.js';
import { MANUAL_SETTINGS } from './settings.js';

/** Schemas of the sandbox's own admin surface (`/_sandbox/…`, `/openapi.json`), tag `sandbox-admin`. */
const SHARE = { type: 'number', minimum: 0, maximum: 1 };
const settingsProps = Object.fromEntries(
  Object.keys(MANUAL_SETTINGS).map((k) => [k, k.endsWith('Share') ? SHARE : { type: 'number', minimum: 0 }]),
);
const seedSummary = {
  worldId: str({
    description: 'This world’s identity: new at every start and reset (also the x-sandbox-world-id header)',
  }),
  apiKey: str({ description: 'The main account’s API key: send it as Authorization' }),
  mainAccountId: GUID,
  subAccountIds: arr(GUID),
  siteIds: arr(GUID, { description: 'Sites of the main account and its sub-accounts' }),
  seed: int(),
};
const clockState = { mode: enumOf(['real', 'manual']), now: DATE, pendingTransitions: int({ minimum: 0 }) };

export const adminComponents: Record<string, JsonSchema> = {
  SandboxSettings: obj(
    settingsProps,
    Object.keys(MANUAL_SETTINGS),
    true,
    'Delays (virtual ms) and shares (0–1) of the asynchronous transitions',
  ),
  FaultRuleInput: obj(
    {
      target: str({ description: 'An operation name (see operationId), "METHOD /path/{param}", or * (default)' }),
      latencyMs: int({ minimum: 0, maximum: MAX_FAULT_LATENCY_MS }),
      rateLimitShare: { ...SHARE, description: 'Share of calls answered 429 RESOURCE_EXHAUSTED with Retry-After' },
      retryAfterSeconds: int({ minimum: 0, maximum: 86_400, default: 1 }),
      errorShare: { ...SHARE, description: 'Share of calls answered with an empty 5xx system error' },
      errorStatus: { type: 'integer', enum: [...FAULT_ERROR_STATUSES], default: 503 },
      dropShare: { ...SHARE, description: 'Share of calls whose connection is destroyed without an answer' },
      times: int({ minimum: 1, description: 'Retire the rule after this many matching calls' }),
    },
    [],
    true,
    'Shares add up to at most 1 and fire deterministically (0.5 = every second matching call)',
  ),
  FaultRule: obj(
    {
      id: int(),
      target: str(),
      latencyMs: int(),
      rateLimitShare: SHARE,
      retryAfterSeconds: int(),
      errorShare: SHARE,
      errorStatus: int(),
      dropShare: SHARE,
      times: { type: ['integer', 'null'] },
      matched: int({ minimum: 0 }),
    },
    ['id', 'target', 'matched'],
  ),
  CallRecord: obj(
    {
      seq: int(),
      time: DATE,
      method: str(),
      path: str(),
      query: str(),
      operation: str({ description: 'operationId, or unmatched' }),
      status: int({ description: '0 for a dropped connection' }),
      outcome: enumOf(['ok', 'error', 'fault-429', 'fault-5xx', 'dropped', 'rate-limited']),
      errorCode: str(),
      accountId: str(),
      siteId: str(),
      auth: enumOf(['missing', 'valid', 'invalid'], 'The API key itself is never recorded'),
      traceparent: str({ description: 'The W3C traceparent header the caller sent, if any' }),
      requestId: str({ description: 'The x-request-id header the caller sent, if any' }),
      body: {},
      durationMs: { type: 'number' },
      receivedAt: { type: 'number', description: 'When the call arrived, real time (epoch ms)' },
    },
    ['seq', 'time', 'method', 'path', 'operation', 'status', 'outcome', 'auth'],
  ),
  RateLimit: obj(
    {
      perMinute: int({ minimum: 0, description: 'Calls one API key may make per window; 0: no limit' }),
      windowMs: int({ minimum: 100 }),
      refused: int({ minimum: 0, description: 'Calls answered 429 since the limit was set' }),
    },
    ['perMinute', 'windowMs', 'refused'],
  ),
};

const TAG = 'sandbox-admin';
/** An entity in its Wix shape: the Wix operations' schemas describe it in detail. */
const OBJECT: JsonSchema = { type: 'object' };
const BAD = [[400, VALIDATION]] as OperationSpec['errors'];

/** Admin operations, keyed `METHOD /path`. */
export const adminOperations: Record<string, OperationSpec> = {
  'GET /openapi.json': { summary: 'This OpenAPI 3.1 document', tag: TAG, response: { type: 'object' } },
  'GET /_sandbox/seed': {
    summary: 'Seed summary: API key, account and site IDs',
    tag: TAG,
    response: obj({ ...seedSummary, clock: enumOf(['real', 'manual']) }, [
      'worldId',
      'apiKey',
      'mainAccountId',
      'subAccountIds',
      'siteIds',
      'seed',
    ]),
  },
  'POST /_sandbox/reset': {
    summary: 'Re-seed the world; clears the call log and the faults',
    tag: TAG,
    body: obj({ seed: int({ minimum: 0 }) }, [], false),
    response: obj(seedSummary, ['worldId', 'apiKey', 'mainAccountId', 'seed']),
    errors: BAD,
  },
  'GET /_sandbox/calls': {
    summary: 'The call log, oldest first',
    tag: TAG,
    query: [
      { name: 'operation', schema: str() },
      { name: 'outcome', schema: enumOf(['ok', 'error', 'fault-429', 'fault-5xx', 'dropped', 'rate-limited']) },
      { name: 'since', schema: int({ minimum: 0 }), description: 'Only calls with a greater seq' },
    ],
    response: obj({ calls: arr(ref('CallRecord')) }, ['calls']),
    errors: BAD,
  },
  'DELETE /_sandbox/calls': { summary: 'Clear the call log', tag: TAG, response: obj({}) },
  'GET /_sandbox/clock': {
    summary: 'The virtual clock',
    tag: TAG,
    response: obj(clockState, ['mode', 'now', 'pendingTransitions']),
  },
  'POST /_sandbox/clock/advance': {
    summary: 'Advance the virtual clock and run the transitions that fall due',
    tag: TAG,
    body: obj({ ms: { type: 'number', minimum: 0 } }, ['ms'], false),
    bodyRequired: true,
    response: obj({ ...clockState, transitions: int({ minimum: 0, description: 'Transitions run' }) }, [
      'mode',
      'now',
      'transitions',
    ]),
    errors: BAD,
  },
  'GET /_sandbox/settings': {
    summary: 'Transition delays and shares',
    tag: TAG,
    response: obj({ settings: ref('SandboxSettings') }, ['settings']),
  },
  'POST /_sandbox/settings': {
    summary: 'Change some settings',
    tag: TAG,
    body: { ...obj(settingsProps), description: 'Any subset of the settings' },
    bodyRequired: true,
    response: obj({ settings: ref('SandboxSettings') }, ['settings']),
    errors: BAD,
  },
  'GET /_sandbox/faults': {
    summary: 'Active fault rules',
    tag: TAG,
    response: obj({ faults: arr(ref('FaultRule')) }, ['faults']),
  },
  'POST /_sandbox/faults': {
    summary: 'Add a fault rule',
    tag: TAG,
    body: ref('FaultRuleInput'),
    bodyRequired: true,
    response: obj({ fault: ref('FaultRule') }, ['fault']),
    errors: BAD,
  },
  'DELETE /_sandbox/faults': { summary: 'Remove every fault rule', tag: TAG, response: obj({}) },
  'GET /_sandbox/rate-limit': {
    summary: "The per-key rate limit (Wix's: 200 a minute) and how many calls it refused",
    tag: TAG,
    response: ref('RateLimit'),
  },
  'POST /_sandbox/rate-limit': {
    summary: 'Set the per-key rate limit',
    description:
      'Past `perMinute` calls of one API key in a sliding `windowMs`, the sandbox answers 429 RESOURCE_EXHAUSTED with Retry-After, as Wix does for a throttled app. 0 turns it off; setting it clears the counts.',
    tag: TAG,
    body: obj(
      {
        perMinute: int({ minimum: 0, maximum: 1_000_000 }),
        windowMs: int({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
      },
      ['perMinute'],
      false,
    ),
    bodyRequired: true,
    response: ref('RateLimit'),
    errors: BAD,
  },
  'POST /_sandbox/sites': {
    summary: 'Add free sites to an account',
    tag: TAG,
    body: obj({ accountId: GUID, count: int({ minimum: 1, maximum: 1000, default: 1 }) }, [], false),
    response: obj({ siteIds: arr(GUID) }, ['siteIds']),
    errors: BAD,
  },
  'GET /_sandbox/world': {
    summary: 'The whole state',
    description:
      'Accounts, API keys, sites, catalog, packages, registered and connected domains (with their owner) and DNS zones, in the Wix shapes of the other operations. Read-only; for tests that must find IDs or check the effect of a write without a logged call.',
    tag: TAG,
    response: obj(
      {
        seed: int(),
        now: DATE,
        mainAccountId: GUID,
        accounts: arr(OBJECT),
        apiKeys: arr(obj({ apiKey: str(), accountId: GUID }, ['apiKey', 'accountId'])),
        sites: arr(OBJECT),
        catalog: arr(OBJECT),
        packages: arr(OBJECT),
        registeredDomains: arr(OBJECT),
        connectedDomains: arr(OBJECT),
        dnsZones: arr(OBJECT),
      },
      [
        'seed',
        'now',
        'mainAccountId',
        'accounts',
        'apiKeys',
        'sites',
        'catalog',
        'packages',
        'registeredDomains',
        'connectedDomains',
        'dnsZones',
      ],
    ),
  },
  'POST /_sandbox/domains/check': {
    summary: 'Check domain names against the registry rules',
    description:
      'What Check Domain Availability would answer for each name (and whether it is a valid host name), without a logged Wix call.',
    tag: TAG,
    body: obj({ domains: arr(str(), { minItems: 1, maxItems: MAX_DOMAIN_CHECKS }) }, ['domains'], false),
    bodyRequired: true,
    response: obj(
      {
        domains: arr(
          obj({ domain: str(), valid: bool(), available: bool(), premium: bool() }, [
            'domain',
            'valid',
            'available',
            'premium',
          ]),
        ),
      },
      ['domains'],
    ),
    errors: BAD,
  },
};
