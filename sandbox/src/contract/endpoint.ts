import { z } from 'zod/v4';
import { GUID } from './common.js';

/**
 * What the contract says of one Wix endpoint beyond its request schemas (which the sandbox's routes validate with,
 * `withBody` / `withQuery`): its answer's schema, its documented errors and headers, and the words of its reference
 * page. `/openapi.json` is built from these and the routes; nothing in it is written as JSON Schema by hand.
 */
export interface Endpoint {
  summary: string;
  /** Tag = the Wix API the endpoint belongs to. */
  tag: string;
  description?: string;
  /** Documented `wix-site-id` header (Create Registered / Connected Domain, Publish / Unpublish Site). */
  siteHeader?: boolean;
  /** Documents `wix-account-id` for a route that checks it itself (route auth 'key'/'optional': Transfer Site, DNS). */
  accountHeader?: boolean;
  /** Documents the API key as required for a route that checks it itself (route auth 'optional': DNS zones). */
  keyRequired?: boolean;
  bodyRequired?: boolean;
  /** Schema of the 200 answer. */
  response: z.ZodType;
  /** Errors of the endpoint's own rules (auth, rate limit, faults and a non-object body are added by the document). */
  errors?: ErrorSpec[];
}

/**
 * A documented error answer: HTTP status and the `details.applicationError.code` values it carries. The pseudo-code
 * {@link VALIDATION} stands for a `details.validationError` body (field violations).
 */
export type ErrorSpec = [status: number, ...codes: string[]];

/** Marks a validationError (400 with fieldViolations) in an {@link ErrorSpec}. */
export const VALIDATION = 'VALIDATION';

/** Path parameters by name, wherever they appear (any other is a plain string, e.g. a domain name). */
export const PATH_PARAMS: Record<string, z.ZodType> = {
  id: GUID,
  instanceId: GUID,
  siteId: GUID,
  packageId: GUID,
  accountId: GUID,
  folderId: GUID,
  externalId: z.string().describe('The partner’s own ID for the package'),
  domainName: z.string().describe('A domain name, e.g. mydomain.com'),
  registeredDomainId: z.string().describe('The domain name'),
  connectedDomainId: z.string().describe('The domain name'),
};
