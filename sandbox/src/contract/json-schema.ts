import { z } from 'zod/v4';

/**
 * A contract schema as the JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) of the sandbox's OpenAPI document:
 * `io: 'input'` for request bodies (what a client may send, defaults optional), `output` for answers.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}
