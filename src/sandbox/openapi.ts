import type { RouteDef } from './router.js';

/**
 * `GET /openapi.json`: an OpenAPI 3.1 document of exactly the endpoints the sandbox serves, derived from the route
 * table so that it cannot list an endpoint the sandbox lacks.
 */
export function buildOpenApi(routes: RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const headers = route.auth === 'optional' ? [] : [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } }];
    if (route.auth === 'account') headers.push({ name: 'wix-account-id', in: 'header', required: true, schema: { type: 'string' } });
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.operation,
      parameters: [...params, ...headers],
      ...(route.method === 'GET' ? {} : { requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } } }),
      responses: {
        '200': { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
        default: { description: 'Wix error body (applicationError, validationError or empty system error)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'wix-account-graph sandbox (Wix account-level REST APIs)', version: '1.0.0' },
    paths,
    components: {
      schemas: {
        ErrorBody: {
          type: 'object',
          required: ['message', 'details'],
          properties: { message: { type: 'string' }, details: { type: 'object' } },
        },
      },
    },
  };
}
