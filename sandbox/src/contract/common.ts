import { z } from 'zod/v4';

/**
 * Building blocks shared by every API of the contract (CONTRACT §0): IDs, dates, paging metadata, the error bodies
 * and a domain's site assignment. Resources and answers are strict objects (a stray field is a bug); request bodies
 * are loose (Wix ignores unknown fields).
 */
export const GUID = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');
/** ISO-8601 UTC timestamp, e.g. `2021-12-02T15:45:30.941Z`. */
export const DATE = z.iso.datetime();
export const EMPTY = z.strictObject({});
/** A JSON object of any content (Mongo-like filters). */
export const ANY_OBJECT = z.record(z.string(), z.unknown());

/** Opaque cursors; null when the list is exhausted. */
export const Cursors = z.strictObject({
  next: z.string().nullable().optional(),
  prev: z.string().nullable().optional(),
});
/** Domains `CursorPagingMetadata` (CONTRACT §0.3). */
export const CursorPagingMetadata = z.strictObject({
  count: z.number().int().min(0),
  cursors: Cursors,
  hasNext: z.boolean(),
});

/** `siteInfo` of a registered, connected or assigned domain. */
export const SiteInfo = z.strictObject({
  id: GUID.optional(),
  assignmentType: z.enum(['UNKNOWN_ASSIGNMENT_TYPE', 'PRIMARY', 'REDIRECT']),
  redirectInfo: z.strictObject({ primaryDomain: z.string() }).optional(),
});

/** DNS propagation of a registered or connected domain. */
export const DnsPropagationStatus = z.enum(['UNKNOWN_DNS_PROPAGATION_STATUS', 'IN_PROGRESS', 'COMPLETED', 'FAILED']);

// Error bodies (CONTRACT §0.2).
export const FieldViolation = z.strictObject({
  field: z.string(),
  description: z.string(),
  violatedRule: z.string(),
  ruleName: z.string().optional(),
  data: ANY_OBJECT.optional(),
});
export const ApplicationErrorBody = z
  .strictObject({
    message: z.string(),
    details: z.strictObject({
      applicationError: z.strictObject({ code: z.string(), description: z.string(), data: ANY_OBJECT.optional() }),
    }),
  })
  .describe('Business-rule rejection: the Wix code is details.applicationError.code');
export const ValidationErrorBody = z
  .strictObject({
    message: z.string(),
    details: z.strictObject({ validationError: z.strictObject({ fieldViolations: z.array(FieldViolation).min(1) }) }),
  })
  .describe('Input validation failure (HTTP 400)');
export const SystemErrorBody = z
  .strictObject({ message: z.literal(''), details: EMPTY })
  .describe('5xx system error: intentionally empty');

export type WireSiteInfo = z.infer<typeof SiteInfo>;
export type WireCursorPagingMetadata = z.infer<typeof CursorPagingMetadata>;
