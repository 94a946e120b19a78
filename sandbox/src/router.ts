import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod/v4';
import { appError, validationError, type WixHttpError } from './errors.js';
import { parseBody, parseQuery } from './validate.js';
import type { World } from './world.js';

/** How a route authenticates: account-level key + wix-account-id, key only, or optional (Domain Search). */
export type AuthMode = 'account' | 'key' | 'optional';

/** Why the `wix-account-id` header was refused; routes may map these to their API's own codes. */
export type AccountProblem = 'missing' | 'malformed' | 'unknown' | 'foreign';

export interface RouteContext {
  world: World;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (an object), or {} when there was none. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The account acted on (`wix-account-id`), checked per the route's auth mode; '' when not required. */
  accountId: string;
  /** The account the API key belongs to ('' when no valid key was sent on an `optional` route). */
  keyAccountId: string;
  /** The `wix-site-id` header, if sent. */
  siteIdHeader?: string;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path pattern with `:params`, e.g. `/resellers/v1/packages/:id`. */
  path: string;
  /** Stable operation name, used by the call log, fault targets and the OpenAPI document. */
  operation: string;
  auth: AuthMode;
  /** Maps a refused `wix-account-id` to this API's error; the default is {@link defaultAccountError}. */
  accountError?: (problem: AccountProblem, accountId: string) => WixHttpError;
  /**
   * The request body's contract schema (contract/): the body is validated with it before the handler acts (a 400
   * validationError naming every bad field), and `/openapi.json` documents it. Set with {@link withBody}.
   */
  body?: z.ZodType;
  /**
   * The query parameters' contract schema (a z.object keyed by wire name): validated before the handler acts, and
   * documented parameter by parameter in `/openapi.json`. Set with {@link withQuery}.
   */
  query?: z.ZodObject;
  /** Returns the JSON body of a 200 answer, or throws a WixHttpError. */
  handle: (ctx: RouteContext) => unknown;
}

/** A route's body schema and its handler, which gets the body validated and typed by that schema. */
export function withBody<S extends z.ZodType>(
  schema: S,
  handle: (ctx: RouteContext, body: z.output<S>) => unknown,
): Required<Pick<RouteDef, 'body' | 'handle'>> {
  return { body: schema, handle: (ctx) => handle(ctx, parseBody(schema, ctx.body)) };
}

/** A route's query-parameter schema and its handler, which gets the parameters validated and typed by it. */
export function withQuery<S extends z.ZodObject>(
  schema: S,
  handle: (ctx: RouteContext, query: z.output<S>) => unknown,
): Required<Pick<RouteDef, 'query' | 'handle'>> {
  return { query: schema, handle: (ctx) => handle(ctx, parseQuery(schema, ctx.query)) };
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sandbox's generic answer to a refused `wix-account-id` (see the sandbox README for the choice). */
export function defaultAccountError(problem: AccountProblem, accountId: string): WixHttpError {
  switch (problem) {
    case 'missing':
      return validationError([
        { field: 'wix-account-id', description: 'header is required', violatedRule: 'REQUIRED_FIELD' },
      ]);
    case 'malformed':
      return validationError([
        { field: 'wix-account-id', description: 'must be a GUID', violatedRule: 'FORMAT', ruleName: 'GUID' },
      ]);
    case 'unknown':
      return appError(404, 'ACCOUNT_NOT_FOUND', `Account ${accountId} not found`);
    case 'foreign':
      return appError(403, 'PERMISSION_DENIED', `The API key has no access to account ${accountId}`);
  }
}

interface CompiledRoute {
  def: RouteDef;
  segments: string[];
}

/** A small first-match router over path segments; static routes must be registered before parameterised ones. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...defs: RouteDef[]): this {
    for (const def of defs) this.routes.push({ def, segments: def.path.split('/').filter(Boolean) });
    return this;
  }

  all(): RouteDef[] {
    return this.routes.map((r) => r.def);
  }

  /** Finds the route for a method and path; `methodMismatch` tells 405 from 404. */
  match(
    method: string,
    pathname: string,
  ): { def: RouteDef; params: Record<string, string> } | { methodMismatch: boolean } {
    const parts = pathname.split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.def.method === method) return { def: route.def, params };
      methodMismatch = true;
    }
    return { methodMismatch };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const part = parts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (p !== part) return undefined;
  }
  return params;
}
