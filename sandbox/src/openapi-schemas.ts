import { routeKey } from './faults.js';
import * as wire from './contract/index.js';
import { jsonSchema } from './contract/json-schema.js';
import { ref, type JsonSchema, type OperationSpec } from './openapi-kit.js';
import { adminComponents, adminOperations } from './openapi-schemas-admin.js';
import { dnsComponents, dnsOperations } from './openapi-schemas-dns.js';
import { domainComponents, domainOperations } from './openapi-schemas-domains.js';
import { folderComponents, folderOperations } from './openapi-schemas-folders.js';
import { resellerComponents, resellerOperations } from './openapi-schemas-resellers.js';
import { siteComponents, siteOperations } from './openapi-schemas-sites.js';

/**
 * The JSON Schemas of the sandbox's OpenAPI document, generated from the zod contract (contract/), and the per-endpoint documentation
 * keyed by `METHOD /path/{param}` exactly as the contract writes the path. The route table decides which of them
 * the document shows (only what the sandbox serves); these decide what it says about each.
 */
export const errorComponents: Record<string, JsonSchema> = {
  Guid: jsonSchema(wire.GUID),
  FieldViolation: jsonSchema(wire.FieldViolation),
  ApplicationErrorBody: jsonSchema(wire.ApplicationErrorBody),
  ValidationErrorBody: jsonSchema(wire.ValidationErrorBody),
  SystemErrorBody: jsonSchema(wire.SystemErrorBody),
  ErrorBody: { oneOf: [ref('ApplicationErrorBody'), ref('ValidationErrorBody'), ref('SystemErrorBody')] },
};

/** Every component schema of the document. */
export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  ...errorComponents,
  ...resellerComponents,
  ...siteComponents,
  ...domainComponents,
  ...dnsComponents,
  ...folderComponents,
  ...adminComponents,
};

/** Wix endpoints (CONTRACT §1–§8, §13–§16), keyed `METHOD /path/{param}`. */
export const WIX_OPERATIONS: Record<string, OperationSpec> = {
  ...resellerOperations,
  ...siteOperations,
  ...domainOperations,
  ...dnsOperations,
  ...folderOperations,
};

/** The admin surface, keyed `METHOD /path`. */
export const ADMIN_OPERATIONS: Record<string, OperationSpec> = adminOperations;

const byRouteKey = new Map<string, { key: string; spec: OperationSpec }>(
  Object.entries(WIX_OPERATIONS).map(([key, spec]) => [routeKey(...splitKey(key)), { key, spec }]),
);

/** `'GET /a/{b}'` → `['GET', '/a/{b}']`. */
export function splitKey(key: string): [method: string, path: string] {
  const at = key.indexOf(' ');
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * The documentation of the Wix endpoint a route serves, whatever the route calls its path parameters, with the
 * contract's path (whose parameter names the document shows).
 */
export function wixOperationFor(method: string, path: string): { key: string; spec: OperationSpec } | undefined {
  return byRouteKey.get(routeKey(method, path));
}
