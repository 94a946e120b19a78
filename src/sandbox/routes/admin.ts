import type { IncomingMessage, ServerResponse } from 'node:http';
import { appError, invalidField, validationError } from '../errors.js';
import { checkFaultRule, type FaultRuleInput } from '../faults.js';
import { readJson, send } from '../http-util.js';
import { buildOpenApi } from '../openapi.js';
import { addSite, summarize } from '../seed.js';
import type { Sandbox } from '../server.js';
import { checkSettings, type SandboxSettings } from '../settings.js';

/**
 * The admin surface under `/_sandbox/` (not part of Wix's API; never logged, never faulted): seed summary, reset,
 * call log, clock, settings, faults, extra sites, and the OpenAPI document at `/openapi.json`.
 * Returns false when the path is not an admin path.
 */
export async function handleAdmin(sandbox: Sandbox, method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = url.pathname;
  if (path === '/openapi.json' && method === 'GET') {
    send(res, 200, buildOpenApi(sandbox.router.all()));
    return true;
  }
  if (!path.startsWith('/_sandbox/')) return false;
  const world = () => sandbox.world;
  const body = await readJson(req);
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_sandbox/seed':
      send(res, 200, { ...summarize(world()), seed: world().seed, clock: sandbox.clockMode });
      return true;
    case 'POST /_sandbox/reset': {
      const seed = body.seed;
      if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0)) throw invalidField('seed', 'must be a non-negative integer', 'FORMAT');
      sandbox.reset(seed as number | undefined);
      send(res, 200, { ...summarize(world()), seed: world().seed });
      return true;
    }
    case 'GET /_sandbox/calls': {
      const operation = url.searchParams.get('operation');
      const calls = sandbox.calls.list().filter((c) => !operation || c.operation === operation);
      send(res, 200, { calls });
      return true;
    }
    case 'DELETE /_sandbox/calls':
      sandbox.calls.clear();
      send(res, 200, {});
      return true;
    case 'GET /_sandbox/clock':
      send(res, 200, clockState(sandbox));
      return true;
    case 'POST /_sandbox/clock/advance': {
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw invalidField('ms', 'must be a non-negative number of milliseconds', 'FORMAT');
      world().clock.advance(ms);
      const transitions = world().tick();
      send(res, 200, { ...clockState(sandbox), transitions });
      return true;
    }
    case 'GET /_sandbox/settings':
      send(res, 200, { settings: world().settings });
      return true;
    case 'POST /_sandbox/settings': {
      const problems = checkSettings(body);
      if (problems.length > 0) throw validationError(problems.map((p) => ({ field: p.split(':')[0] ?? '', description: p, violatedRule: 'CUSTOM' })));
      world().settings = { ...world().settings, ...(body as Partial<SandboxSettings>) };
      send(res, 200, { settings: world().settings });
      return true;
    }
    case 'GET /_sandbox/faults':
      send(res, 200, { faults: sandbox.faults.list() });
      return true;
    case 'POST /_sandbox/faults': {
      const problems = checkFaultRule(body);
      if (problems.length > 0) throw validationError(problems.map((p) => ({ field: p.split(':')[0] ?? '', description: p, violatedRule: 'CUSTOM' })));
      const target = body.target as string | undefined;
      const known = sandbox.router.all().some((r) => r.operation === target || `${r.method} ${r.path}` === target);
      if (target !== undefined && target !== '*' && !known) throw invalidField('target', `no endpoint ${target}; use an operation name, "METHOD /path" or *`);
      send(res, 200, { fault: sandbox.faults.add(body as FaultRuleInput) });
      return true;
    }
    case 'DELETE /_sandbox/faults':
      sandbox.faults.clear();
      send(res, 200, {});
      return true;
    case 'POST /_sandbox/sites':
      send(res, 200, createSites(sandbox, body));
      return true;
    default:
      throw appError(404, 'NOT_FOUND', `No admin route ${route}`);
  }
}

function clockState(sandbox: Sandbox) {
  const w = sandbox.world;
  return { mode: sandbox.clockMode, now: w.now(), pendingTransitions: w.pendingTasks() };
}

/** `POST /_sandbox/sites {accountId?, count}`: adds free, unpublished-or-not sites (for scale tests and flows). */
function createSites(sandbox: Sandbox, body: Record<string, unknown>) {
  const w = sandbox.world;
  const accountId = (body.accountId as string | undefined) ?? w.mainAccountId;
  if (!w.accounts.has(accountId)) throw invalidField('accountId', 'unknown account');
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) throw invalidField('count', 'must be an integer from 1 to 1000', 'MAX');
  const siteIds: string[] = [];
  const base = w.sites.size;
  for (let i = 0; i < count; i++) {
    const id = addSite(w, accountId, base + i, w.clock.now() - (count - i) * 1000);
    siteIds.push(id);
  }
  return { siteIds };
}
