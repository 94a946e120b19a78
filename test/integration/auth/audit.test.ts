import { PRODUCT } from '@wix-account-graph/sandbox';
import { parse } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreatePackageDocument,
  FlowConnectDomainDocument,
  FlowPurchaseDomainDocument,
  FlowReassignPaidServiceDocument,
  FlowSetUpCustomerSiteDocument,
} from '../../gql/graphql.js';
import { toGlobalId } from '../../../src/schema/node.type.js';
import { TestStack } from '../../helpers/stack.js';
import { SHERLOCK } from '../gateway/domain-fixtures.js';
import { expectSucceeded, finished, FLOW_STACK, writeCalls } from '../gateway/flow-fixtures.js';
import { key, worldOf } from '../gateway/write-fixtures.js';

const AUDIT = parse(`
  query Audit($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      nodes {
        time caller callerName tenantId accountId operationName mutation operationId idempotencyKey
        endpoint request paid status wixCode errorCode createdIds
      }
    }
  }
`);
const YEARLY = { type: 'RECURRING', cycle: { unit: 'YEAR', count: 1 } } as const;
const REQUESTED_BY = parse('query Op($id: ID!) { operation(id: $id) { requestedBy } }');

interface AuditPage {
  auditEvents: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<Record<string, unknown>>;
  };
}

/**
 * The audit trail: every upstream write of a paid mutation and of a flow leaves exactly its events, naming the
 * caller (token id and name), the tenant, the mutation or flow, the operation and the outcome; `auditEvents` needs
 * admin, pages and filters; the trail is in the store file and survives a restart of the gateway.
 */
describe('access control: the audit trail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wag-audit-'));
  const storePath = join(dir, 'auth.sqlite');
  let stack: TestStack;
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const audit = async (variables: Record<string, unknown>, token?: string) =>
    stack.data<AuditPage, Record<string, unknown>>(
      AUDIT,
      { first: 100, ...variables },
      token ? stack.authHeaders(token) : undefined,
    );

  it('records a paid mutation and a flow with the caller, and nothing for what was refused', async () => {
    stack = await TestStack.start({ ...FLOW_STACK, auth: { storePath } });
    const staff = await stack.token({ name: 'agency staff', scopes: ['read', 'write', 'purchase'] });
    const staffId = `token:${/^wag_([0-9a-f]{16})_/.exec(staff)?.[1]}`;
    const main = stack.sandbox.seed.mainAccountId;
    await stack.sandbox.clearCalls();

    // A read token's refused purchase writes nothing, so records nothing.
    const reader = await stack.token({ scopes: ['read'] });
    const input = {
      idempotencyKey: key(),
      products: [{ catalogProductId: PRODUCT.premiumBusiness, countryCode: 'US', billing: YEARLY }],
    };
    expect((await stack.run(CreatePackageDocument, { input }, stack.authHeaders(reader))).status).toBe(403);
    expect((await audit({})).auditEvents.nodes).toEqual([]);

    const { createPackage } = await stack.data(CreatePackageDocument, { input }, stack.authHeaders(staff));
    const [bought] = (await audit({})).auditEvents.nodes;
    expect(bought).toEqual({
      time: expect.any(String),
      caller: staffId,
      callerName: 'agency staff',
      tenantId: main,
      accountId: main,
      operationName: 'CreatePackage',
      mutation: 'createPackage',
      operationId: null,
      idempotencyKey: input.idempotencyKey,
      endpoint: 'Create Package V2',
      request: 'POST /resellers/v2/packages',
      paid: true,
      status: 200,
      wixCode: null,
      errorCode: null,
      createdIds: [`package:${createPackage.package?.wixId}`],
    });

    const site = (await worldOf(stack).freeSites(main))[0] as string;
    const flowKey = key();
    const purchase = {
      idempotencyKey: flowKey,
      siteId: site,
      domain: 'audited-shop.com',
      contacts: { registrant: SHERLOCK },
    };
    await stack.sandbox.clearCalls();
    const { operation } = (await stack.data(FlowPurchaseDomainDocument, { input: purchase }, stack.authHeaders(staff)))
      .purchaseDomain;
    expectSucceeded(await finished(stack, operation?.id as string, { advanceMs: 5 * 60_000 }));
    const requested = await stack.data<{ operation: { requestedBy: string } }, object>(REQUESTED_BY, {
      id: operation?.id,
    });
    expect(requested.operation.requestedBy).toBe(staffId);

    const writes = writeCalls(await stack.sandbox.calls());
    const events = (await audit({ filter: { caller: staffId } })).auditEvents.nodes.reverse().slice(1);
    // Exactly one event per upstream write of the flow, in order, all naming the requester and the operation.
    expect(events.map((e) => e.endpoint)).toEqual([
      'Create Package V2',
      'Create Package V2',
      'Create Registered Domain',
    ]);
    expect(writes).toHaveLength(events.length);
    for (const e of events)
      expect(e).toMatchObject({
        caller: staffId,
        callerName: 'agency staff',
        mutation: 'purchaseDomain',
        operationId: operation?.id,
        idempotencyKey: flowKey,
        tenantId: main,
        paid: true,
        status: 200,
      });
    expect(events[2]?.createdIds).toEqual(['registeredDomain:audited-shop.com']);
  });

  it('every flow leaves one event per upstream write it made, naming the requester and the operation', async () => {
    const staff = await stack.token({ name: 'backend integration', scopes: ['read', 'write', 'purchase'] });
    const staffId = `token:${/^wag_([0-9a-f]{16})_/.exec(staff)?.[1]}`;
    const main = stack.sandbox.seed.mainAccountId;
    const w = worldOf(stack);
    const [site, other] = await w.freeSites(main);
    // One live plan moves (reassign); a site with another keeps its plan for connectDomain.
    const [live, kept] = await w.assignedLive(main, 'premium-plan');
    const premium = kept?.instance.siteId;
    const flows = [
      {
        document: FlowSetUpCustomerSiteDocument,
        input: {
          idempotencyKey: key(),
          siteId: site as string,
          targetAccountId: stack.sandbox.seed.subAccountIds[0] as string,
          products: [
            { catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR', count: 1 } },
          ],
        },
        mutation: 'setUpCustomerSite',
      },
      {
        document: FlowReassignPaidServiceDocument,
        input: {
          idempotencyKey: key(),
          productInstanceId: toGlobalId('ProductInstance', live?.instance.instanceId as string),
          targetSiteId: other as string,
          unassignFirst: true,
        },
        mutation: 'reassignPaidService',
      },
      {
        document: FlowConnectDomainDocument,
        input: { idempotencyKey: key(), siteId: premium as string, domain: 'acme-pointing.de', method: 'POINTING' },
        mutation: 'connectDomain',
      },
    ] as const;
    for (const flow of flows) {
      await stack.sandbox.clearCalls();
      const answer = await stack.data<Record<string, { operation: { id: string } | null }>, object>(
        flow.document,
        { input: flow.input },
        stack.authHeaders(staff),
      );
      const id = answer[flow.mutation]?.operation?.id as string;
      expectSucceeded(await finished(stack, id, { advanceMs: 10 * 60_000 }));
      const writes = writeCalls(await stack.sandbox.calls());
      const events = (await audit({ filter: { caller: staffId } })).auditEvents.nodes.filter(
        (e) => e.operationId === id,
      );
      expect(writes.length, flow.mutation).toBeGreaterThan(0);
      expect(events, flow.mutation).toHaveLength(writes.length);
      for (const e of events)
        expect(e).toMatchObject({ caller: staffId, callerName: 'backend integration', mutation: flow.mutation });
    }
  });

  it('auditEvents needs admin, pages newest first and filters', async () => {
    const staff = await stack.token({ scopes: ['read', 'write', 'purchase'] });
    const refused = await stack.run(AUDIT, { first: 5 }, stack.authHeaders(staff));
    expect([refused.status, refused.errors?.[0]?.extensions?.requiredScope]).toEqual([403, 'admin']);
    const first = await audit({ first: 2 });
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await audit({ first: 2, after: first.auditEvents.pageInfo.endCursor });
    expect(String(next.auditEvents.nodes[0]?.time) <= String(first.auditEvents.nodes[1]?.time)).toBe(true);
    expect(next.auditEvents.nodes).not.toContainEqual(first.auditEvents.nodes[1]);
    const paid = await audit({ filter: { paidOnly: true } });
    expect(paid.auditEvents.nodes.every((e) => e.paid === true)).toBe(true);
    const none = await audit({ filter: { since: new Date(Date.now() + 60_000).toISOString() } });
    expect(none.auditEvents.nodes).toEqual([]);
  });

  it('survives a restart: a new gateway on the same store reads the same trail (and the same tokens)', async () => {
    const before = (await audit({})).auditEvents.nodes;
    expect(before.length).toBeGreaterThan(4);
    const admin = stack.adminToken;
    await stack.close();
    stack = await TestStack.start({ ...FLOW_STACK, auth: { storePath } });
    expect((await audit({}, admin)).auditEvents.nodes).toEqual(before);
  });
});
