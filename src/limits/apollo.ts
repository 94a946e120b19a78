import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { checkCost } from './check.js';

/** Bytes the Apollo document cache may hold, source text included. */
export const DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Apollo's parsed-document cache, bounded by what an entry really holds: the AST *and* the source text its `loc`
 * keeps (Apollo's default counts only the AST's JSON, so a 400 KB comment costs nothing in its books). Keyed by
 * Apollo with the query's SHA-256.
 */
export function boundedDocumentStore(maxBytes = DOCUMENT_CACHE_BYTES): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) =>
      // JSON of the AST undercounts the objects; twice it, plus the source (UTF-16: two bytes a character).
      2 * InMemoryLRUCache.sizeCalculation(document) + 2 * (document.loc?.source.body.length ?? 0),
  });
}

/**
 * The request limits that need the variables (check.ts) as an Apollo plugin: the operation's cost and upstream calls,
 * before execution. (The query length and the document's shape are checked before Apollo: see precheck.ts.)
 */
export function limitsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (requestContext) => {
          const { document, operation, request } = requestContext;
          // No operation: Apollo answers OPERATION_RESOLUTION_FAILURE itself.
          const refusal = operation && checkCost(schema, document, operation, request.variables);
          if (refusal) throw refusal;
          return Promise.resolve();
        },
      }),
  };
}
