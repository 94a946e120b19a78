import { createHash } from 'node:crypto';
import { parse, type GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { parseOptions } from '../limits.js';
import { checkQueryLength, checkShape } from './check.js';

/**
 * The checks a query text gets before Apollo sees it (Apollo's hooks before validation cannot refuse a request: an
 * error thrown there becomes a 500): its length, then — parsed once here — its fields, aliases and introspection,
 * so that graphql-js's validation, whose work grows with the square of the fields, never sees a huge document.
 * Texts that passed are remembered by hash (bounded), so a repeated query is hashed, not parsed again.
 */
export class QueryPrecheck {
  private readonly passed = new LRUCache<string, true>({ max: 5_000 });

  /** The refusal of `query`, or undefined (also when it does not parse: Apollo reports that). */
  check(query: unknown): GraphQLError | undefined {
    if (typeof query !== 'string') return undefined;
    const tooLong = checkQueryLength(query);
    if (tooLong) return tooLong;
    const hash = createHash('sha256').update(query).digest('base64url');
    if (this.passed.has(hash)) return undefined;
    let refusal: GraphQLError | undefined;
    try {
      refusal = checkShape(parse(query, parseOptions));
    } catch {
      return undefined;
    }
    if (!refusal) this.passed.set(hash, true);
    return refusal;
  }
}
