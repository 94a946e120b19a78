import { z } from 'zod/v4';

/**
 * Query parameters of the GET endpoints, one z.object per endpoint keyed by the wire name (`paging.limit`). The
 * sandbox validates a request's query string with these (validate.ts `parseQuery`: repeated parameters for arrays,
 * numbers read as numbers) and `/openapi.json` lists them parameter by parameter. Rules that answer their own Wix
 * code (INVALID_DOMAIN, INVALID_QUERY, INVALID_TLD_FORMAT, a cursor from another request) stay in the routes.
 */

/** `paging.limit` / `paging.cursor` of the Domains list endpoints (limit 0 or absent: the endpoint's default). */
function cursorPaging(max: number, fallback: number) {
  return {
    'paging.limit': z
      .number()
      .int()
      .min(0)
      .max(max)
      .optional()
      .describe(`Page size, 0–${max} (0 or absent: ${fallback})`),
    'paging.cursor': z.string().optional().describe('pagingMetadata.cursors.next (or prev) of the previous page'),
  };
}

/** §5 Check Domain Availability. */
export const CheckAvailabilityQuery = z.object({
  domain: z
    .string()
    .describe('Domain with TLD, e.g. mydomain.com (a name Wix cannot sell, e.g. a subdomain, is INVALID_DOMAIN)'),
});
/** §5 Suggest Domains. */
export const SuggestDomainsQuery = z.object({
  query: z.string().min(3).max(100).describe('Letters, digits, spaces, dots, hyphens; no TLD'),
  tlds: z.array(z.string()).max(10).optional().describe('Repeat the parameter: tlds=com&tlds=net (no dot)'),
  ...cursorPaging(20, 10),
  limit: z.number().int().min(1).max(20).optional().describe('Deprecated: use paging.limit'),
  maxLength: z.number().int().min(3).max(63).optional().describe('Max SLD length (default 63)'),
});
/** §6 List Registered Domains and §7 List Connected Domains. */
export const ListDomainsQuery = z.object(cursorPaging(100, 100));
/** §15 List Domain Assignments. */
export const ListDomainAssignmentsQuery = z.object({
  siteIds: z
    .array(z.string())
    .optional()
    .describe('Sites whose assignments to list (repeat the parameter); none: an empty list'),
  ...cursorPaging(100, 100),
});
/** §4 List Child Accounts (offset paging). */
export const ListChildAccountsQuery = z.object({
  'paging.limit': z.number().int().min(1).max(50).default(20).describe('Default 20, max 50'),
  'paging.offset': z.number().int().min(0).default(0),
});

/** The paging every Domains list endpoint reads (route side of {@link cursorPaging}). */
export type CursorPagingQuery = { 'paging.limit'?: number | undefined; 'paging.cursor'?: string | undefined };
