import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod/v4';
import * as admin from '../contract/admin.js';
import { appError } from '../errors.js';
import { readJson, send } from '../http-util.js';
import { buildOpenApi } from '../openapi.js';
import { summarize } from '../seed.js';
import type { Sandbox } from '../server.js';
import { parseBody, parseQuery } from '../validate.js';
import {
  addFault,
  advanceClock,
  clockState,
  createSites,
  listCalls,
  rateLimitState,
  reset,
  setRateLimit,
  updateSettings,
} from './admin-actions.js';
import { checkDomains, worldSnapshot } from './admin-world.js';

/** What an admin handler gets: the parsed JSON body ({} when none) and the query string. */
export interface AdminInput {
  body: Record<string, unknown>;
  query: URLSearchParams;
}

/**
 * One route of the admin surface, with the contract schemas (contract/admin.ts) it validates its body or query with
 * and answers in. The OpenAPI document lists these under the `sandbox-admin` tag, built from the same schemas.
 */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: z.ZodType;
  handle: (sandbox: Sandbox, input: AdminInput) => unknown;
}

/** An admin route's body schema and its action, which gets the body validated and typed by it. */
function withBody<S extends z.ZodType>(schema: S, act: (sandbox: Sandbox, body: z.output<S>) => unknown) {
  return { body: schema, handle: (sb: Sandbox, input: AdminInput) => act(sb, parseBody(schema, input.body)) };
}

const openApiCache = new WeakMap<Sandbox['router'], unknown>();

/** The admin surface, in the order the README documents it. */
export const ADMIN_ROUTES: AdminRoute[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    response: admin.OpenApiAnswer,
    handle: (sb) => {
      let doc = openApiCache.get(sb.router);
      if (!doc) openApiCache.set(sb.router, (doc = buildOpenApi(sb.router.all(), ADMIN_ROUTES)));
      return doc;
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/seed',
    summary: 'API key, main and sub-account IDs, site IDs of the seeded world',
    response: admin.SeedAnswer,
    handle: (sb) => ({ ...summarize(sb.world), seed: sb.world.seed, clock: sb.clockMode }),
  },
  {
    method: 'POST',
    path: '/_sandbox/reset',
    summary: 'Re-seeds the world (optionally with another seed); clears the call log and the faults',
    response: admin.ResetAnswer,
    ...withBody(admin.ResetRequest, reset),
  },
  {
    method: 'GET',
    path: '/_sandbox/calls',
    summary: 'The call log, oldest first (filters: operation, outcome, since)',
    query: admin.CallsQuery,
    response: admin.CallsAnswer,
    handle: (sb, { query }) => listCalls(sb, parseQuery(admin.CallsQuery, query)),
  },
  {
    method: 'DELETE',
    path: '/_sandbox/calls',
    summary: 'Clears the call log',
    response: admin.AdminEmptyAnswer,
    handle: (sb) => (sb.calls.clear(), {}),
  },
  {
    method: 'GET',
    path: '/_sandbox/clock',
    summary: 'Clock mode, virtual now and pending transitions',
    response: admin.ClockAnswer,
    handle: (sb) => clockState(sb),
  },
  {
    method: 'POST',
    path: '/_sandbox/clock/advance',
    summary: 'Advances the virtual clock by ms and runs the transitions that fall due',
    response: admin.ClockAdvanceAnswer,
    ...withBody(admin.ClockAdvanceRequest, advanceClock),
  },
  {
    method: 'GET',
    path: '/_sandbox/settings',
    summary: 'Delays and shares of the asynchronous transitions',
    response: admin.SettingsAnswer,
    handle: (sb) => ({ settings: sb.world.settings }),
  },
  {
    method: 'POST',
    path: '/_sandbox/settings',
    summary: 'Changes some settings (partial update)',
    response: admin.SettingsAnswer,
    ...withBody(admin.SettingsPatch, updateSettings),
  },
  {
    method: 'GET',
    path: '/_sandbox/rate-limit',
    summary: "The per-key rate limit (Wix's: 200 a minute) and how many calls it refused",
    response: admin.RateLimitAnswer,
    handle: (sb) => rateLimitState(sb),
  },
  {
    method: 'POST',
    path: '/_sandbox/rate-limit',
    summary:
      'Sets the per-key rate limit {perMinute (0: none), windowMs? (default 60000)}; past it, 429 RESOURCE_EXHAUSTED with Retry-After',
    description:
      'Past `perMinute` calls of one API key in a sliding `windowMs`, the sandbox answers 429 RESOURCE_EXHAUSTED with Retry-After, as Wix does for a throttled app. 0 turns it off; setting it clears the counts.',
    response: admin.RateLimitAnswer,
    ...withBody(admin.RateLimitRequest, setRateLimit),
  },
  {
    method: 'GET',
    path: '/_sandbox/faults',
    summary: 'The active fault rules',
    response: admin.FaultsAnswer,
    handle: (sb) => ({ faults: sb.faults.list() }),
  },
  {
    method: 'POST',
    path: '/_sandbox/faults',
    summary: 'Adds a fault rule (latency, 429 share, 5xx share, dropped connections)',
    response: admin.FaultAnswer,
    ...withBody(admin.FaultRuleInput, addFault),
  },
  {
    method: 'DELETE',
    path: '/_sandbox/faults',
    summary: 'Removes every fault rule',
    response: admin.AdminEmptyAnswer,
    handle: (sb) => (sb.faults.clear(), {}),
  },
  {
    method: 'POST',
    path: '/_sandbox/sites',
    summary: 'Adds free sites to an account',
    response: admin.AddSitesAnswer,
    ...withBody(admin.AddSitesRequest, createSites),
  },
  {
    method: 'GET',
    path: '/_sandbox/world',
    summary: 'The whole state as JSON: accounts, API keys, sites, catalog, packages, domains, DNS zones',
    description:
      'Accounts, API keys, sites, catalog, packages, registered and connected domains (with their owner) and DNS zones, in the Wix shapes of the other operations. Read-only; for tests that must find IDs or check the effect of a write without a logged call.',
    response: admin.WorldAnswer,
    handle: (sb) => worldSnapshot(sb.world),
  },
  {
    method: 'POST',
    path: '/_sandbox/domains/check',
    summary: 'Availability and premium pricing of domain names, without a logged Wix call',
    response: admin.DomainsCheckAnswer,
    ...withBody(admin.DomainsCheckRequest, (sb, body) => checkDomains(sb.world, body)),
  },
];

/**
 * Serves the admin surface (not part of Wix's API; never logged, never faulted). Returns false when the path is not
 * an admin path, so the server goes on to the Wix routes.
 */
export async function handleAdmin(
  sandbox: Sandbox,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/openapi.json' && !path.startsWith('/_sandbox/')) return false;
  const candidates = ADMIN_ROUTES.filter((r) => r.path === path);
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length > 0)
      throw appError(
        405,
        'METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${path}; use ${candidates.map((r) => r.method).join(' or ')}`,
      );
    throw appError(404, 'NOT_FOUND', `No admin route ${method} ${path}`);
  }
  const body = await readJson(req);
  send(res, 200, route.handle(sandbox, { body, query: url.searchParams }));
  return true;
}
