import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallFilter } from '../calllog.js';
import { appError, invalidField, validationError, type FieldViolation } from '../errors.js';
import { checkFaultRule, routeKey } from '../faults.js';
import { readJson, send } from '../http-util.js';
import { buildOpenApi } from '../openapi.js';
import { addSite, summarize } from '../seed.js';
import { checkDomains, worldSnapshot } from './admin-world.js';
import type { Sandbox } from '../server.js';
import { checkSettings, type SandboxSettings } from '../settings.js';
import { checkRateLimit } from '../rate-limit.js';

/** What an admin handler gets: the parsed JSON body ({} when none) and the query string. */
export interface AdminInput {
  body: Record<string, unknown>;
  query: URLSearchParams;
}

/** One route of the admin surface. The OpenAPI document lists these under the `sandbox-admin` tag. */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  handle: (sandbox: Sandbox, input: AdminInput) => unknown;
}

/** `field: description` problems (from checkSettings / checkFaultRule) as one validation error. */
function problemsError(problems: string[]) {
  const violations: FieldViolation[] = problems.map((p) => {
    const at = p.indexOf(':');
    return {
      field: at > 0 ? p.slice(0, at) : '',
      description: at > 0 ? p.slice(at + 1).trim() : p,
      violatedRule: 'CUSTOM',
    };
  });
  return validationError(violations);
}

function clockState(sandbox: Sandbox) {
  const w = sandbox.world;
  return { mode: sandbox.clockMode, now: w.now(), pendingTransitions: w.pendingTasks() };
}

function readCallFilter(query: URLSearchParams): CallFilter {
  const filter: CallFilter = {};
  const operation = query.get('operation');
  const outcome = query.get('outcome');
  const since = query.get('since');
  if (operation) filter.operation = operation;
  if (outcome) {
    if (!['ok', 'error', 'fault-429', 'fault-5xx', 'dropped', 'rate-limited'].includes(outcome))
      throw invalidField('outcome', 'must be one of ok, error, fault-429, fault-5xx, dropped, rate-limited', 'FORMAT');
    filter.outcome = outcome;
  }
  if (since !== null) {
    if (!/^\d+$/.test(since)) throw invalidField('since', 'must be a non-negative integer (a call seq)', 'FORMAT');
    filter.since = Number(since);
  }
  return filter;
}

function advanceClock(sandbox: Sandbox, body: Record<string, unknown>) {
  const ms = body.ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
    throw invalidField('ms', 'must be a non-negative number of milliseconds', 'FORMAT');
  sandbox.world.clock.advance(ms);
  const transitions = sandbox.world.tick();
  return { ...clockState(sandbox), transitions };
}

function updateSettings(sandbox: Sandbox, body: Record<string, unknown>) {
  const problems = checkSettings(body);
  if (problems.length > 0) throw problemsError(problems);
  sandbox.world.settings = { ...sandbox.world.settings, ...(body as Partial<SandboxSettings>) };
  return { settings: sandbox.world.settings };
}

function addFault(sandbox: Sandbox, body: Record<string, unknown>) {
  const problems = checkFaultRule(body);
  if (problems.length > 0) throw problemsError(problems);
  const target = typeof body.target === 'string' ? body.target.trim() : undefined;
  if (target !== undefined && target !== '*') {
    const parts = target.split(/\s+/);
    const key = parts.length === 2 ? routeKey(parts[0] as string, parts[1] as string) : undefined;
    const known = sandbox.router.all().some((r) => r.operation === target || routeKey(r.method, r.path) === key);
    if (!known)
      throw invalidField('target', `no endpoint ${target}; use an operation name, "METHOD /path/{param}" or *`);
  }
  return { fault: sandbox.faults.add(body) };
}

/** `POST /_sandbox/rate-limit {perMinute, windowMs?}`: sets the per-key rate limit (0: none); clears its counts. */
function setRateLimit(sandbox: Sandbox, body: Record<string, unknown>) {
  const problems = checkRateLimit(body);
  if (problems.length > 0) throw problemsError(problems);
  sandbox.rateLimit.configure({
    perWindow: body.perMinute as number,
    windowMs: (body.windowMs as number | undefined) ?? 60_000,
  });
  return rateLimitState(sandbox);
}

function rateLimitState(sandbox: Sandbox) {
  const { perWindow, windowMs } = sandbox.rateLimit.current;
  return { perMinute: perWindow, windowMs, refused: sandbox.rateLimit.refused };
}

/** `POST /_sandbox/sites {accountId?, count?}`: adds free sites to an account (for scale tests and flows). */
function createSites(sandbox: Sandbox, body: Record<string, unknown>) {
  const w = sandbox.world;
  const accountId = body.accountId ?? w.mainAccountId;
  if (typeof accountId !== 'string' || !w.accounts.has(accountId))
    throw invalidField('accountId', 'must be the ID of a sandbox account');
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000)
    throw invalidField('count', 'must be an integer from 1 to 1000', 'MAX');
  const siteIds: string[] = [];
  const base = w.sites.size;
  for (let i = 0; i < count; i++) siteIds.push(addSite(w, accountId, base + i, w.clock.now() - (count - i) * 1000));
  return { siteIds };
}

const openApiCache = new WeakMap<Sandbox['router'], unknown>();

/** The admin surface, in the order the README documents it. */
export const ADMIN_ROUTES: AdminRoute[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
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
    handle: (sb) => ({ ...summarize(sb.world), seed: sb.world.seed, clock: sb.clockMode }),
  },
  {
    method: 'POST',
    path: '/_sandbox/reset',
    summary: 'Re-seeds the world (optionally with another seed); clears the call log and the faults',
    handle: (sb, { body }) => {
      const seed = body.seed;
      if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0))
        throw invalidField('seed', 'must be a non-negative integer', 'FORMAT');
      sb.reset(seed);
      return { ...summarize(sb.world), seed: sb.world.seed };
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/calls',
    summary: 'The call log, oldest first (filters: operation, outcome, since)',
    handle: (sb, { query }) => ({ calls: sb.calls.list(readCallFilter(query)) }),
  },
  { method: 'DELETE', path: '/_sandbox/calls', summary: 'Clears the call log', handle: (sb) => (sb.calls.clear(), {}) },
  {
    method: 'GET',
    path: '/_sandbox/clock',
    summary: 'Clock mode, virtual now and pending transitions',
    handle: (sb) => clockState(sb),
  },
  {
    method: 'POST',
    path: '/_sandbox/clock/advance',
    summary: 'Advances the virtual clock by ms and runs the transitions that fall due',
    handle: (sb, { body }) => advanceClock(sb, body),
  },
  {
    method: 'GET',
    path: '/_sandbox/settings',
    summary: 'Delays and shares of the asynchronous transitions',
    handle: (sb) => ({ settings: sb.world.settings }),
  },
  {
    method: 'POST',
    path: '/_sandbox/settings',
    summary: 'Changes some settings (partial update)',
    handle: (sb, { body }) => updateSettings(sb, body),
  },
  {
    method: 'GET',
    path: '/_sandbox/rate-limit',
    summary: "The per-key rate limit (Wix's: 200 a minute) and how many calls it refused",
    handle: (sb) => rateLimitState(sb),
  },
  {
    method: 'POST',
    path: '/_sandbox/rate-limit',
    summary:
      'Sets the per-key rate limit {perMinute (0: none), windowMs? (default 60000)}; past it, 429 RESOURCE_EXHAUSTED with Retry-After',
    handle: (sb, { body }) => setRateLimit(sb, body),
  },
  {
    method: 'GET',
    path: '/_sandbox/faults',
    summary: 'The active fault rules',
    handle: (sb) => ({ faults: sb.faults.list() }),
  },
  {
    method: 'POST',
    path: '/_sandbox/faults',
    summary: 'Adds a fault rule (latency, 429 share, 5xx share, dropped connections)',
    handle: (sb, { body }) => addFault(sb, body),
  },
  {
    method: 'DELETE',
    path: '/_sandbox/faults',
    summary: 'Removes every fault rule',
    handle: (sb) => (sb.faults.clear(), {}),
  },
  {
    method: 'POST',
    path: '/_sandbox/sites',
    summary: 'Adds free sites to an account',
    handle: (sb, { body }) => createSites(sb, body),
  },
  {
    method: 'GET',
    path: '/_sandbox/world',
    summary: 'The whole state as JSON: accounts, API keys, sites, catalog, packages, domains, DNS zones',
    handle: (sb) => worldSnapshot(sb.world),
  },
  {
    method: 'POST',
    path: '/_sandbox/domains/check',
    summary: 'Availability and premium pricing of domain names, without a logged Wix call',
    handle: (sb, { body }) => checkDomains(sb.world, body),
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
