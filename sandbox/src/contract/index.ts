/**
 * `@wix-account-graph/sandbox/contract`: the wire shapes the sandbox validates with and documents, for the gateway's
 * data sources to take their types from. Zod schemas only: no server, no state.
 */
export * from './folders-domains.js';
export { jsonSchema } from './json-schema.js';
