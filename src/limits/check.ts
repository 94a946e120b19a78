import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { operationCost, type OperationCost } from './cost.js';
import { measureDocument } from './measure.js';

/**
 * The bounds no variable, alias, fragment or comment gets around, applied to HTTP and WebSocket operations alike.
 * GraphQL Armor's rules in ../limits.ts add depth and directive limits during validation.
 */
export const REQUEST_LIMITS = {
  /** Characters of query text (comments and whitespace included); checked before parsing. */
  maxQueryLength: 32 * 1024,
  /** Field selections with fragments expanded; checked before validation (whose work grows with its square). */
  maxFields: 500,
  /** Aliased fields, `__typename` included, fragments expanded. */
  maxAliases: 50,
  /** `__schema` / `__type` selections in one document (GraphiQL sends one). */
  maxIntrospectionRoots: 2,
  /** Field nesting from `__schema` / `__type` down (graphql-js's introspection query, as GraphiQL sends it: 15). */
  maxIntrospectionDepth: 18,
  /** Objects the answer may hold (see cost.ts), with the variables and defaults applied. */
  maxCost: 25_000,
  /** Upstream (Wix) calls one request may cause; refused before the first is made. */
  maxUpstreamCalls: 25,
} as const;

/** A refusal of the document: GRAPHQL_VALIDATION_FAILED, HTTP 400 (Apollo reads `extensions.http`). */
export function limitError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/** A refusal when the query text is longer than {@link REQUEST_LIMITS.maxQueryLength}, else undefined. */
export function checkQueryLength(query: unknown): GraphQLError | undefined {
  if (typeof query === 'string' && query.length > REQUEST_LIMITS.maxQueryLength)
    return limitError(
      `Query text is ${query.length} characters; at most ${REQUEST_LIMITS.maxQueryLength} are accepted (comments and whitespace count)`,
    );
  return undefined;
}

/** The refusal of a parsed document that asks for too many fields, aliases or introspection, before validation. */
export function checkShape(document: DocumentNode): GraphQLError | undefined {
  const shape = measureDocument(document);
  const l = REQUEST_LIMITS;
  if (shape.aliases > l.maxAliases)
    return limitError(`The document has ${shape.aliases} aliases (__typename included); at most ${l.maxAliases}`);
  if (shape.fields > l.maxFields)
    return limitError(`The document selects ${shape.fields} fields (fragments expanded); at most ${l.maxFields}`);
  if (shape.introspectionRoots > l.maxIntrospectionRoots)
    return limitError(
      `The document selects __schema/__type ${shape.introspectionRoots} times; at most ${l.maxIntrospectionRoots}`,
    );
  if (shape.introspectionDepth > l.maxIntrospectionDepth)
    return limitError(`Introspection is nested ${shape.introspectionDepth} deep; at most ${l.maxIntrospectionDepth}`);
  return undefined;
}

/**
 * Figures of operations whose page sizes and id lists take no variable, per schema and operation node: Apollo's
 * document cache hands a repeated query the same node, so its cost is worked out once (the entries go with the node).
 */
const costs = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, OperationCost>>();

/** The refusal of an operation whose cost or upstream calls, with its variables, exceed the limits. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | undefined {
  const byOperation = costs.get(schema) ?? costs.set(schema, new WeakMap()).get(schema);
  let known = byOperation?.get(operation);
  if (!known) {
    const figured = operationCost(schema, document, operation, variables);
    if (!figured.variablesRead) byOperation?.set(operation, figured);
    known = figured;
  }
  const { cost, upstreamCalls } = known;
  if (cost > REQUEST_LIMITS.maxCost)
    return limitError(
      `Query cost ${cost} exceeds ${REQUEST_LIMITS.maxCost}: ask for smaller pages (first/last) or fewer nested lists`,
    );
  if (upstreamCalls > REQUEST_LIMITS.maxUpstreamCalls)
    return limitError(
      `The operation may make ${upstreamCalls} calls to Wix; at most ${REQUEST_LIMITS.maxUpstreamCalls} per request: split it`,
    );
  return undefined;
}
