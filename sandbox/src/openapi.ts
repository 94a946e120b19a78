import {
  VALIDATION,
  ref,
  type ErrorSpec,
  type JsonSchema,
  type OperationSpec,
  type QueryParamSpec,
} from './openapi-kit.js';
import { jsonSchema } from './contract/json-schema.js';
import { ADMIN_OPERATIONS, COMPONENT_SCHEMAS, wixOperationFor } from './openapi-schemas.js';
import { defaultAccountError, type AccountProblem, type RouteDef } from './router.js';

/** What the document needs of an admin route (see routes/admin.ts). */
export interface AdminRouteInfo {
  method: string;
  path: string;
  summary: string;
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
 * (so it cannot list an endpoint the sandbox lacks); schemas and errors come from openapi-schemas*.ts, keyed by the
 * contract's `METHOD /path/{param}`; the refusals of `wix-account-id` are read off each route's own error mapping.
 */
export function buildOpenApi(routes: RouteDef[], adminRoutes: AdminRouteInfo[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const put = (path: string, method: string, operation: Record<string, unknown>) => {
    (paths[path] ??= {})[method.toLowerCase()] = operation;
  };
  for (const route of routes) {
    const documented = wixOperationFor(route.method, route.path);
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
      schemas: COMPONENT_SCHEMAS,
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
  documented: { key: string; spec: OperationSpec } | undefined,
): Record<string, unknown> {
  const spec = documented?.spec;
  const parameters: Record<string, unknown>[] = [...pathParams(path), ...(spec?.query ?? []).map(queryParam)];
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
  // The schema the route validates its body with (contract/), else the spec's (routes that take no body).
  const body = route.body
    ? jsonSchema(route.body, 'input')
    : spec
      ? spec.body
      : route.method === 'GET'
        ? undefined
        : { type: 'object' };
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
    responses: responses(spec?.response ?? { type: 'object' }, errors, true),
  };
}

function adminOperation(route: AdminRouteInfo): Record<string, unknown> {
  const spec = ADMIN_OPERATIONS[`${route.method} ${route.path}`];
  return {
    operationId: adminOperationId(route),
    tags: ['sandbox-admin'],
    summary: spec?.summary ?? route.summary,
    ...(spec?.description ? { description: spec.description } : {}),
    security: [],
    parameters: (spec?.query ?? []).map(queryParam),
    ...(spec?.body
      ? { requestBody: { required: spec.bodyRequired ?? false, content: { [JSON_TYPE]: { schema: spec.body } } } }
      : {}),
    responses: responses(spec?.response ?? { type: 'object' }, spec?.errors ?? [], false),
  };
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

function pathParams(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParam(q: QueryParamSpec): Record<string, unknown> {
  const isArray = q.schema.type === 'array';
  return {
    name: q.name,
    in: 'query',
    required: q.required ?? false,
    ...(q.description ? { description: q.description } : {}),
    schema: q.schema,
    ...(isArray ? { style: 'form', explode: true } : {}),
  };
}

function header(name: string, required: boolean, description: string): Record<string, unknown> {
  return { name, in: 'header', required, description, schema: { type: 'string' } };
}

/** `{ "428": ["CODE", …], … }`: an endpoint's documented errors by HTTP status. */
function endpointErrors(errors: ErrorSpec[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [status, ...codes] of errors)
    out[String(status)] = [...new Set([...(out[String(status)] ?? []), ...codes])];
  return out;
}

/** 200 + one response per error status (codes listed in `x-wix-error-codes`) + the faults every Wix endpoint can answer. */
function responses(ok: JsonSchema, errors: ErrorSpec[], faults: boolean): Record<string, unknown> {
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
