import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, specifiedRules, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

import { REQUEST_LIMITS } from './limits/check.js';

/**
 * Bounds on what one operation may ask, applied to HTTP and WebSocket operations alike: a document is refused before
 * any resolver — or upstream call — runs. Depth and directives are GraphQL Armor's validation rules (well kept and
 * used widely); query length, fields, aliases, introspection, cost and upstream calls are src/limits/check.ts, which
 * sees the variables and counts every alias. The numbers leave room for the dashboard query and every example (see
 * test/integration/gateway/limits.test.ts).
 */
export const OPERATION_LIMITS = {
  /** Field nesting (the dashboard query is 7 deep). */
  maxDepth: 12,
  /** Aliased fields, `__typename` included (e.g. many `site(id:)` lookups in one request). */
  maxAliases: REQUEST_LIMITS.maxAliases,
  maxDirectives: 20,
  /** Lexical tokens of the document (graphql-js stops parsing past it). */
  maxTokens: 5_000,
} as const;

/**
 * Report a refusal as a validation error of the document (the rules would otherwise throw: an HTTP 500), without the
 * "Syntax Error:" GraphQL Armor puts before its messages: the document parsed, it is a limit that refused it.
 */
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) =>
      ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes })),
  ],
};

/** Extra validation rules (add to graphql-js's specified rules). */
export const limitRules: ValidationRule[] = [
  maxDepthRule({ n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report }),
  maxDirectivesRule({ n: OPERATION_LIMITS.maxDirectives, ...report }),
];

/** Every rule a WebSocket operation is validated with (HTTP: Apollo adds `limitRules` to the specified rules). */
export const allValidationRules: readonly ValidationRule[] = [...specifiedRules, ...limitRules];

/** graphql-js parse options: stop parsing past `maxTokens` (GRAPHQL_PARSE_FAILED). */
export const parseOptions: ParseOptions = { maxTokens: OPERATION_LIMITS.maxTokens };
