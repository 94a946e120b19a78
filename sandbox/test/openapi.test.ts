import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonSchema } from '../src/contract/json-schema.js';
import { routeKey } from '../src/faults.js';
import { WIX_ENDPOINTS as WIX_OPERATIONS } from '../src/contract/endpoints.js';
import { endpointFor as wixOperationFor, splitKey } from '../src/openapi.js';
import { ADMIN_ROUTES } from '../src/routes/admin.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import { rawCall } from './helpers/sandbox-admin.js';
import { sampleCalls, type SampleCall } from './openapi-samples.js';

// ajv and ajv-formats are CommonJS: their default export arrives as the module object under NodeNext.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ??
  Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, unknown> };
};
const METHODS = ['get', 'post', 'patch', 'put', 'delete'];
const SCHEMA_ID = 'https://sandbox.local/openapi.json';

/** Rewrites `#/components/schemas/X` to an absolute `$defs` ref, so any part of the document compiles with ajv. */
function absolutize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolutize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`)
          : absolutize(v),
      ]),
    );
  }
  return value;
}

function operations(doc: Doc): Array<{ path: string; method: string; op: any }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
}

describe('sandbox: GET /openapi.json', () => {
  let sb: TestSandbox;
  let doc: Doc;
  let ajv: InstanceType<typeof Ajv2020>;

  /** Validates `body` against the response schema the document gives for (method, path, status). */
  const check = (call: { method: string; docPath: string }, status: string, body: unknown) => {
    const response =
      doc.paths[call.docPath]?.[call.method.toLowerCase()]?.responses?.[status] ??
      doc.paths[call.docPath]?.[call.method.toLowerCase()]?.responses?.['5XX'];
    expect(response, `${call.method} ${call.docPath} documents ${status}`).toBeDefined();
    const validate = ajv.compile(absolutize(response.content['application/json'].schema) as object);
    const ok = validate(body);
    expect(
      ok,
      `${call.method} ${call.docPath} ${status}: ${JSON.stringify(validate.errors?.slice(0, 5))}\n${JSON.stringify(body).slice(0, 600)}`,
    ).toBe(true);
    return response;
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
    const res = await fetch(`${sb.url}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
    ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addSchema({ $id: SCHEMA_ID, $defs: absolutize(doc.components.schemas) });
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('is a valid OpenAPI 3.1 document, and its schemas are valid JSON Schema 2020-12', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const name of Object.keys(doc.components.schemas))
      expect(() => ajv.getSchema(`${SCHEMA_ID}#/$defs/${name}`), name).not.toThrow();
    for (const { path, method, op } of operations(doc)) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        const schema = response.content?.['application/json']?.schema;
        expect(schema, `${method} ${path} ${status}`).toBeDefined();
        expect(() => ajv.compile(absolutize(schema) as object), `${method} ${path} ${status}`).not.toThrow();
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) expect(() => ajv.compile(absolutize(body) as object), `${method} ${path} request`).not.toThrow();
    }
  });

  it('documents every route the sandbox serves, with its request and response schemas and errors', () => {
    const undocumented: string[] = [];
    for (const route of sb.sandbox.router.all()) {
      const documented = wixOperationFor(route.method, route.path);
      if (!documented) {
        undocumented.push(`${route.method} ${route.path} (${route.operation})`);
        continue;
      }
      const [, path] = splitKey(documented.key);
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, documented.key).toBeDefined();
      expect(op.operationId).toBe(route.operation);
      expect(op['x-contract']).toBe(documented.key);
      expect(op.responses['200'].content['application/json'].schema).toEqual(jsonSchema(documented.spec.response));
      // A route documents exactly the contract schemas it validates its body and query with.
      if (route.body)
        expect(op.requestBody.content['application/json'].schema).toEqual(jsonSchema(route.body, 'input'));
      else expect(op.requestBody).toBeUndefined();
      const queryParams = op.parameters.filter((p: { in: string }) => p.in === 'query');
      expect(queryParams.map((p: { name: string }) => p.name)).toEqual(Object.keys(route.query?.shape ?? {}));
      for (const p of queryParams) {
        const field = jsonSchema(route.query?.shape[p.name], 'input');
        const { description, ...schema } = field;
        expect(p.schema, `${documented.key} ?${p.name}`).toEqual(schema);
        expect(p.description).toEqual(description);
      }
      const pathParams = op.parameters
        .filter((p: { in: string }) => p.in === 'path')
        .map((p: { name: string }) => p.name);
      expect(pathParams).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      expect(op.responses['429']['x-wix-error-codes']).toContain('RESOURCE_EXHAUSTED');
      expect(op.responses['5XX']).toBeDefined();
      if (route.auth !== 'optional') expect(op.responses['401']['x-wix-error-codes']).toContain('UNAUTHENTICATED');
    }
    expect(undocumented).toEqual([]);
    for (const route of ADMIN_ROUTES) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.tags).toEqual(['sandbox-admin']);
      expect(op.responses['200'].content['application/json'].schema).toEqual(jsonSchema(route.response));
      if (route.body)
        expect(op.requestBody.content['application/json'].schema).toEqual(jsonSchema(route.body, 'input'));
      else expect(op.requestBody).toBeUndefined();
    }
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes every documented request body and query parameter from the contract schema its route validates with', () => {
    const withoutSchema: string[] = [];
    for (const route of sb.sandbox.router.all()) {
      const documented = wixOperationFor(route.method, route.path);
      const op = documented && doc.paths[splitKey(documented.key)[1]]?.[route.method.toLowerCase()];
      if (op?.requestBody && !route.body) withoutSchema.push(`${route.method} ${route.path}`);
      const queryNames = op?.parameters
        .filter((p: { in: string }) => p.in === 'query')
        .map((p: { name: string }) => p.name);
      if (queryNames?.length && !route.query) withoutSchema.push(`${route.method} ${route.path} ?query`);
    }
    expect(withoutSchema).toEqual([]);
  });

  it('lists no path the sandbox does not serve', async () => {
    const admin = new Set(ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`));
    for (const { path, method, op } of operations(doc)) {
      if (op.tags?.includes('sandbox-admin')) {
        expect(admin.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
        continue;
      }
      const concrete = path.replace(/\{[^}]+\}/g, 'abc');
      const found = sb.sandbox.router.match(method, concrete);
      expect('def' in found && found.def.operation, `${method} ${path}`).toBe(op.operationId);
    }
    for (const route of ADMIN_ROUTES.filter((r) => r.method === 'GET'))
      expect((await rawCall(sb, 'GET', route.path)).status, route.path).toBe(200);
  });

  it('covers every endpoint of CONTRACT §1–§8 and §13–§16, and the sandbox serves each', () => {
    const served = new Set(sb.sandbox.router.all().map((r) => routeKey(r.method, r.path)));
    const missing = Object.keys(WIX_OPERATIONS).filter((key) => !served.has(routeKey(...splitKey(key))));
    expect(missing).toEqual([]);
    // §1: 9 reseller endpoints, §2: 1, §3: 5, §4: 4, §5: 2, §6: 4, §7: 5, §8: 5; §13: 7, §14: 2, §15: 5, §16: 1.
    expect(Object.keys(WIX_OPERATIONS).length).toBe(50);
  });

  it('documents, on some endpoint and at the same status, every error code the route modules can throw', () => {
    const documented = new Set<string>();
    for (const { op } of operations(doc))
      for (const [status, response] of Object.entries<any>(op.responses))
        for (const code of response['x-wix-error-codes'] ?? []) documented.add(`${status} ${code}`);
    const dir = fileURLToPath(new URL('../src/routes/', import.meta.url));
    const thrown = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'admin.ts')) {
      const text = readFileSync(`${dir}${file}`, 'utf8');
      for (const m of text.matchAll(/appError\((\d{3}), '([^']+)'/g)) thrown.add(`${m[1]} ${m[2]}`);
      for (const m of text.matchAll(/status: (\d{3}), code: '([^']+)'/g)) thrown.add(`${m[1]} ${m[2]}`);
    }
    expect(thrown.size).toBeGreaterThan(30);
    expect([...thrown].filter((pair) => !documented.has(pair)).sort()).toEqual([]);
  });

  it('gives every contract endpoint its own error table (x-wix-endpoint-errors), each code also in its responses', () => {
    let tables = 0;
    for (const { op } of operations(doc)) {
      const key = op['x-contract'] as string | undefined;
      const spec = key ? WIX_OPERATIONS[key] : undefined;
      if (!spec?.errors) {
        expect(op['x-wix-endpoint-errors'], key ?? op.operationId).toBeUndefined();
        continue;
      }
      tables++;
      const expected: Record<string, string[]> = {};
      for (const [status, ...codes] of spec.errors)
        expected[String(status)] = [...new Set([...(expected[String(status)] ?? []), ...codes])];
      expect(op['x-wix-endpoint-errors'], key).toEqual(expected);
      for (const [status, codes] of Object.entries<string[]>(op['x-wix-endpoint-errors']))
        for (const code of codes)
          expect(op.responses[status]?.['x-wix-error-codes'], `${key} ${status} ${code}`).toContain(code);
    }
    expect(tables).toBeGreaterThan(20);
  });

  it('describes real answers of the running sandbox (200s validated with ajv against the document)', async () => {
    const calls = sampleCalls(sb);
    const served = calls.filter(
      (c) =>
        wixOperationFor(c.method, c.docPath) &&
        'def' in sb.sandbox.router.match(c.method, c.path.split('?')[0] as string),
    );
    expect(calls.length - served.length).toBe(0);
    const sampled = new Set(served.map((c) => wixOperationFor(c.method, c.docPath)?.key));
    expect(Object.keys(WIX_OPERATIONS).filter((key) => !sampled.has(key))).toEqual([]);
    const failures: string[] = [];
    for (const call of served) {
      await sb.reset(); // same seed, same IDs: each write sees the seeded world, not the effects of the previous one
      const res = await send(sb, call);
      if (res.status !== 200) failures.push(`${call.method} ${call.path} → ${res.status} ${JSON.stringify(res.body)}`);
      else check(call, '200', res.body);
    }
    expect(failures).toEqual([]);
  });

  it('describes error answers: status documented, body of the documented shape, code listed', async () => {
    const querySites = { method: 'POST', docPath: '/site-list/v2/sites/query' };
    const assertError = async (res: { status: number; body: any }) => {
      const response = check(querySites, String(res.status), res.body);
      const code =
        res.body.details.applicationError?.code ?? (res.body.details.validationError ? 'VALIDATION' : undefined);
      if (code) expect(response['x-wix-error-codes']).toContain(code);
    };
    await assertError(await sb.call('POST', querySites.docPath, { body: {}, apiKey: null }));
    await assertError(await sb.call('POST', querySites.docPath, { body: { query: { filter: { colour: 'red' } } } }));
    await assertError(await sb.call('POST', querySites.docPath, { body: {}, accountId: null }));
    await assertError(
      await sb.call('POST', querySites.docPath, { body: {}, accountId: '00000000-0000-4000-8000-000000000000' }),
    );
    await sb.admin('POST', 'faults', { target: 'querySites', rateLimitShare: 1, times: 1 });
    await assertError(await sb.call('POST', querySites.docPath, { body: {} }));
    await sb.admin('POST', 'faults', { target: 'querySites', errorShare: 1, times: 1 });
    const fault = await sb.call('POST', querySites.docPath, { body: {} });
    expect(fault.status).toBe(503);
    check(querySites, '5XX', fault.body);
  });
});

async function send(sb: TestSandbox, call: SampleCall) {
  return sb.call(call.method, call.path, { body: call.body, accountId: call.accountId, siteId: call.siteId });
}
