import { z } from 'zod/v4';
import { jsonSchema } from './contract/json-schema.js';

/**
 * Small builders for the JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of the sandbox's OpenAPI document, and
 * the shape of one operation's documentation. Kept apart from the schemas so the per-API files stay declarative.
 */
export type JsonSchema = Record<string, unknown>;

/** A query parameter (`paging.limit`, `domain`, repeated `tlds`, …). */
export interface QueryParamSpec {
  name: string;
  schema: JsonSchema;
  required?: boolean;
  description?: string;
}

/**
 * A documented error answer: HTTP status and the `details.applicationError.code` values it carries. The pseudo-code
 * {@link VALIDATION} stands for a `details.validationError` body (field violations).
 */
export type ErrorSpec = [status: number, ...codes: string[]];

/** Marks a validationError (400 with fieldViolations) in an {@link ErrorSpec}. */
export const VALIDATION = 'VALIDATION';

/** Everything the document says about one Wix endpoint beyond what the route table knows. */
export interface OperationSpec {
  summary: string;
  /** Tag = the Wix API the endpoint belongs to. */
  tag: string;
  description?: string;
  query?: QueryParamSpec[];
  /** Documented `wix-site-id` header (Create Registered / Connected Domain). */
  siteHeader?: boolean;
  /** Documents `wix-account-id` for a route that checks it itself (route auth 'key'/'optional': Transfer Site, DNS). */
  accountHeader?: boolean;
  /** Documents the API key as required for a route that checks it itself (route auth 'optional': DNS zones). */
  keyRequired?: boolean;
  /** Request body schema; omitted for endpoints that take none (GETs, Update Package External Id). */
  body?: JsonSchema;
  bodyRequired?: boolean;
  /** Schema of the 200 answer. */
  response: JsonSchema;
  /** Errors of the endpoint's own rules (auth, faults and malformed JSON are added by the builder). */
  errors?: ErrorSpec[];
}

/** `$ref` to a component schema. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * An object schema. `closed` objects (the Wix resources and the answers) reject unknown properties, so validating a
 * real answer catches stray internal fields; request bodies stay open, as Wix ignores unknown fields.
 */
export function obj(
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  closed = true,
  description?: string,
): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

export function arr(items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items, ...extra };
}

export function str(extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', ...extra };
}

export function int(extra: JsonSchema = {}): JsonSchema {
  return { type: 'integer', ...extra };
}

export function bool(description?: string): JsonSchema {
  return { type: 'boolean', ...(description ? { description } : {}) };
}

export function enumOf(values: readonly string[], description?: string): JsonSchema {
  return { type: 'string', enum: [...values], ...(description ? { description } : {}) };
}

/** The same schema, or null. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** ISO-8601 UTC timestamp, e.g. `2021-12-02T15:45:30.941Z`. */
export const DATE: JsonSchema = { type: 'string', format: 'date-time' };
/** A GUID (packages, instances, sites, accounts). */
export const GUID: JsonSchema = ref('Guid');

/** `paging.limit` / `paging.cursor` query parameters of the Domains list endpoints. */
export function cursorPagingParams(maxLimit: number, description?: string): QueryParamSpec[] {
  return [
    {
      name: 'paging.limit',
      schema: jsonSchema(z.number().int().min(0).max(maxLimit)),
      description: description ?? `Page size, 0–${maxLimit}`,
    },
    {
      name: 'paging.cursor',
      schema: jsonSchema(z.string()),
      description: 'pagingMetadata.cursors.next of the previous page',
    },
  ];
}
