import type { z } from 'zod/v4';
import type { CallFilter } from '../calllog.js';
import type {
  AddSitesRequest,
  CallsQuery,
  ClockAdvanceRequest,
  FaultRuleInput,
  RateLimitRequest,
  ResetRequest,
  SettingsPatch,
} from '../contract/admin.js';
import { invalidField, validationError, type FieldViolation } from '../errors.js';
import { checkFaultRule, routeKey } from '../faults.js';
import { addSite, summarize } from '../seed.js';
import type { Sandbox } from '../server.js';

/**
 * The admin surface's actions, on input its route has validated with the contract (contract/admin.ts); what is left
 * here are the rules that need the world or span fields.
 */

/** `field: description` problems (from checkFaultRule) as one validation error. */
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

export function clockState(sandbox: Sandbox) {
  const w = sandbox.world;
  return { mode: sandbox.clockMode, now: w.now(), pendingTransitions: w.pendingTasks() };
}

export function reset(sandbox: Sandbox, { seed }: z.output<typeof ResetRequest>) {
  sandbox.reset(seed);
  return { ...summarize(sandbox.world), seed: sandbox.world.seed };
}

export function listCalls(sandbox: Sandbox, query: z.output<typeof CallsQuery>) {
  const filter: CallFilter = {};
  if (query.operation) filter.operation = query.operation;
  if (query.outcome) filter.outcome = query.outcome;
  if (query.since !== undefined) filter.since = query.since;
  return { calls: sandbox.calls.list(filter) };
}

export function advanceClock(sandbox: Sandbox, { ms }: z.output<typeof ClockAdvanceRequest>) {
  sandbox.world.clock.advance(ms);
  const transitions = sandbox.world.tick();
  return { ...clockState(sandbox), transitions };
}

export function updateSettings(sandbox: Sandbox, patch: z.output<typeof SettingsPatch>) {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  sandbox.world.settings = { ...sandbox.world.settings, ...defined };
  return { settings: sandbox.world.settings };
}

export function addFault(sandbox: Sandbox, rule: z.output<typeof FaultRuleInput>) {
  const problems = checkFaultRule(rule);
  if (problems.length > 0) throw problemsError(problems);
  const target = rule.target;
  if (target !== undefined && target !== '*') {
    const parts = target.split(/\s+/);
    const key = parts.length === 2 ? routeKey(parts[0] as string, parts[1] as string) : undefined;
    const known = sandbox.router.all().some((r) => r.operation === target || routeKey(r.method, r.path) === key);
    if (!known)
      throw invalidField('target', `no endpoint ${target}; use an operation name, "METHOD /path/{param}" or *`);
  }
  return { fault: sandbox.faults.add(rule) };
}

/** `POST /_sandbox/rate-limit {perMinute, windowMs?}`: sets the per-key rate limit (0: none); clears its counts. */
export function setRateLimit(sandbox: Sandbox, { perMinute, windowMs }: z.output<typeof RateLimitRequest>) {
  sandbox.rateLimit.configure({ perWindow: perMinute, windowMs });
  return rateLimitState(sandbox);
}

export function rateLimitState(sandbox: Sandbox) {
  const { perWindow, windowMs } = sandbox.rateLimit.current;
  return { perMinute: perWindow, windowMs, refused: sandbox.rateLimit.refused };
}

/** `POST /_sandbox/sites {accountId?, count?}`: adds free sites to an account (for scale tests and flows). */
export function createSites(sandbox: Sandbox, { accountId, count }: z.output<typeof AddSitesRequest>) {
  const w = sandbox.world;
  const owner = accountId ?? w.mainAccountId;
  if (!w.accounts.has(owner)) throw invalidField('accountId', 'must be the ID of a sandbox account');
  const siteIds: string[] = [];
  const base = w.sites.size;
  for (let i = 0; i < count; i++) siteIds.push(addSite(w, owner, base + i, w.clock.now() - (count - i) * 1000));
  return { siteIds };
}
