/**
 * Fault injection (`/_sandbox/faults`). A rule targets one operation (e.g. `getConnectedDomain`), a method+path
 * pattern (`GET /domains/v1/connected-domains/:id`) or every endpoint (`*`), and adds latency and/or answers a share
 * of calls with 429 (+ Retry-After), 500/503, or a dropped connection. Shares are applied with an accumulator, so a
 * share of 0.5 fails exactly every second matching call: deterministic for tests.
 */
export interface FaultRuleInput {
  target?: string;
  latencyMs?: number;
  rateLimitShare?: number;
  retryAfterSeconds?: number;
  errorShare?: number;
  errorStatus?: 500 | 503;
  dropShare?: number;
  /** Apply to this many matching calls, then retire the rule. */
  times?: number;
}

export interface FaultRule extends Required<Omit<FaultRuleInput, 'times'>> {
  id: number;
  times: number | null;
  matched: number;
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'rate-limit'; latencyMs: number; retryAfterSeconds: number }
  | { kind: 'error'; latencyMs: number; status: number }
  | { kind: 'drop'; latencyMs: number };

const SHARES = ['rateLimitShare', 'errorShare', 'dropShare'] as const;

/** Validates a rule from the admin API; returns problems, one per bad field. */
export function checkFaultRule(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = ['target', 'latencyMs', 'rateLimitShare', 'retryAfterSeconds', 'errorShare', 'errorStatus', 'dropShare', 'times'];
  for (const key of Object.keys(input)) if (!known.includes(key)) problems.push(`${key}: unknown field`);
  if (input.target !== undefined && (typeof input.target !== 'string' || input.target === '')) problems.push('target: must be a non-empty string');
  for (const key of ['latencyMs', 'retryAfterSeconds', 'times']) {
    const v = input[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) problems.push(`${key}: must be a non-negative integer`);
  }
  for (const key of SHARES) {
    const v = input[key];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) problems.push(`${key}: must be a number from 0 to 1`);
  }
  if (input.errorStatus !== undefined && input.errorStatus !== 500 && input.errorStatus !== 503) problems.push('errorStatus: must be 500 or 503');
  return problems;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly accumulators = new Map<string, number>();

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = {
      id: this.nextId++,
      target: input.target ?? '*',
      latencyMs: input.latencyMs ?? 0,
      rateLimitShare: input.rateLimitShare ?? 0,
      retryAfterSeconds: input.retryAfterSeconds ?? 1,
      errorShare: input.errorShare ?? 0,
      errorStatus: input.errorStatus ?? 503,
      dropShare: input.dropShare ?? 0,
      times: input.times ?? null,
      matched: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
    this.accumulators.clear();
  }

  /** Decides what happens to one call of `operation` (`pattern` is `METHOD /path/:param`). */
  decide(operation: string, pattern: string): FaultDecision {
    let latencyMs = 0;
    for (const rule of this.rules) {
      if (rule.target !== '*' && rule.target !== operation && rule.target !== pattern) continue;
      rule.matched++;
      if (rule.times !== null && --rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
      latencyMs += rule.latencyMs;
      if (this.fires(rule, 'dropShare')) return { kind: 'drop', latencyMs };
      if (this.fires(rule, 'rateLimitShare')) return { kind: 'rate-limit', latencyMs, retryAfterSeconds: rule.retryAfterSeconds };
      if (this.fires(rule, 'errorShare')) return { kind: 'error', latencyMs, status: rule.errorStatus };
    }
    return { kind: 'none', latencyMs };
  }

  private fires(rule: FaultRule, share: (typeof SHARES)[number]): boolean {
    if (rule[share] <= 0) return false;
    const key = `${rule.id}:${share}`;
    const acc = (this.accumulators.get(key) ?? 0) + rule[share];
    const fire = acc >= 1 - 1e-9;
    this.accumulators.set(key, fire ? acc - 1 : acc);
    return fire;
  }
}
