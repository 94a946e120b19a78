import type { z } from 'zod/v4';
import { PATH_PARAMS, VALIDATION, type ErrorSpec } from './contract/endpoint.js';
import { jsonSchema } from './contract/json-schema.js';

/** Parameters and responses of the sandbox's OpenAPI document, from the contract's schemas (see openapi.ts). */
const JSON_TYPE = 'application/json';

export type JsonSchema = Record<string, unknown>;

/** `$ref` to a component schema. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The `{param}`s of a contract path, typed by the contract's {@link PATH_PARAMS} (a plain string otherwise). */
export function pathParams(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    const name = m[1] as string;
    return { name, in: 'path', required: true, ...described(PATH_PARAMS[name]) };
  });
}

/**
 * One parameter per field of a route's query schema (the one it validates with): required unless optional or
 * defaulted, the field's description lifted to the parameter, arrays as repeated parameters (`tlds=com&tlds=net`).
 */
export function queryParams(query: z.ZodObject | undefined): Record<string, unknown>[] {
  if (!query) return [];
  const required = new Set((jsonSchema(query, 'input').required as string[] | undefined) ?? []);
  return Object.entries(query.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const param = { name, in: 'query', required: required.has(name), ...described(field) };
    return param.schema.type === 'array' ? { ...param, style: 'form', explode: true } : param;
  });
}

/** `{ description?, schema }` of a parameter: the schema's own description moves up to the parameter. */
function described(field: z.ZodType | undefined): { description?: string; schema: JsonSchema } {
  if (!field) return { schema: { type: 'string' } };
  const { description, ...schema } = jsonSchema(field, 'input');
  return typeof description === 'string' ? { description, schema } : { schema };
}

export function header(name: string, required: boolean, description: string): Record<string, unknown> {
  return { name, in: 'header', required, description, schema: { type: 'string' } };
}

/** `{ "428": ["CODE", …], … }`: an endpoint's documented errors by HTTP status. */
export function endpointErrors(errors: ErrorSpec[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [status, ...codes] of errors)
    out[String(status)] = [...new Set([...(out[String(status)] ?? []), ...codes])];
  return out;
}

/** 200 + one response per error status (codes listed in `x-wix-error-codes`) + the faults every Wix endpoint can answer. */
export function responses(ok: JsonSchema, errors: ErrorSpec[], faults: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { '200': { description: 'Success', content: { [JSON_TYPE]: { schema: ok } } } };
  const byStatus = new Map<number, Set<string>>();
  for (const [status, ...codes] of errors) {
    const set = byStatus.get(status) ?? new Set<string>();
    for (const code of codes) set.add(code);
    byStatus.set(status, set);
  }
  if (faults) byStatus.set(429, new Set([...(byStatus.get(429) ?? []), 'RESOURCE_EXHAUSTED']));
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const codes = [...(byStatus.get(status) as Set<string>)];
    out[String(status)] = errorResponse(status, codes);
  }
  if (faults)
    out['5XX'] = {
      description: 'System error (also injectable with /_sandbox/faults): empty body',
      content: { [JSON_TYPE]: { schema: ref('SystemErrorBody') } },
    };
  return out;
}

function errorResponse(status: number, codes: string[]): Record<string, unknown> {
  const app = codes.filter((c) => c !== VALIDATION);
  const schemas = [
    ...(app.length > 0 ? [ref('ApplicationErrorBody')] : []),
    ...(codes.includes(VALIDATION) ? [ref('ValidationErrorBody')] : []),
  ];
  const described = [...app.map((c) => `\`${c}\``), ...(codes.includes(VALIDATION) ? ['validationError'] : [])].join(
    ', ',
  );
  return {
    description: `${described}${status === 429 ? ' (retry after Retry-After seconds)' : ''}`,
    ...(status === 429
      ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
      : {}),
    content: { [JSON_TYPE]: { schema: schemas.length === 1 ? schemas[0] : { oneOf: schemas } } },
    'x-wix-error-codes': codes,
  };
}
