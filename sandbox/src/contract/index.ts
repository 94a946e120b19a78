/**
 * `@wix-account-graph/sandbox/contract`: the wire shapes of every Wix endpoint the sandbox serves (CONTRACT §1–§8,
 * §13–§16), as zod schemas. The sandbox validates requests with them and generates `/openapi.json` from them; the
 * gateway's data sources take their types from them (`z.infer`). Zod schemas only: no server, no state.
 */
export * from './common.js';
export * from './resellers.js';
export * from './sites.js';
export * from './domains.js';
export * from './dns.js';
export * from './folders-domains.js';
export * from './queries.js';
export { jsonSchema } from './json-schema.js';
