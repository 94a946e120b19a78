import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  specifiedRules,
  type GraphQLError,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Bounds on what one operation may ask, applied to HTTP and WebSocket operations alike (GraphQL Armor's validation
 * rules, well kept and used widely): a document is refused before any resolver — or upstream call — runs. The
 * numbers leave room for the dashboard query and every example (see test/integration/gateway/limits.test.ts).
 */
export const OPERATION_LIMITS = {
  /** Field nesting (the dashboard query is 7 deep). */
  maxDepth: 12,
  /** Aliased fields (e.g. many `site(id:)` lookups in one request). */
  maxAliases: 50,
  maxDirectives: 20,
  /** GraphQL Armor's cost: objects and scalars weighted by depth. */
  maxCost: 10_000,
  /** Lexical tokens of the document (graphql-js stops parsing past it). */
  maxTokens: 5_000,
} as const;

/** Report a refusal as a validation error of the document (the rules would otherwise throw: an HTTP 500). */
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
};

/** Extra validation rules (add to graphql-js's specified rules). */
export const limitRules: ValidationRule[] = [
  maxDepthRule({ n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report }),
  maxAliasesRule({ n: OPERATION_LIMITS.maxAliases, ...report }),
  maxDirectivesRule({ n: OPERATION_LIMITS.maxDirectives, ...report }),
  costLimitRule({ maxCost: OPERATION_LIMITS.maxCost, ignoreIntrospection: true, ...report }),
];

/** Every rule a WebSocket operation is validated with (HTTP: Apollo adds `limitRules` to the specified rules). */
export const allValidationRules: readonly ValidationRule[] = [...specifiedRules, ...limitRules];

/** graphql-js parse options: stop parsing past `maxTokens` (GRAPHQL_PARSE_FAILED). */
export const parseOptions: ParseOptions = { maxTokens: OPERATION_LIMITS.maxTokens };
