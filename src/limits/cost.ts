import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationTypeNode,
  valueFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { BATCHED_QUERY_FIELDS, LOCAL_QUERY_FIELDS, NODES_CALLS_CAP, UPSTREAM_FIELDS } from './upstream-fields.js';

/** What one operation would cost, with its variables (and their defaults) applied. */
export interface OperationCost {
  /**
   * Objects the answer may hold: each object-typed field counts once per parent it can appear under. A field with a
   * `first`/`last` argument multiplies what is below it by that number (variables and defaults resolved, capped at
   * the page limit), a list without one by {@link ASSUMED_LIST_SIZE}, and `nodes(ids:)` by the number of ids.
   */
  cost: number;
  /** Upstream calls the operation may cause (see upstream-fields.ts): checked before the first call is made. */
  upstreamCalls: number;
}

/** The arguments the cost reads (page sizes and id lists); no other argument changes it. */
const COUNT_ARGUMENTS = new Set(['first', 'last', 'ids']);

/** Size assumed for a list field without a page argument (sub-accounts, a site's product instances, DNS records). */
export const ASSUMED_LIST_SIZE = 10;
/** The largest page a connection serves (`first` is capped at 100). */
const MAX_PAGE = 100;

/**
 * Computes the cost and the upstream calls of `operation` in a validated document, with `variables` as sent (their
 * declared defaults fill the gaps, then the arguments' schema defaults). Each fragment is walked once per type and
 * its figures scaled, so the work is linear in the document's size.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): OperationCost & { variablesRead: boolean } {
  let variablesRead = false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const values = variableValues(operation, variables ?? {});
  const memo = new Map<string, OperationCost>();
  /** Batched root fields already counted (their other aliases join the same call). */
  const batched = new Set<string>();
  const inProgress = new Set<string>();

  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, root: boolean): OperationCost => {
    const sum: OperationCost = { cost: 0, upstreamCalls: 0 };
    for (const selection of set.selections) {
      let part: OperationCost;
      if (selection.kind === Kind.FIELD) part = field(selection, type, root);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        part = isCompositeType(condition)
          ? walk(selection.selectionSet, condition, root)
          : { cost: 0, upstreamCalls: 0 };
      } else part = fragment(selection.name.value, root);
      sum.cost += part.cost;
      sum.upstreamCalls += part.upstreamCalls;
    }
    return sum;
  };

  const fragment = (name: string, root: boolean): OperationCost => {
    const key = `${name}|${root}`;
    const known = memo.get(key);
    if (known) return known;
    const definition = fragments.get(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    if (!definition || !isCompositeType(type) || inProgress.has(key)) return { cost: 0, upstreamCalls: 0 };
    inProgress.add(key);
    const result = walk(definition.selectionSet, type, root);
    inProgress.delete(key);
    memo.set(key, result);
    return result;
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType, root: boolean): OperationCost => {
    const name = node.name.value;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!definition) return { cost: 0, upstreamCalls: 0 };
    const args = argumentValues(definition.args, node, values, () => (variablesRead = true));
    let calls = 0;
    if (root && operation.operation === OperationTypeNode.QUERY) {
      if (name === 'nodes') calls = Math.min(listLength(args.ids), NODES_CALLS_CAP);
      else if (BATCHED_QUERY_FIELDS.has(name)) calls = batched.has(name) ? 0 : (batched.add(name), 1);
      else if (!LOCAL_QUERY_FIELDS.has(name)) calls = 1;
    } else if (root) {
      calls = name === '__typename' ? 0 : 1;
    } else if (UPSTREAM_FIELDS.has(`${parent.name}.${name}`)) calls = 1;
    const named = getNamedType(definition.type);
    if (!node.selectionSet || !isCompositeType(named)) return { cost: 0, upstreamCalls: calls };
    const below = walk(node.selectionSet, named, false);
    const factor = multiplier(parent.name, definition.type, args);
    return { cost: 1 + factor * below.cost, upstreamCalls: calls + below.upstreamCalls };
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { cost: 0, upstreamCalls: 0, variablesRead };
  return { ...walk(operation.selectionSet, rootType, true), variablesRead };
}

/** How many times what is below a field may repeat: its page size, its id count, or an assumed list size. */
function multiplier(parentName: string, type: GraphQLOutputType, args: Record<string, unknown>): number {
  const page = [args.first, args.last].find((v) => typeof v === 'number');
  if (typeof page === 'number') return Math.min(Math.max(page, 0), MAX_PAGE);
  if (Array.isArray(args.ids)) return args.ids.length;
  // `edges` / `nodes` of a connection repeat as often as the connection's page, already counted on the connection.
  if (parentName.endsWith('Connection')) return 1;
  return isListType(getNullableType(type)) ? ASSUMED_LIST_SIZE : 1;
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 1;
}

/** The operation's variables: as sent, else their declared defaults (graphql-js coerces them again before execution). */
function variableValues(
  operation: OperationDefinitionNode,
  sent: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (sent[name] !== undefined) values[name] = sent[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

/**
 * A field's count arguments ({@link COUNT_ARGUMENTS}): literals, variables (with their defaults), else the argument's
 * schema default. `readVariable` is told when one comes from a variable.
 */
function argumentValues(
  definitions: readonly GraphQLArgument[],
  node: FieldNode,
  variables: Record<string, unknown>,
  readVariable: () => void,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const argument of definitions) {
    if (!COUNT_ARGUMENTS.has(argument.name)) continue;
    const given = node.arguments?.find((a) => a.name.value === argument.name);
    if (given && hasVariable(given.value)) readVariable();
    let value: unknown;
    if (given?.value.kind === Kind.VARIABLE) value = variables[given.value.name.value];
    else if (given) value = valueFromAST(given.value, argument.type, variables);
    if (value === undefined) value = argument.defaultValue;
    values[argument.name] = value;
  }
  return values;
}

/** Whether a value literal holds a variable anywhere (`$n`, `[$a, "b"]`, `{ x: $y }`). */
function hasVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(hasVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => hasVariable(f.value));
  return false;
}
