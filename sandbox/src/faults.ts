import type { WireFaultRuleInput } from './contract/admin.js';

/**
 * Fault injection (`/_sandbox/faults`). A rule targets one operation (e.g. `querySites`), one endpoint written as
 * `METHOD /path/{param}` (or the router's `METHOD /path/:param`), or every endpoint (`*`). It adds latency and/or
 * answers a share of the calls with 429 (+ `Retry-After`), a 5xx system error, or a dropped connection.
 *
 * Shares are applied with accumulators, not coin tosses, so tests can rely on them: a share of 0.5 fails exactly every
 * second matching call, and shares of one rule add up (0.5 of 429s + 0.5 of 503s fails every call, alternating).
 */

/** A rule as `POST /_sandbox/faults` takes it (validated by the contract's `FaultRuleInput`). */
export type FaultRuleInput = WireFaultRuleInput;

export interface FaultRule {
  id: number;
  target: string;
  latencyMs: number;
  rateLimitShare: number;
  retryAfterSeconds: number;
  errorShare: number;
  errorStatus: number;
  dropShare: number;
  /** Matching calls the rule applies to before it retires; null = until cleared. */
  times: number | null;
  /** Matching calls seen so far. */
  matched: number;
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'rate-limit'; latencyMs: number; retryAfterSeconds: number }
  | { kind: 'error'; latencyMs: number; status: number }
  | { kind: 'drop'; latencyMs: number };

const SHARES = ['dropShare', 'rateLimitShare', 'errorShare'] as const;
type ShareKey = (typeof SHARES)[number];

/** `METHOD /a/{x}/b` or `METHOD /a/:x/b` → `METHOD /a/{}/b`: a route's identity whatever its parameter names. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}/]*\}|:[^/]+/g, '{}')}`;
}

/**
 * The rules of a fault rule that span fields (its fields are checked by the contract's `FaultRuleInput`): the shares
 * add up to at most 1, and the rule does something. Returns problems as `field: description`.
 */
export function checkFaultRule(input: FaultRuleInput): string[] {
  const total = SHARES.reduce((sum, key) => sum + (input[key] ?? 0), 0);
  if (total > 1 + 1e-9) return ['shares: rateLimitShare + errorShare + dropShare must not exceed 1'];
  const hasEffect = (input.latencyMs ?? 0) !== 0 || SHARES.some((k) => (input[k] ?? 0) > 0);
  return hasEffect ? [] : ['rule: needs latencyMs or a share above 0, else it does nothing'];
}

interface ActiveRule {
  rule: FaultRule;
  /** Normalised target: '*', an operation name, or a {@link routeKey}. */
  key: string;
  acc: Record<ShareKey, number>;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Adds a rule (validate it with {@link checkFaultRule} first). */
  add(input: FaultRuleInput): FaultRule {
    const target = (input.target ?? '*').trim();
    const rule: FaultRule = {
      id: this.nextId++,
      target,
      latencyMs: input.latencyMs ?? 0,
      rateLimitShare: input.rateLimitShare ?? 0,
      retryAfterSeconds: input.retryAfterSeconds ?? 1,
      errorShare: input.errorShare ?? 0,
      errorStatus: input.errorStatus ?? 503,
      dropShare: input.dropShare ?? 0,
      times: input.times ?? null,
      matched: 0,
    };
    const key = target.includes(' ')
      ? routeKey(target.split(/\s+/)[0] as string, target.split(/\s+/)[1] ?? '')
      : target;
    this.rules.push({ rule, key, acc: { dropShare: 0, rateLimitShare: 0, errorShare: 0 } });
    return rule;
  }

  /** The active rules, oldest first. */
  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  get size(): number {
    return this.rules.length;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Decides what happens to one call of `operation` (`key` is its {@link routeKey}). Every matching rule counts the
   * call and adds its latency; the first rule whose shares fire decides the fault.
   */
  decide(operation: string, key: string): FaultDecision {
    if (this.rules.length === 0) return NO_FAULT;
    let latencyMs = 0;
    let fault: ShareKey | undefined;
    let faultRule: FaultRule | undefined;
    let retired = false;
    for (const active of this.rules) {
      if (active.key !== '*' && active.key !== operation && active.key !== key) continue;
      const rule = active.rule;
      rule.matched++;
      if (rule.times !== null && rule.matched >= rule.times) retired = true;
      latencyMs += rule.latencyMs;
      const fired = fire(active);
      if (fired && !fault) {
        fault = fired;
        faultRule = rule;
      }
    }
    if (retired) this.rules = this.rules.filter((r) => r.rule.times === null || r.rule.matched < r.rule.times);
    if (!fault || !faultRule) return latencyMs === 0 ? NO_FAULT : { kind: 'none', latencyMs };
    if (fault === 'dropShare') return { kind: 'drop', latencyMs };
    if (fault === 'rateLimitShare')
      return { kind: 'rate-limit', latencyMs, retryAfterSeconds: faultRule.retryAfterSeconds };
    return { kind: 'error', latencyMs, status: faultRule.errorStatus };
  }
}

const NO_FAULT: FaultDecision = Object.freeze({ kind: 'none', latencyMs: 0 });

/**
 * Advances every share's accumulator; when their sum reaches 1, the share with the largest accumulator fires and pays
 * 1 back. Over N calls each share fires ⌊N·share⌋ or ⌈N·share⌉ times, and at most one fault happens per call.
 */
function fire(active: ActiveRule): ShareKey | undefined {
  let total = 0;
  let best: ShareKey | undefined;
  for (const share of SHARES) {
    const value = active.rule[share];
    if (value <= 0) continue;
    active.acc[share] += value;
    total += active.acc[share];
    if (best === undefined || active.acc[share] > active.acc[best] + 1e-9) best = share;
  }
  if (best === undefined || total < 1 - 1e-9) return undefined;
  active.acc[best] -= 1;
  return best;
}
