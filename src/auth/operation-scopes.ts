import {
  getArgumentValues,
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Caller, Scope } from './caller.js';
import { readsArguments, scopeRuleOf, scopesNeeded } from './field-scopes.js';

/** What one operation of a request is, as the audit trail and the scope check see it. */
export interface OperationSummary {
  /** The operation's name, if it has one. */
  operationName: string | null;
  type: 'query' | 'mutation' | 'subscription';
  /** The root fields it selects (e.g. `purchaseDomain`), in document order, without duplicates. */
  rootFields: string[];
}

/**
 * Checks, before anything executes, that `caller` holds the scope every root field of the operation declares
 * (see field-scopes.ts); throws FORBIDDEN naming the first missing one. A field without a rule is refused (fail
 * closed). Runs for HTTP (an Apollo plugin) and for every WebSocket `subscribe` message alike — so a mutation sent
 * as `subscribe` is held to the same rule. Returns what the operation is, for the call context.
 */
export function checkOperationScopes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  caller: Caller,
): OperationSummary | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const byOperation = known.get(schema) ?? known.set(schema, new WeakMap()).get(schema);
  let plan = byOperation?.get(operation);
  if (!plan) {
    plan = planOf(schema, document, operation, variables ?? {});
    if (plan?.constant) byOperation?.set(operation, plan);
  }
  if (!plan) return undefined;
  for (const { scope, type, field } of plan.needs)
    if (!caller.scopes.has(scope)) throw missingScope(scope, type, field);
  return plan.summary;
}

/** What an operation needs: each root field's scopes in document order, and whether they hold for any variables. */
interface ScopePlan {
  summary: OperationSummary;
  needs: Array<{ scope: Scope; type: string; field: string }>;
  /** No root field's scopes depend on its arguments (see readsArguments): the plan is kept for the operation. */
  constant: boolean;
}

/**
 * Plans of operations whose scopes do not depend on their variables, per schema and operation node (Apollo's
 * document cache hands a repeated query the same node; the entries go with the node).
 */
const known = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, ScopePlan>>();

function planOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ScopePlan | undefined {
  const type = operation.operation as OperationSummary['type'];
  const root =
    type === 'query'
      ? schema.getQueryType()
      : type === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const nodes = rootFieldNodes(operation.selectionSet, fragments, new Set());
  const rootFields: string[] = [];
  const needs: ScopePlan['needs'] = [];
  let constant = true;
  for (const node of nodes) {
    const name = node.name.value;
    if (!rootFields.includes(name)) rootFields.push(name);
    if (name.startsWith('__')) continue; // __typename, __schema, __type: introspection needs no scope
    const { scopes, fixed } = required(root, node, variables);
    if (!fixed) constant = false;
    for (const scope of scopes) needs.push({ scope, type: root.name, field: name });
  }
  return { summary: { operationName: operation.name?.value ?? null, type, rootFields }, needs, constant };
}

/**
 * The scopes one root field needs with the arguments given, and whether they are `fixed` (the same for any
 * arguments); an unknown field or one without a rule needs admin.
 */
function required(
  root: GraphQLObjectType,
  node: FieldNode,
  variables: Record<string, unknown>,
): { scopes: Scope[]; fixed: boolean } {
  const field = root.getFields()[node.name.value];
  const rule = field ? scopeRuleOf(field) : undefined;
  if (!field || !rule) return { scopes: ['admin'], fixed: true };
  if (!readsArguments(rule)) return { scopes: [rule.scope], fixed: true };
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    // Arguments that do not coerce fail validation anyway; meanwhile hold the field to its full rule.
    return { scopes: [rule.scope, ...(rule.paidWhen ? (['purchase'] as const) : [])], fixed: false };
  }
  return { scopes: scopesNeeded(rule, args), fixed: false };
}

/** The field nodes of a root selection set, through fragment spreads and inline fragments (each fragment once). */
function rootFieldNodes(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      out.push(...rootFieldNodes(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) out.push(...rootFieldNodes(fragment.selectionSet, fragments, seen));
    }
  }
  return out;
}

function missingScope(scope: Scope, type: string, field: string): GatewayError {
  const error = new GatewayError(
    ErrorCode.FORBIDDEN,
    `${type}.${field} needs the "${scope}" scope, which this credential does not have`,
  );
  error.extensions.requiredScope = scope;
  return error;
}
