import type { z } from 'zod/v4';
import { VALIDATION, type Endpoint, type ErrorSpec } from './contract/endpoint.js';
import { NAMED_SCHEMAS, WIX_ENDPOINTS } from './contract/endpoints.js';
import { jsonSchema } from './contract/json-schema.js';
import { routeKey } from './faults.js';
import { endpointErrors, header, pathParams, queryParams, ref, responses, type JsonSchema } from './openapi-parts.js';
import { defaultAccountError, type AccountProblem, type RouteDef } from './router.js';

/** What the document needs of an admin route (see routes/admin.ts). */
export interface AdminRouteInfo {
  method: string;
  path: string;
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: z.ZodType;
}

/** A contract endpoint with its key (`METHOD /path/{param}`, the contract's spelling of the path). */
export interface DocumentedEndpoint {
  key: string;
  spec: Endpoint;
}

const byRouteKey = new Map<string, DocumentedEndpoint>(
  Object.entries(WIX_ENDPOINTS).map(([key, spec]) => [routeKey(...splitKey(key)), { key, spec }]),
);

/** `'GET /a/{b}'` → `['GET', '/a/{b}']`. */
export function splitKey(key: string): [method: string, path: string] {
  const at = key.indexOf(' ');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** The contract endpoint a route serves, whatever the route calls its path parameters. */
export function endpointFor(method: string, path: string): DocumentedEndpoint | undefined {
  return byRouteKey.get(routeKey(method, path));
}

const ACCOUNT_PROBLEMS: AccountProblem[] = ['missing', 'malformed', 'unknown', 'foreign'];
const SAMPLE_GUID = '00000000-0000-4000-8000-000000000000';
const JSON_TYPE = 'application/json';

const TAGS = [
  { name: 'resellers', description: 'Packages and product instances (CONTRACT §1)' },
  { name: 'b2b-site-management', description: 'Transfer Site (§2)' },
  { name: 'sites', description: 'Query/Count Sites, Create Project, site actions (§3)' },
  { name: 'accounts', description: 'Child accounts (§4)' },
  { name: 'domain-search', description: 'Availability and suggestions (§5)' },
  { name: 'registered-domains', description: 'Domains bought through Wix (§6)' },
  { name: 'connected-domains', description: 'External domains and their setup info (§7)' },
  { name: 'domain-dns', description: 'DNS zones hosted by Wix (§8)' },
  {
    name: 'sandbox-admin',
    description: 'The sandbox’s own surface: seed, reset, call log, clock, settings, faults, sites. Not part of Wix.',
  },
];

/**
 * `GET /openapi.json`: an OpenAPI 3.1 document of exactly what the sandbox serves. Paths come from the route table
 * (so it cannot list an endpoint the sandbox lacks); every schema is generated from the zod contract (contract/): a
 * route's body and query schemas are the ones it validates with, answers and errors come from the contract's
 * endpoint table (keyed `METHOD /path/{param}`); the refusals of `wix-account-id` are read off each route's own
 * error mapping.
 */
export function buildOpenApi(routes: RouteDef[], adminRoutes: AdminRouteInfo[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const put = (path: string, method: string, operation: Record<string, unknown>) => {
    (paths[path] ??= {})[method.toLowerCase()] = operation;
  };
  for (const route of routes) {
    const documented = endpointFor(route.method, route.path);
    const path = documented
      ? (documented.key.split(' ')[1] as string)
      : route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    put(path, route.method, wixOperation(route, path, documented));
  }
  for (const route of adminRoutes) put(route.path, route.method, adminOperation(route));
  return {
    openapi: '3.1.0',
    info: {
      title: 'wix-account-graph sandbox — Wix account-level REST APIs',
      version: '1.0.0',
      description:
        'A local emulator of Wix’s account-level REST APIs (resellers, site transfer, sites, accounts, domains, DNS). ' +
        'Authenticate with the API key from GET /_sandbox/seed in the Authorization header (no Bearer prefix) and act on an account with wix-account-id.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Account-level API key, raw (no Bearer prefix)',
        },
      },
    },
  };
}

function wixOperation(
  route: RouteDef,
  path: string,
  documented: DocumentedEndpoint | undefined,
): Record<string, unknown> {
  const spec = documented?.spec;
  const parameters: Record<string, unknown>[] = [...pathParams(path), ...queryParams(route.query)];
  if (route.auth === 'account' || spec?.accountHeader)
    parameters.push(
      header('wix-account-id', true, 'The account acted on: the key’s account or one of its sub-accounts'),
    );
  if (spec?.siteHeader) parameters.push(header('wix-site-id', false, 'The site the domain is assigned to'));
  const keyOptional = route.auth === 'optional' && !spec?.keyRequired;
  const errors: ErrorSpec[] = [...(spec?.errors ?? [])];
  if (!keyOptional) errors.push([401, 'UNAUTHENTICATED']);
  if (route.auth === 'account') errors.push(...ACCOUNT_PROBLEMS.map((p) => accountRefusal(route, p)));
  if (route.method !== 'GET') errors.push([400, VALIDATION]); // a body that is not a JSON object
  // The schema the route validates its body with (contract/); a route that takes none documents none.
  const body = route.body ? jsonSchema(route.body, 'input') : undefined;
  return {
    operationId: route.operation,
    tags: [spec?.tag ?? 'undocumented'],
    summary: spec?.summary ?? route.operation,
    ...(spec?.description ? { description: spec.description } : {}),
    ...(documented ? { 'x-contract': documented.key } : {}),
    // The endpoint's own errors (its contract table), apart from the refusals every endpoint shares (401, account
    // header, non-object body, 429): what a client maps to its own messages, per endpoint.
    ...(spec?.errors ? { 'x-wix-endpoint-errors': endpointErrors(spec.errors) } : {}),
    security: keyOptional ? [{}, { apiKey: [] }] : [{ apiKey: [] }],
    parameters,
    ...(body
      ? { requestBody: { required: spec?.bodyRequired ?? false, content: { [JSON_TYPE]: { schema: body } } } }
      : {}),
    responses: responses(spec ? jsonSchema(spec.response) : { type: 'object' }, errors, true),
  };
}

function adminOperation(route: AdminRouteInfo): Record<string, unknown> {
  const validates = route.body !== undefined || route.query !== undefined;
  return {
    operationId: adminOperationId(route),
    tags: ['sandbox-admin'],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: [],
    parameters: queryParams(route.query),
    ...(route.body
      ? {
          requestBody: {
            required: route.method === 'POST',
            content: { [JSON_TYPE]: { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: responses(jsonSchema(route.response), validates ? [[400, VALIDATION]] : [], false),
  };
}

/** The contract's named schemas (resources, error bodies), under components. */
function componentSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).map(([name, [schema, io]]) => [name, jsonSchema(schema, io)]),
  );
  out.ErrorBody = { oneOf: [ref('ApplicationErrorBody'), ref('ValidationErrorBody'), ref('SystemErrorBody')] };
  return out;
}

/** `POST /_sandbox/clock/advance` → `sandboxPostClockAdvance`; `GET /openapi.json` → `sandboxGetOpenapiJson`. */
function adminOperationId(route: AdminRouteInfo): string {
  const words = route.path
    .replace(/^\/_sandbox\//, '/')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return `sandbox${route.method.charAt(0)}${route.method.slice(1).toLowerCase()}${words}`;
}

/** The refusal a route answers for one kind of bad `wix-account-id`, read off its own mapping. */
function accountRefusal(route: RouteDef, problem: AccountProblem): ErrorSpec {
  const error = (route.accountError ?? defaultAccountError)(problem, SAMPLE_GUID);
  return [error.status, error.body.details.applicationError?.code ?? VALIDATION];
}
