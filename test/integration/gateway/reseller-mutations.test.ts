import { describe, expect, it } from 'vitest';
import { domainProductId, PRODUCT } from '@wix-account-graph/sandbox';
import {
  CancelPackageDocument,
  CreatePackageDocument,
  UpdatePackageExternalIdDocument,
  type CreatePackageInput,
} from '../../gql/graphql.js';
import { useStack } from '../../helpers/stack.js';
import { expectTopLevel, key, worldOf, writesIn } from './write-fixtures.js';

const YEARLY = { type: 'RECURRING', cycle: { unit: 'YEAR', count: 1 } } as const;

describe('gateway: package mutations over the sandbox', () => {
  const stack = useStack();
  const w = worldOf(stack);
  const main = () => stack.sandbox.seed.mainAccountId;
  const create = (input: CreatePackageInput, headers?: Record<string, string>) =>
    stack.data(CreatePackageDocument, { input }, headers);

  it('createPackage buys once: one Create Package V2 call with the key, the derived externalId and Wix field names', async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const idempotencyKey = key();
    const { createPackage } = await create({
      idempotencyKey,
      products: [
        { catalogProductId: PRODUCT.premiumBusiness, siteId: site, countryCode: 'br', billing: YEARLY },
        { catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US', discountCode: 'SPRING' },
      ],
    });
    expect(createPackage.userErrors).toEqual([]);
    const pkg = createPackage.package!;
    expect(pkg.accountId).toBe(main());
    expect(pkg.externalId).toMatch(/^wag-[0-9a-f]{32}-package$/);
    expect(
      pkg.productInstances.map((i) => [i.catalogProductId, i.status, i.siteWixId, i.countryCode, i.package!.wixId]),
    ).toEqual([
      [PRODUCT.premiumBusiness, 'PENDING', site, 'BR', pkg.wixId],
      [PRODUCT.googleWorkspace, 'PENDING', null, 'US', pkg.wixId],
    ]);
    const calls = await stack.sandbox.calls();
    // The lookup of an earlier purchase by the derived externalId, then the purchase; nested fields come from the answer.
    expect(calls.map((c) => c.operation)).toEqual(['queryPackages', 'createPackage']);
    expect(calls[0]?.body).toEqual({
      query: { filter: { externalId: { $eq: pkg.externalId } }, cursorPaging: { limit: 100 } },
    });
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/resellers/v2/packages', accountId: main(), status: 200 });
    expect(calls[1]?.body).toEqual({
      idempotencyKey,
      externalId: pkg.externalId,
      products: [
        {
          catalogProductId: PRODUCT.premiumBusiness,
          countryCode: 'BR',
          siteId: site,
          billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
        },
        { catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US', discountCode: 'SPRING' },
      ],
    });
    expect((await w.world()).packages.get(pkg.wixId)?.productInstances).toHaveLength(2);
  });

  it('createPackage with a client externalId makes exactly one upstream call', async () => {
    const { createPackage } = await create({
      idempotencyKey: key(),
      externalId: 'crm-42',
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    });
    expect(createPackage.package?.externalId).toBe('crm-42');
    expect((await stack.sandbox.calls()).map((c) => c.operation)).toEqual(['createPackage']);
  });

  it('the same key twice: one createPackage call, the same package; another input with that key: IDEMPOTENCY_CONFLICT', async () => {
    const input = {
      idempotencyKey: key(),
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    };
    const first = await create(input);
    const again = await create(input);
    expect(again.createPackage).toEqual(first.createPackage);
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
    const other = await create({
      ...input,
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'DE' }],
    });
    expect(other.createPackage.package).toBeNull();
    expect(other.createPackage.userErrors).toEqual([
      {
        code: 'IDEMPOTENCY_CONFLICT',
        field: 'input.idempotencyKey',
        message: expect.stringContaining('createPackage'),
      },
    ]);
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
  });

  it('ten concurrent identical createPackage requests buy one package', async () => {
    const input = {
      idempotencyKey: key(),
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => create(input)));
    const ids = new Set(results.map((r) => r.createPackage.package?.wixId));
    expect(ids.size).toBe(1);
    const externalId = results[0]?.createPackage.package?.externalId as string;
    expect(await w.packagesWithExternalId(externalId)).toHaveLength(1);
    expect(await stack.sandbox.calls('createPackage')).toHaveLength(1);
  });

  it('bad input is BAD_USER_INPUT with the fields, before any upstream call', async () => {
    const result = await stack.run(CreatePackageDocument, {
      input: {
        idempotencyKey: 'has space',
        externalId: 'x'.repeat(101),
        products: [
          {
            catalogProductId: 'not-a-guid',
            siteId: 'nope',
            countryCode: 'XX',
            discountCode: 'D'.repeat(26),
            billing: { type: 'UNKNOWN', cycle: { unit: 'YEAR', count: 0 } },
          },
        ],
      },
    });
    expectTopLevel(result, 'BAD_USER_INPUT', [
      'input.idempotencyKey',
      'input.externalId',
      'input.products.0.catalogProductId',
      'input.products.0.siteId',
      'input.products.0.countryCode',
      'input.products.0.discountCode',
      'input.products.0.billing.type',
      'input.products.0.billing.cycle.count',
    ]);
    expectTopLevel(
      await stack.run(CreatePackageDocument, { input: { idempotencyKey: key(), products: [] } }),
      'BAD_USER_INPUT',
      ['input.products'],
    );
    expect(await stack.sandbox.calls()).toEqual([]);
  });

  it("Wix refusals are user errors with Wix's code and the input field; the key is freed for a corrected retry", async () => {
    const site = (await w.freeSites(main()))[0] as string;
    const idempotencyKey = key();
    const expectError = async (input: CreatePackageInput, code: string) => {
      const { createPackage } = await create(input);
      expect(createPackage.package).toBeNull();
      expect(createPackage.userErrors).toEqual([{ code, field: 'input.products', message: expect.any(String) }]);
    };
    await expectError(
      {
        idempotencyKey,
        externalId: 'x',
        products: [{ catalogProductId: PRODUCT.premiumCore, siteId: site, countryCode: 'US' }],
      },
      'MISSING_BILLING_CYCLE',
    );
    await expectError(
      {
        idempotencyKey,
        externalId: 'x',
        products: [{ catalogProductId: '99999999-9999-4999-8999-999999999999', countryCode: 'US' }],
      },
      'PRODUCT_NOT_FOUND',
    );
    const subSite = (await w.freeSites(stack.sandbox.seed.subAccountIds[0] as string))[0] as string;
    await expectError(
      {
        idempotencyKey,
        externalId: 'x',
        products: [{ catalogProductId: PRODUCT.googleWorkspace, siteId: subSite, countryCode: 'US' }],
      },
      'SITE_NOT_FOUND',
    );
    const planned = (await w.assignedLive(main(), 'premium-plan'))[0]!;
    await expectError(
      {
        idempotencyKey,
        externalId: 'x',
        products: [
          {
            catalogProductId: PRODUCT.premiumCore,
            siteId: planned.instance.siteId,
            countryCode: 'US',
            billing: YEARLY,
          },
        ],
      },
      'PRODUCT_TYPE_ALREADY_ASSIGNED',
    );
    // None of the refusals used up the key: the corrected request goes through with it.
    const { createPackage } = await create({
      idempotencyKey,
      externalId: 'x',
      products: [{ catalogProductId: PRODUCT.premiumCore, siteId: site, countryCode: 'US', billing: YEARLY }],
    });
    expect(createPackage.userErrors).toEqual([]);
    expect(createPackage.package?.productInstances[0]?.siteWixId).toBe(site);
  });

  it('a reused reference instance comes back as REFERENCE_PRODUCT_INSTANCE_ALREADY_USED', async () => {
    const plan = await create({
      idempotencyKey: key(),
      externalId: 'plan',
      products: [{ catalogProductId: PRODUCT.premiumBusiness, countryCode: 'US', billing: YEARLY }],
    });
    const planInstance = plan.createPackage.package!.productInstances[0]!;
    const domain = (tld: string) => ({
      idempotencyKey: key(),
      externalId: tld,
      products: [
        {
          catalogProductId: domainProductId(tld) as string,
          countryCode: 'US',
          billing: YEARLY,
          referenceProductInstanceId: planInstance.id,
        },
      ],
    });
    const free = await create(domain('com'));
    expect(free.createPackage.userErrors).toEqual([]);
    expect(free.createPackage.package?.productInstances[0]?.referenceInstance?.wixId).toBe(planInstance.wixId);
    const again = await create(domain('net'));
    expect(again.createPackage.userErrors).toEqual([
      {
        code: 'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED',
        field: 'input.products',
        message: expect.stringContaining('only once'),
      },
    ]);
    const createCalls = await stack.sandbox.calls('createPackage');
    expect(
      createCalls.map(
        (c) =>
          (c.body as { products: Array<{ referenceProductInstanceId?: string }> }).products[0]
            ?.referenceProductInstanceId,
      ),
    ).toEqual([undefined, planInstance.wixId, planInstance.wixId]);
  });

  it('a 5xx on Create Package V2 (it carries a key) is retried and still buys once', async () => {
    await stack.sandbox.admin('POST', 'faults', { target: 'createPackage', errorShare: 1, errorStatus: 503, times: 1 });
    const { createPackage } = await create({
      idempotencyKey: key(),
      externalId: 'retry-me',
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    });
    expect(createPackage.userErrors).toEqual([]);
    const calls = await stack.sandbox.calls('createPackage');
    expect(calls.map((c) => [c.status, c.outcome])).toEqual([
      [503, 'fault-5xx'],
      [200, 'ok'],
    ]);
    expect(await w.packagesWithExternalId('retry-me')).toHaveLength(1);
  });

  it('cancelPackage cancels every instance, sends its key, and answers PACKAGE_NOT_FOUND for an unknown package', async () => {
    const bought = await create({
      idempotencyKey: key(),
      externalId: 'to-cancel',
      products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
    });
    const pkg = bought.createPackage.package!;
    await stack.sandbox.clearCalls();
    const idempotencyKey = key();
    const { cancelPackage } = await stack.data(CancelPackageDocument, { input: { idempotencyKey, packageId: pkg.id } });
    expect(cancelPackage.userErrors).toEqual([]);
    expect(cancelPackage.package?.productInstances.map((i) => i.status)).toEqual(['CANCELED']);
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => [c.method, c.path, c.accountId])).toEqual([
      ['DELETE', `/resellers/v1/packages/${pkg.wixId}`, main()],
    ]);
    expect(calls[0]?.body).toEqual({ idempotencyKey });
    const missing = await stack.data(CancelPackageDocument, {
      input: { idempotencyKey: key(), packageId: '12121212-1212-4212-8212-121212121212' },
    });
    expect(missing.cancelPackage.userErrors).toEqual([
      { code: 'PACKAGE_NOT_FOUND', field: 'input.packageId', message: expect.any(String) },
    ]);
  });

  it('updatePackageExternalId sets the reference with one PATCH and no body', async () => {
    const pkg = [...(await w.world()).packages.values()].find((p) => p.accountId === main())!;
    const { updatePackageExternalId } = await stack.data(UpdatePackageExternalIdDocument, {
      input: { packageId: pkg.id, externalId: 'crm/7 a' },
    });
    expect(updatePackageExternalId).toEqual({ package: { wixId: pkg.id, externalId: 'crm/7 a' }, userErrors: [] });
    const calls = await stack.sandbox.calls();
    expect(calls.map((c) => [c.method, c.path, c.operation])).toEqual([
      ['PATCH', `/resellers/v1/packages/update/${pkg.id}/crm%2F7%20a`, 'updatePackageExternalId'],
    ]);
  });

  it('an input.accountId outside the tree is FORBIDDEN with no upstream write', async () => {
    const result = await stack.run(CreatePackageDocument, {
      input: {
        idempotencyKey: key(),
        accountId: await w.foreignAccount(),
        products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'US' }],
      },
    });
    expectTopLevel(result, 'FORBIDDEN');
    expect(writesIn(await stack.sandbox.calls())).toEqual([]);
  });
});
