import { describe, expect, it } from 'vitest';
import {
  AssignDomainDocument,
  ConnectedDomainPropagationDocument,
  SetPrimaryDomainDocument,
  SitesWithAssignmentsDocument,
  UnassignDomainDocument,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { key } from './write-fixtures.js';

describe('gateway: domain assignments and DNS propagation over the sandbox', () => {
  const stack = useStack();
  const main = () => stack.sandbox.seed.mainAccountId;
  const m = (i: number) => stack.sandbox.seed.siteIds[i] as string;
  const ops = async () =>
    (await stack.sandbox.calls()).map((c) => c.operation).filter((o) => o !== 'listChildAccounts');

  it('Site.domainAssignments of every listed site comes from one List Domain Assignments call', async () => {
    const sites = (await stack.data(SitesWithAssignmentsDocument, { first: 50 })).sites!;
    const withDomains = sites.nodes.filter((s) => (s.domainAssignments ?? []).length > 0);
    expect(withDomains.map((s) => s.wixId)).toEqual(expect.arrayContaining([m(0), m(1), m(3)]));
    expect(sites.nodes.find((s) => s.wixId === m(1))?.domainAssignments).toEqual([
      { domain: 'urbanstudio.io', assignmentType: 'PRIMARY', redirectsTo: null, siteWixId: m(1) },
    ]);
    expect(await ops()).toEqual(['querySites', 'listDomainAssignments']);
    const [list] = await stack.sandbox.calls('listDomainAssignments');
    expect(new URLSearchParams(list!.query).getAll('siteIds')).toHaveLength(sites.nodes.length);
  });

  it('assignDomain as REDIRECT, setPrimaryDomain, unassignDomain: one write each, Wix’s rules on the other domains', async () => {
    // A floating connection of the main account (no site yet) to assign.
    const res = await fetch(`${stack.sandbox.url}/domains/v1/connected-domains`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: stack.sandbox.seed.apiKey,
        'wix-account-id': main(),
      },
      body: JSON.stringify({ connectedDomain: { domain: 'mysite.com', connectionType: 'POINTING' } }),
    });
    expect(res.status).toBe(200);
    await stack.sandbox.clearCalls();
    const assigned = await stack.data(AssignDomainDocument, {
      input: { idempotencyKey: key(), domain: 'mysite.com', siteId: m(1) },
    });
    expect(assigned.assignDomain).toEqual({
      domainAssignment: {
        domain: 'mysite.com',
        assignmentType: 'REDIRECT',
        redirectsTo: 'urbanstudio.io',
        siteWixId: m(1),
      },
      userErrors: [],
    });
    const primary = await stack.data(SetPrimaryDomainDocument, {
      input: { idempotencyKey: key(), domain: 'mysite.com' },
    });
    expect(primary.setPrimaryDomain.domainAssignment?.assignmentType).toBe('PRIMARY');
    const sites = (await stack.data(SitesWithAssignmentsDocument, { first: 50 })).sites!;
    expect(sites.nodes.find((s) => s.wixId === m(1))?.domainAssignments).toEqual([
      { domain: 'mysite.com', assignmentType: 'PRIMARY', redirectsTo: null, siteWixId: m(1) },
      { domain: 'urbanstudio.io', assignmentType: 'REDIRECT', redirectsTo: 'mysite.com', siteWixId: m(1) },
    ]);
    const gone = await stack.data(UnassignDomainDocument, { input: { idempotencyKey: key(), domain: 'mysite.com' } });
    expect(gone.unassignDomain.domainAssignment).toEqual({
      domain: 'mysite.com',
      assignmentType: 'UNASSIGNED',
      siteWixId: null,
    });
    const writes = (await stack.sandbox.calls()).filter((c) => c.method !== 'GET' && c.operation !== 'querySites');
    expect(writes.map((c) => c.operation)).toEqual([
      'upsertDomainAssignment',
      'setDomainAsPrimary',
      'deleteDomainAssignment',
    ]);
  });

  it('reports Wix’s refusals as user errors', async () => {
    const other = await stack.data(AssignDomainDocument, {
      input: { idempotencyKey: key(), domain: 'goldengarden.info', siteId: m(1) },
    });
    expect(other.assignDomain.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE', 'input.domain'],
    ]);
    const unknown = await stack.data(SetPrimaryDomainDocument, {
      input: { idempotencyKey: key(), domain: 'nothing-here.com' },
    });
    expect(unknown.setPrimaryDomain.userErrors.map((e) => e.code)).toEqual(['DOMAIN_ASSIGNMENT_NOT_FOUND']);
  });

  it('ConnectedDomain.dnsPropagation: the precise check, one GET per domain', async () => {
    const done = await stack.data(ConnectedDomainPropagationDocument, { domain: 'urbanstudio.io' });
    expect(done.connectedDomain).toEqual({
      domain: 'urbanstudio.io',
      dnsPropagationStatus: 'COMPLETED',
      dnsPropagation: {
        domain: 'urbanstudio.io',
        status: 'SUCCEEDED',
        dnsResolverIncludesWixNs: false,
        invalidRecords: [],
      },
    });
    const pending = await stack.data(ConnectedDomainPropagationDocument, { domain: 'goldengarden.info' });
    expect(pending.connectedDomain?.dnsPropagation).toMatchObject({
      status: 'IN_PROGRESS',
      dnsResolverIncludesWixNs: true,
    });
    expect(await stack.sandbox.calls('getDnsPropagation')).toHaveLength(2);
  });
});
