import { describe, expect, it } from 'vitest';
import { domainProductExternalId } from '../../../src/flows/domain-product.js';
import { externalIdFor } from '../../../src/idempotency/external-ids.js';
import { domainProductId, PRODUCT } from '@wix-account-graph/sandbox';
import {
  FlowConnectDomainDocument,
  FlowPurchaseDomainDocument,
  type ConnectDomainInput,
  type PurchaseDomainInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectSucceeded, finished, stepStatuses, writeCalls, FLOW_STACK, REGISTRANT } from './flow-fixtures.js';
import { expectTopLevel, key, worldOf } from './write-fixtures.js';

describe('flows: purchaseDomain and connectDomain', () => {
  const stack = useStack(FLOW_STACK);
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const premiumSite = async () =>
    [...(await w.world()).sites.values()].find((s) => s.ownerAccountId === main() && s.premium)?.id as string;
  const purchase = (input: PurchaseDomainInput) => stack.data(FlowPurchaseDomainDocument, { input });
  const connect = (input: ConnectDomainInput) => stack.data(FlowConnectDomainDocument, { input });

  /** A .com name the sandbox's registry has free. */
  async function availableDomain(): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const domain = `flowshop-${i}.com`;
      const res = await stack.sandbox.call('GET', `/domain-search/v2/check-domain-availability?domain=${domain}`);
      if (res.body.availability.available) return domain;
    }
    throw new Error('no available domain');
  }

  it('purchaseDomain on a free site: plan, free domain product (plan as reference), registration, ACTIVE — dry run first writes nothing', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const domain = await availableDomain();
    const idempotencyKey = key();
    const input: PurchaseDomainInput = { idempotencyKey, siteId: site, domain, contacts: { registrant: REGISTRANT } };
    await stack.sandbox.clearCalls();
    const dry = (await purchase({ ...input, dryRun: true })).purchaseDomain;
    expect(dry.plan?.steps.map((s) => [s.name, s.plan, s.paid])).toEqual([
      ['findSite', 'IN_PLACE', false],
      ['premiumPlan', 'WOULD_ACT', true],
      ['domainProduct', 'WOULD_ACT', true],
      ['waitForInstances', 'WOULD_ACT', false],
      ['registerDomain', 'WOULD_ACT', true],
      ['waitForActive', 'WOULD_ACT', false],
    ]);
    expect(dry.plan?.wouldCallPaidEndpoint).toBe(true);
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);

    const { operation } = (await purchase(input)).purchaseDomain;
    const op = expectSucceeded(await finished(stack, operation?.id as string, { advanceMs: 5 * 60_000 }));
    expect(Object.values(stepStatuses(op))).toEqual(['SKIPPED', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
    const result = op.result?.__typename === 'PurchaseDomainResult' ? op.result : undefined;
    expect(result?.registeredDomain).toEqual({
      domain,
      status: 'ACTIVE',
      productInstanceId: result?.domainProductInstanceWixId,
      siteWixId: site,
    });
    expect(result?.site).toMatchObject({
      wixId: site,
      premium: true,
      registeredDomains: [{ domain, status: 'ACTIVE' }],
    });

    const writes = writeCalls(await stack.sandbox.calls());
    expect(writes.map((c) => c.operation)).toEqual(['createPackage', 'createPackage', 'createRegisteredDomain']);
    const [plan, domainProduct, registration] = writes;
    const planInstance = (await w.packagesWithExternalId(externalIdFor(main(), idempotencyKey, 'plan')))[0]
      ?.productInstances[0];
    expect(plan?.body).toMatchObject({
      idempotencyKey: `${idempotencyKey}:plan`,
      externalId: externalIdFor(main(), idempotencyKey, 'plan'),
      products: [{ catalogProductId: PRODUCT.premiumLight, siteId: site, countryCode: 'US' }],
    });
    // The domain product is keyed by the domain, not the client's key (domain-product.ts): a later run finds it.
    expect(domainProduct?.body).toEqual({
      idempotencyKey: expect.stringMatching(/^wag-domain-[0-9a-f]{32}-0$/),
      externalId: domainProductExternalId(main(), main(), domain),
      products: [
        {
          catalogProductId: domainProductId('com'),
          countryCode: 'US',
          billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
          referenceProductInstanceId: planInstance?.instanceId,
        },
      ],
    });
    expect(registration).toMatchObject({
      accountId: main(),
      siteId: site,
      body: { registeredDomain: { domain, productInstanceId: result?.domainProductInstanceWixId } },
    });
  });

  it('connectDomain POINTING on a Premium site: the A and www CNAME records on the operation, until COMPLETED', async () => {
    const site = await premiumSite();
    const { operation } = (
      await connect({ idempotencyKey: key(), siteId: site, domain: 'acme-pointing.de', method: 'POINTING' })
    ).connectDomain;
    const op = expectSucceeded(await finished(stack, operation?.id as string, { advanceMs: 10 * 60_000 }));
    expect(stepStatuses(op)).toEqual({
      findSite: 'SKIPPED',
      premiumPlan: 'SKIPPED',
      waitForPlan: 'SKIPPED',
      createConnectedDomain: 'DONE',
      readSetupInfo: 'DONE',
      updateDnsZone: 'SKIPPED',
      waitForPropagation: 'DONE',
    });
    expect(op.recordsToSet).toEqual([
      { type: 'A', hostName: 'acme-pointing.de', ttl: 3600, values: ['185.230.63.107'] },
      { type: 'CNAME', hostName: 'www.acme-pointing.de', ttl: 3600, values: ['pointing.wixdns.net'] },
    ]);
    const result = op.result?.__typename === 'ConnectDomainResult' ? op.result : undefined;
    expect(result?.connectedDomain).toMatchObject({
      domain: 'acme-pointing.de',
      connectionType: 'POINTING',
      dnsPropagationStatus: 'COMPLETED',
      siteWixId: site,
    });
    expect(result?.connectedDomain?.setupInfo?.records.map((r) => r.type)).toEqual(['A', 'CNAME']);
    expect(writeCalls(await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['createConnectedDomain']);
  });

  it('connectDomain NAMESERVERS on a free site: buys the plan, lists the NS values, sets the zone records, until COMPLETED', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const domain = 'acme-nameservers.de';
    const input: ConnectDomainInput = {
      idempotencyKey: key(),
      siteId: site,
      domain,
      method: 'NAMESERVERS',
      premiumPlan: { catalogProductId: PRODUCT.premiumBusiness, countryCode: 'DE' },
      dnsRecords: [{ type: 'A', hostName: domain, values: ['203.0.113.10'] }],
    };
    const { operation } = (await connect(input)).connectDomain;
    const op = expectSucceeded(await finished(stack, operation?.id as string, { advanceMs: 10 * 60_000 }));
    expect(Object.values(stepStatuses(op))).toEqual(['SKIPPED', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
    expect(op.recordsToSet).toEqual([
      { type: 'NS', hostName: domain, ttl: 86400, values: ['ns13.wixdns.net', 'ns12.wixdns.net'] },
    ]);
    const zone = (await w.world()).dnsZones.get(domain);
    expect(zone?.records.filter((r) => r.type === 'A')).toEqual([
      { type: 'A', hostName: domain, ttl: 3600, values: ['203.0.113.10'] },
    ]);
    const writes = writeCalls(await stack.sandbox.calls());
    expect(writes.map((c) => c.operation)).toEqual(['createPackage', 'createConnectedDomain', 'updateDnsZone']);
    expect(writes[2]?.body).toEqual({
      deletions: [{ type: 'A', hostName: domain, ttl: 3600, values: ['185.230.63.107'] }],
      additions: [{ type: 'A', hostName: domain, ttl: 3600, values: ['203.0.113.10'] }],
    });
  });

  it('connectDomain SUBDOMAIN: the CNAME records on the operation', async () => {
    const { operation } = (
      await connect({
        idempotencyKey: key(),
        siteId: await premiumSite(),
        domain: 'shop.acme-sub.de',
        method: 'SUBDOMAIN',
      })
    ).connectDomain;
    const op = expectSucceeded(await finished(stack, operation?.id as string, { advanceMs: 10 * 60_000 }));
    expect(op.recordsToSet).toEqual([
      { type: 'CNAME', hostName: 'shop.acme-sub.de', ttl: 3600, values: ['pointing.wixdns.net'] },
    ]);
    expect(writeCalls(await stack.sandbox.calls()).map((c) => c.body)).toEqual([
      {
        connectedDomain: {
          domain: 'shop.acme-sub.de',
          siteInfo: { assignmentType: 'PRIMARY' },
          suppressNotifications: false,
        },
      },
    ]);
  });

  it("a domain for a free site fails with Wix's NON_PREMIUM_SITE; zone records with POINTING are refused before any call", async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const { operation } = (
      await connect({ idempotencyKey: key(), siteId: site, domain: 'acme-free.de', method: 'POINTING' })
    ).connectDomain;
    const op = await finished(stack, operation?.id as string);
    expect(op.status).toBe('FAILED');
    expect(op.userErrors).toEqual([{ code: 'NON_PREMIUM_SITE', field: 'input.domain', message: expect.any(String) }]);
    expect(stepStatuses(op).createConnectedDomain).toBe('FAILED');

    await stack.sandbox.clearCalls();
    const bad = await stack.run(FlowConnectDomainDocument, {
      input: {
        idempotencyKey: key(),
        siteId: site,
        domain: 'acme-free.de',
        method: 'POINTING',
        dnsRecords: [{ type: 'A', hostName: 'acme-free.de', values: ['203.0.113.10'] }],
      },
    });
    expectTopLevel(bad, 'BAD_USER_INPUT', ['input.dnsRecords']);
    expect(await stack.sandbox.calls()).toEqual([]);
  });
});
