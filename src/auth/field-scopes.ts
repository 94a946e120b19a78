import { Extensions } from 'type-graphql';
import type { GraphQLField } from 'graphql';
import type { Scope } from './caller.js';

/**
 * The scope rule of one root field, declared beside the field with {@link RequiresScope} and kept on the schema
 * field's `extensions.auth`, where the operation check (operation-scopes.ts) reads it before anything executes.
 */
export interface ScopeRule {
  /** What the field needs. */
  scope: Scope;
  /** What it needs instead when `input.dryRun` is true (a flow's plan: reads only). */
  dryRun?: Scope;
  /** Also needs `purchase` when this is true of the arguments (a flow that buys only when asked to). */
  paidWhen?: (args: Record<string, unknown>) => boolean;
}

/** The key of the rule in a field's `extensions`. */
export const SCOPE_EXTENSION = 'auth';

/**
 * Declares the scope a root Query, Mutation or Subscription field needs. Every root field has one (a test fails on
 * a field without): `@RequiresScope('read')`, `@RequiresScope('purchase', { dryRun: 'read' })`.
 */
export function RequiresScope(scope: Scope, options: Omit<ScopeRule, 'scope'> = {}): MethodDecorator {
  const rule: ScopeRule = { scope, ...options };
  return Extensions({ [SCOPE_EXTENSION]: rule });
}

/** The rule a schema field declares, if any. */
export function scopeRuleOf(field: GraphQLField<unknown, unknown>): ScopeRule | undefined {
  return (field.extensions as Record<string, unknown>)[SCOPE_EXTENSION] as ScopeRule | undefined;
}

/** Whether what `rule` needs depends on the field's arguments (see scopesNeeded); if not, it needs `rule.scope`. */
export function readsArguments(rule: ScopeRule): boolean {
  return rule.dryRun !== undefined || rule.paidWhen !== undefined;
}

/** The scopes a call of a field with `args` needs under `rule`. */
export function scopesNeeded(rule: ScopeRule, args: Record<string, unknown>): Scope[] {
  const input = args.input as Record<string, unknown> | undefined;
  if (rule.dryRun && input?.dryRun === true) return [rule.dryRun];
  const scopes: Scope[] = [rule.scope];
  if (rule.paidWhen?.(args) && rule.scope !== 'purchase') scopes.push('purchase');
  return scopes;
}

/** `paidWhen` of the flows that buy a Premium plan only when the input asks for one (`input.premiumPlan`). */
export function premiumPlanAsked(args: Record<string, unknown>): boolean {
  const input = args.input as { premiumPlan?: unknown } | undefined;
  return input?.premiumPlan !== undefined && input.premiumPlan !== null;
}
