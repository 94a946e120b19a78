import type { z } from 'zod/v4';
import { SUPPORTED_TLDS } from '../catalog.js';
import { CheckAvailabilityQuery, SuggestDomainsQuery } from '../contract/queries.js';
import { appError } from '../errors.js';
import {
  availabilityOf,
  isPremiumName,
  isSupportedTld,
  isTaken,
  labelsFit,
  parseDomain,
} from '../domain-availability.js';
import { withQuery, type RouteContext, type RouteDef } from '../router.js';
import type { World } from '../world.js';
import { domainPage } from './domain-common.js';

/**
 * Domain Search (CONTRACT §5): Check Domain Availability and Suggest Domains. Auth is optional (Wix's own recipes
 * call both without headers); answers come from the deterministic registry (`registry.ts`).
 *
 * `query` is 3–100 characters (the reference types; the SDK page's minimum of 1 is older — see README choices).
 *
 * Sandbox choices (UNCONFIRMED upstream): a subdomain is INVALID_DOMAIN for availability (only roots can be bought);
 * dots in `query` separate words and a trailing supported TLD is
 * dropped; `paging.limit=0` means the default (10); at most {@link MAX_SUGGESTIONS} suggestions per query; without
 * `tlds`, every sold TLD is suggested.
 */
const MAX_SUGGESTIONS = 100;
const DEFAULT_SUGGESTIONS = 10;
const QUERY_CHARS = /^[A-Za-z0-9 .-]+$/;
const TLD_FORMAT = /^[a-z0-9-]+$/i;
const STOP_WORDS = new Set(['a', 'an', 'the', 'my', 'and', 'of', 'for', 'in']);
const PREFIXES = ['get', 'my', 'the', 'try', 'go'];
const SUFFIXES = ['shop', 'online', 'hq', 'studio', 'hub', 'store', 'app', 'co'];

function checkAvailability(ctx: RouteContext, { domain }: z.output<typeof CheckAvailabilityQuery>) {
  const parsed = parseDomain(domain);
  if (!parsed || !labelsFit(parsed) || parsed.name.length < 3 || parsed.isSubdomain)
    throw appError(400, 'INVALID_DOMAIN', `Invalid domain name ${domain}: a root domain with its TLD is required`);
  if (!isSupportedTld(parsed.tld))
    throw appError(400, 'DOMAINS_UNSUPPORTED_TLD', `Unsupported TLD for domain name ${parsed.name}`);
  return { availability: availabilityOf(ctx.world, parsed.root) };
}

/** Splits the query into lower-case words (spaces, dots and hyphens separate them; a trailing sold TLD is dropped). */
function queryWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[\s.-]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (words.length > 1 && query.includes('.') && last && isSupportedTld(last)) words.pop();
  return words;
}

/** Candidate SLDs derived from the words, in the order they are suggested. */
export function candidateSlds(words: string[]): string[] {
  const core = words.filter((w) => !STOP_WORDS.has(w));
  const base = core.length > 0 ? core : words;
  const joined = base.join('');
  const hyphen = base.join('-');
  const slds = [
    words.join(''),
    joined,
    hyphen,
    words.join('-'),
    ...PREFIXES.map((p) => `${p}${joined}`),
    ...SUFFIXES.map((s) => `${joined}${s}`),
    ...PREFIXES.map((p) => `${p}-${hyphen}`),
    ...SUFFIXES.map((s) => `${hyphen}-${s}`),
  ];
  return [...new Set(slds)];
}

/** Every suggestion for a request, before paging: available names only, stable for the same request and world. */
function suggestions(world: World, words: string[], tlds: string[], maxLength: number) {
  const found: Array<{ domain: string; premium: boolean }> = [];
  for (const sld of candidateSlds(words)) {
    if (sld.length < 3 || sld.length > maxLength) continue;
    for (const tld of tlds) {
      const domain = `${sld}.${tld}`;
      if (!parseDomain(domain) || isTaken(world, domain)) continue;
      found.push({ domain, premium: isPremiumName(world, domain) });
      if (found.length === MAX_SUGGESTIONS) return found;
    }
  }
  return found;
}

function readTlds(tlds: string[]): string[] {
  const malformed = tlds.filter((t) => !TLD_FORMAT.test(t));
  if (malformed.length > 0)
    throw appError(
      400,
      'INVALID_TLD_FORMAT',
      `Invalid TLD format: ${malformed.join(', ')} (write TLDs without a dot, e.g. com)`,
    );
  const lower = [...new Set(tlds.map((t) => t.toLowerCase()))];
  const unsupported = lower.filter((t) => !isSupportedTld(t));
  if (unsupported.length > 0) throw appError(400, 'TLD_NOT_SUPPORTED', `TLD not supported: ${unsupported.join(', ')}`);
  return lower.length > 0 ? lower : [...SUPPORTED_TLDS];
}

function suggestDomains(ctx: RouteContext, params: z.output<typeof SuggestDomainsQuery>) {
  const { query, maxLength = 63, limit: legacyLimit } = params;
  if (!QUERY_CHARS.test(query))
    throw appError(400, 'INVALID_QUERY', 'The query may contain only letters, digits, spaces, dots and hyphens');
  const words = queryWords(query);
  if (words.length === 0) throw appError(400, 'INVALID_QUERY', 'The query has no letters or digits');
  const tlds = readTlds(params.tlds ?? []);
  const all = suggestions(ctx.world, words, tlds, maxLength);
  const fingerprint = `${words.join(' ')}|${tlds.join(',')}|${maxLength}`;
  const { page, pagingMetadata } = domainPage(all, params, {
    fallback: DEFAULT_SUGGESTIONS,
    legacyLimit,
    fingerprint,
  });
  return { suggestions: page, pagingMetadata };
}

export const domainSearchRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/domain-search/v2/check-domain-availability',
    operation: 'checkDomainAvailability',
    auth: 'optional',
    ...withQuery(CheckAvailabilityQuery, checkAvailability),
  },
  {
    method: 'GET',
    path: '/domain-search/v2/suggest-domains',
    operation: 'suggestDomains',
    auth: 'optional',
    ...withQuery(SuggestDomainsQuery, suggestDomains),
  },
];
