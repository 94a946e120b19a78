import { createHash } from 'node:crypto';
import { parse, type GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { parseOptions } from '../limits.js';
import { checkQueryLength, checkShape } from './check.js';

/** Query texts up to this many characters are remembered as they are; longer ones by hash. */
const TEXT_KEY_MAX = 4_096;

/**
 * The checks a query text gets before Apollo sees it (Apollo's hooks before validation cannot refuse a request: an
 * error thrown there becomes a 500): its length, then — parsed once here — its fields, aliases and introspection,
 * so that graphql-js's validation, whose work grows with the square of the fields, never sees a huge document.
 * Texts that passed are remembered (bounded in entries and characters), so a repeated query is looked up, not parsed
 * again: a text of up to {@link TEXT_KEY_MAX} characters is its own key (Apollo hashes every query text anyway; a
 * second SHA-256 here was about 1 % of a small query's CPU), a longer one is keyed by its SHA-256.
 */
export class QueryPrecheck {
  private readonly passed = new LRUCache<string, true>({
    max: 5_000,
    maxSize: 4_000_000,
    sizeCalculation: (_value, key) => key.length,
  });

  /** The refusal of `query`, or undefined (also when it does not parse: Apollo reports that). */
  check(query: unknown): GraphQLError | undefined {
    if (typeof query !== 'string') return undefined;
    const tooLong = checkQueryLength(query);
    if (tooLong) return tooLong;
    const key = query.length <= TEXT_KEY_MAX ? query : createHash('sha256').update(query).digest('base64url');
    if (this.passed.has(key)) return undefined;
    let refusal: GraphQLError | undefined;
    try {
      refusal = checkShape(parse(query, parseOptions));
    } catch {
      return undefined;
    }
    if (!refusal) this.passed.set(key, true);
    return refusal;
  }
}
