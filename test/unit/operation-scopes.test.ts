import { parse, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller, Scope } from '../../src/auth/caller.js';
import { checkOperationScopes } from '../../src/auth/operation-scopes.js';
import { buildGatewaySchema } from '../../src/schema.js';

const caller = (...scopes: Scope[]): Caller => ({
  id: 'token:test',
  kind: 'token',
  name: 'test',
  accounts: 'all',
  scopes: new Set(scopes),
});

/** The scope check sees every root field however the document hides it: aliases, fragments, inline fragments. */
describe('checkOperationScopes', () => {
  let check: (query: string, scopes: Scope[], variables?: Record<string, unknown>) => unknown;
  beforeAll(async () => {
    const schema = await buildGatewaySchema();
    check = (query, scopes, variables) =>
      checkOperationScopes(schema, parse(query), undefined, variables, caller(...scopes));
  });

  const BUY = 'createPackage(input: $input) { userErrors { code } }';

  it('finds a paid mutation behind an alias, a fragment spread or an inline fragment', () => {
    for (const query of [
      `mutation ($input: CreatePackageInput!) { harmless: ${BUY} }`,
      `mutation ($input: CreatePackageInput!) { ...F } fragment F on Mutation { ${BUY} }`,
      `mutation ($input: CreatePackageInput!) { ... on Mutation { ${BUY} } }`,
      `mutation ($input: CreatePackageInput!) { cancelOperation(input: { id: "x" }) { userErrors { code } } ${BUY} }`,
    ])
      expect(() => check(query, ['read', 'write'])).toThrow(/createPackage needs the "purchase" scope/);
  });

  it('lets a dry run through with read, and holds the real run (and connectDomain with a plan) to its scope', () => {
    const flow = 'mutation ($input: PurchaseDomainInput!) { purchaseDomain(input: $input) { userErrors { code } } }';
    expect(check(flow, ['read'], { input: { dryRun: true } })).toMatchObject({ rootFields: ['purchaseDomain'] });
    expect(() => check(flow, ['read', 'write'], { input: { dryRun: false } })).toThrow(/"purchase" scope/);
    const connect = 'mutation ($input: ConnectDomainInput!) { connectDomain(input: $input) { userErrors { code } } }';
    expect(check(connect, ['write'], { input: {} })).toMatchObject({ type: 'mutation' });
    expect(() => check(connect, ['write'], { input: { premiumPlan: {} } })).toThrow(/"purchase" scope/);
  });

  it('holds a document used again (as Apollo caches it) to the new variables and the new caller', async () => {
    const schema = await buildGatewaySchema();
    const connect = parse(
      'mutation ($input: ConnectDomainInput!) { connectDomain(input: $input) { userErrors { code } } }',
    );
    const run = (document: DocumentNode, scopes: Scope[], variables?: Record<string, unknown>) =>
      checkOperationScopes(schema, document, undefined, variables, caller(...scopes));
    expect(run(connect, ['write'], { input: {} })).toMatchObject({ rootFields: ['connectDomain'] });
    expect(() => run(connect, ['write'], { input: { premiumPlan: {} } })).toThrow(/"purchase" scope/);
    const query = parse('query Viewer { viewer { wixId } }');
    expect(run(query, ['read'])).toEqual({ operationName: 'Viewer', type: 'query', rootFields: ['viewer'] });
    expect(() => run(query, [])).toThrow(/Query\.viewer needs the "read" scope/);
    expect(run(query, ['read'])).toMatchObject({ operationName: 'Viewer' });
  });

  it('needs no scope for introspection and __typename, and read for queries', () => {
    expect(check('{ __typename __schema { queryType { name } } }', [])).toMatchObject({ type: 'query' });
    expect(() => check('{ viewer { wixId } }', [])).toThrow(/Query\.viewer needs the "read" scope/);
  });
});
