/**
 * `@wix-account-graph/sandbox/contract`: the wire shapes of every Wix endpoint the sandbox serves (CONTRACT §1–§8,
 * §13–§16), as zod schemas, with the endpoint table (answers, documented errors, headers) and the sandbox admin
 * surface's shapes. The sandbox validates requests with them and generates `/openapi.json` from them; the gateway's
 * data sources take their types from them (`z.infer`). Zod schemas and tables only: no server, no state.
 */
export * from './common.js';
export * from './resellers.js';
export * from './sites.js';
export * from './domains.js';
export * from './dns.js';
export * from './folders-domains.js';
export * from './queries.js';
export * from './admin.js';
export { PATH_PARAMS, VALIDATION, type Endpoint, type ErrorSpec } from './endpoint.js';
export { NAMED_SCHEMAS, WIX_ENDPOINTS } from './endpoints.js';
export { jsonSchema } from './json-schema.js';
