import { describe, expect, it } from 'vitest';
import { domainProductExternalId } from '../../../src/flows/domain-product.js';
import { PRODUCT } from '@wix-account-graph/sandbox';
import {
  FlowCancelOperationDocument,
  FlowPurchaseDomainDocument,
  FlowSetUpCustomerSiteDocument,
  type PurchaseDomainInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectSucceeded, finished, stepStatuses, until, writeCalls, FLOW_STACK, REGISTRANT } from './flow-fixtures.js';
import { key, worldOf } from './write-fixtures.js';

/**
 * A flow run again after it failed or was canceled — with a NEW idempotency key, as a client does once it has seen
 * the operation end — or raced by another operation for the same domain, never buys again what is already bought.
 */
describe('flows: runs after a failure, a cancel or a race never buy twice', () => {
  const stack = useStack(FLOW_STACK);
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const purchase = async (input: PurchaseDomainInput) =>
    (await stack.data(FlowPurchaseDomainDocument, { input })).purchaseDomain.operation?.id as string;
  const domainPackages = (domain: string) => w.packagesWithExternalId(domainProductExternalId(main(), main(), domain));
  const premiumSite = async () => {
    const world = await w.world();
    return [...world.sites.values()].find(
      (s) =>
        s.ownerAccountId === main() &&
        s.premium &&
        world.instancesOfSite(s.id).some((i) => i.instance.status === 'ENABLED'),
    )?.id as string;
  };

  async function availableDomain(prefix: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const domain = `${prefix}-${i}.com`;
      const res = await stack.sandbox.call('GET', `/domain-search/v2/check-domain-availability?domain=${domain}`);
      if (res.body.availability.available) return domain;
    }
    throw new Error('no available domain');
  }

  it('purchaseDomain failed at the registration; a run with a new key uses the plan and the domain product bought before', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const domain = await availableDomain('retryshop');
    await stack.sandbox.admin('POST', 'faults', { target: 'createRegisteredDomain', errorShare: 1 });
    const first = await finished(
      stack,
      await purchase({ idempotencyKey: key(), siteId: site, domain, contacts: { registrant: REGISTRANT } }),
      { advanceMs: 5 * 60_000 },
    );
    expect(first.status).toBe('FAILED');
    expect(stepStatuses(first)).toMatchObject({ premiumPlan: 'DONE', domainProduct: 'DONE', registerDomain: 'FAILED' });
    const bought = await domainPackages(domain);
    expect(bought).toHaveLength(1);
    await stack.sandbox.admin('DELETE', 'faults');

    const second = expectSucceeded(
      await finished(
        stack,
        await purchase({ idempotencyKey: key(), siteId: site, domain, contacts: { registrant: REGISTRANT } }),
        { advanceMs: 5 * 60_000 },
      ),
    );
    expect(stepStatuses(second)).toMatchObject({
      premiumPlan: 'SKIPPED',
      domainProduct: 'SKIPPED',
      registerDomain: 'DONE',
      waitForActive: 'DONE',
    });
    const instance = bought[0]?.productInstances[0]?.instanceId;
    expect(second.result).toMatchObject({
      domainProductInstanceWixId: instance,
      registeredDomain: { domain, status: 'ACTIVE', productInstanceId: instance },
    });
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(2); // the plan and the domain product, once each
    expect(await domainPackages(domain)).toHaveLength(1);
  });

  it('setUpCustomerSite canceled after buying; a run with a new key finds the services on the site and buys nothing', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const input = {
      siteId: site,
      targetAccountId: stack.sandbox.seed.subAccountIds[0] as string,
      products: [
        { catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR' as const, count: 1 } },
      ],
    };
    const id = (await stack.data(FlowSetUpCustomerSiteDocument, { input: { ...input, idempotencyKey: key() } }))
      .setUpCustomerSite.operation?.id as string;
    await until(stack, id, (op) => op.status === 'WAITING');
    expect((await stack.data(FlowCancelOperationDocument, { input: { id } })).cancelOperation.operation?.status).toBe(
      'CANCELED',
    );

    const again = (await stack.data(FlowSetUpCustomerSiteDocument, { input: { ...input, idempotencyKey: key() } }))
      .setUpCustomerSite.operation?.id as string;
    const op = expectSucceeded(await finished(stack, again));
    expect(stepStatuses(op)).toMatchObject({ transferSite: 'SKIPPED', createPackage: 'SKIPPED' });
    expect(op.result).toMatchObject({ site: { wixId: site, premium: true } });
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
  });

  it('two operations (two keys) buying one domain for a site at once: one domain product, one registration, both succeed', async () => {
    const site = await premiumSite();
    const domain = await availableDomain('raceshop');
    const ids = await Promise.all(
      [key(), key()].map((idempotencyKey) =>
        purchase({ idempotencyKey, siteId: site, domain, contacts: { registrant: REGISTRANT } }),
      ),
    );
    const ops = await Promise.all(ids.map((id) => finished(stack, id, { advanceMs: 5 * 60_000 })));
    for (const op of ops) expectSucceeded(op);
    expect(await domainPackages(domain)).toHaveLength(1);
    expect((await w.world()).registeredDomains.get(domain)).toMatchObject({ status: 'ACTIVE', siteInfo: { id: site } });
    expect(
      writeCalls(await stack.sandbox.calls()).filter(
        (c) => c.operation === 'createRegisteredDomain' && c.status === 200,
      ),
    ).toHaveLength(1);
  });

  it('a domain the account holds for another site fails at once with REGISTERED_DOMAIN_ALREADY_EXISTS, buying nothing', async () => {
    const world = await w.world();
    const held = [...world.registeredDomains.values()].find(
      (rd) => world.registeredOwner.get(rd.domain) === main() && rd.siteInfo?.id && rd.status === 'ACTIVE',
    );
    expect(held).toBeDefined();
    const other = (await w.freeSites(main()))[0] as string;
    const op = await finished(
      stack,
      await purchase({
        idempotencyKey: key(),
        siteId: other,
        domain: held!.domain,
        contacts: { registrant: REGISTRANT },
      }),
    );
    expect(op.status).toBe('FAILED');
    expect(op.userErrors).toEqual([
      {
        code: 'REGISTERED_DOMAIN_ALREADY_EXISTS',
        field: 'input.domain',
        message: expect.stringContaining(`for site ${held!.siteInfo?.id}`),
      },
    ]);
    expect(stepStatuses(op).findSite).toBe('FAILED');
    expect(writeCalls(await stack.sandbox.calls())).toEqual([]);
  });
});
