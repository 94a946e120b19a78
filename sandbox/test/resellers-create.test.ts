import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT, domainProductId } from '../src/catalog.js';
import { TestSandbox } from './helpers/test-sandbox.js';

const CREATE = '/resellers/v2/packages';
const YEAR1 = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } };
const MONTH1 = { type: 'RECURRING', cycleDuration: { unit: 'MONTH', count: 1 } };
const COM = domainProductId('com') as string;

describe('sandbox: Create Package V2 (POST /resellers/v2/packages)', () => {
  let sb: TestSandbox;
  const world = () => sb.sandbox.world;
  /** Sites of the account with no product instance at all (free sites). */
  const freeSites = (accountId = sb.seed.mainAccountId) =>
    [...world().sites.values()]
      .filter((s) => s.ownerAccountId === accountId && world().instancesOfSite(s.id).length === 0)
      .map((s) => s.id);
  const create = (body: unknown, accountId?: string) =>
    sb.call('POST', CREATE, { body, ...(accountId ? { accountId } : {}) });
  const plan = (siteId?: string, extra: Record<string, unknown> = {}) => ({
    catalogProductId: PRODUCT.premiumBusiness,
    ...(siteId ? { siteId } : {}),
    billingInfo: YEAR1,
    countryCode: 'BR',
    ...extra,
  });
  const expectCode = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body.details.applicationError.code).toBe(code);
  };

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('TV1: answers the package with a PENDING instance on the site, echoing externalId and the idempotency key', async () => {
    const siteId = freeSites()[0] as string;
    const res = await create({ products: [plan(siteId)], externalId: 'some-external-id', idempotencyKey: 'tv1' });
    expect(res.status).toBe(200);
    expect(res.body.idempotencyKey).toBe('tv1');
    const pkg = res.body.package;
    expect(pkg).toMatchObject({
      accountId: sb.seed.mainAccountId,
      externalId: 'some-external-id',
      parentAccountId: sb.seed.mainAccountId,
    });
    expect(pkg.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(pkg.createdDate).toBe(pkg.updatedDate);
    expect(pkg.productInstances).toHaveLength(1);
    const instance = pkg.productInstances[0];
    expect(instance).toMatchObject({
      siteId,
      catalogProductId: PRODUCT.premiumBusiness,
      status: 'PENDING',
      billingInfo: YEAR1,
      countryCode: 'BR',
    });
    expect(instance.instanceId).not.toBe(PRODUCT.premiumBusiness);
    expect(Object.keys(instance).sort()).toEqual([
      'billingInfo',
      'catalogProductId',
      'countryCode',
      'createdDate',
      'instanceId',
      'siteId',
      'status',
      'updatedDate',
    ]);
    const got = await sb.call('GET', `/resellers/v1/packages/${pkg.id}`);
    expect(got.body.package).toEqual(pkg);
  });

  it('creates floating instances when siteId is omitted and fills the only billing cycle of single-cycle products', async () => {
    const res = await create({ products: [{ catalogProductId: PRODUCT.googleWorkspace, countryCode: 'us' }] });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('idempotencyKey');
    const instance = res.body.package.productInstances[0];
    expect(instance).not.toHaveProperty('siteId');
    expect(instance.billingInfo).toEqual(MONTH1);
    expect(instance.countryCode).toBe('US');
  });

  it('creates the package of a sub-account with parentAccountId = the root of its tree', async () => {
    const sub = sb.seed.subAccountIds[1] as string;
    const res = await create({ products: [plan(freeSites(sub)[0])] }, sub);
    expect(res.status).toBe(200);
    expect(res.body.package).toMatchObject({ accountId: sub, parentAccountId: sb.seed.mainAccountId });
  });

  it('requires countryCode in every product (validation error naming each one) and checks shapes', async () => {
    const res = await create({
      products: [
        { catalogProductId: PRODUCT.googleWorkspace },
        { catalogProductId: PRODUCT.googleWorkspace, countryCode: 'Brazil' },
      ],
    });
    expect(res.status).toBe(400);
    const fields = res.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field);
    expect(fields).toEqual(['products[0].countryCode', 'products[1].countryCode']);
    expect((await create({})).status).toBe(400);
    expect((await create({ products: [] })).status).toBe(400);
    const longExternal = await create({ products: [plan()], externalId: 'x'.repeat(101) });
    expect(longExternal.body.details.validationError.fieldViolations[0].field).toBe('externalId');
    const longDiscount = await create({ products: [plan(undefined, { discountCode: 'D'.repeat(26) })] });
    expect(longDiscount.status).toBe(400);
  });

  it('answers the billing-cycle codes: MISSING, INCOMPATIBLE, INVALID', async () => {
    expectCode(
      await create({ products: [{ catalogProductId: PRODUCT.premiumBusiness, countryCode: 'US' }] }),
      428,
      'MISSING_BILLING_CYCLE',
    );
    expectCode(
      await create({
        products: [plan(undefined, { billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'WEEK', count: 1 } } })],
      }),
      428,
      'INCOMPATIBLE_BILLING_CYCLE',
    );
    expectCode(
      await create({ products: [plan(undefined, { billingInfo: { type: 'RECURRING' } })] }),
      428,
      'INVALID_BILLING_CYCLE',
    );
    expectCode(
      await create({ products: [plan(undefined, { billingInfo: { type: 'UNKNOWN' } })] }),
      428,
      'INVALID_BILLING_CYCLE',
    );
    const badUnit = await create({
      products: [plan(undefined, { billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'DECADE' } } })],
    });
    expect(badUnit.status).toBe(400);
  });

  it('answers PRODUCT_NOT_FOUND, INVALID_PRODUCTS, PRODUCT_SETTINGS_NOT_FOUND and ACCOUNT_NOT_FOUND', async () => {
    const unknown = await create({
      products: [{ catalogProductId: '11111111-1111-4111-8111-111111111111', countryCode: 'US' }],
    });
    expectCode(unknown, 404, 'PRODUCT_NOT_FOUND');
    const invalid = await create({ products: [{ catalogProductId: PRODUCT.enterpriseStudio, countryCode: 'US' }] });
    expectCode(invalid, 428, 'INVALID_PRODUCTS');
    expect(invalid.body.details.applicationError.data.productIds).toEqual([PRODUCT.enterpriseStudio]);
    expectCode(
      await create({ products: [{ catalogProductId: PRODUCT.legacyVipPlan, countryCode: 'US' }] }),
      428,
      'PRODUCT_SETTINGS_NOT_FOUND',
    );
    expectCode(await create({ products: [plan()] }, '00000000-0000-4000-8000-000000000000'), 404, 'ACCOUNT_NOT_FOUND');
  });

  it('answers SITE_NOT_FOUND for a site the header account does not own', async () => {
    const sub = sb.seed.subAccountIds[0] as string;
    const res = await create({ products: [plan(freeSites(sub)[0])] });
    expectCode(res, 404, 'SITE_NOT_FOUND');
    expect(res.body.details.applicationError.data).toMatchObject({
      ownerAccountId: sub,
      requestingAccountId: sb.seed.mainAccountId,
    });
    expectCode(await create({ products: [plan('918aa943-ab4f-40bc-88c3-8dfd02fae7cd')] }), 404, 'SITE_NOT_FOUND');
  });

  it('enforces one product type per site: MULTIPLE_PRODUCT_ASSIGNMENTS and PRODUCT_TYPE_ALREADY_ASSIGNED', async () => {
    const [a] = freeSites();
    const twice = await create({ products: [plan(a), plan(a)] });
    expectCode(twice, 428, 'MULTIPLE_PRODUCT_ASSIGNMENTS');
    expectCode(
      await create({ products: [plan(a), { ...plan(a), catalogProductId: PRODUCT.premiumCore }] }),
      428,
      'MULTIPLE_PRODUCT_ASSIGNMENTS',
    );
    expect((await create({ products: [plan(a)] })).status).toBe(200);
    const again = await create({
      products: [{ ...plan(a), catalogProductId: PRODUCT.premiumLight, billingInfo: MONTH1 }],
    });
    expectCode(again, 428, 'PRODUCT_TYPE_ALREADY_ASSIGNED');
    // A CANCELED instance of the type does not count: site m0 has a cancelled Ascend.
    const cancelledAscend = [...world().packages.values()]
      .flatMap((p) => p.productInstances)
      .find((i) => i.catalogProductId === PRODUCT.ascend && i.status === 'CANCELED');
    const m0 = cancelledAscend?.siteId as string;
    expect(
      (
        await create({
          products: [{ catalogProductId: PRODUCT.ascend, siteId: m0, billingInfo: YEAR1, countryCode: 'US' }],
        })
      ).status,
    ).toBe(200);
  });

  it('answers PRODUCT_NOT_SUPPORTED_ON_SITE for a domain on a free site, unless a plan comes in the same request', async () => {
    const [a, b] = freeSites();
    const domain = { catalogProductId: COM, siteId: a, billingInfo: YEAR1, countryCode: 'US' };
    expectCode(await create({ products: [domain] }), 428, 'PRODUCT_NOT_SUPPORTED_ON_SITE');
    expectCode(
      await create({ products: [{ catalogProductId: PRODUCT.siteBooster, siteId: a, countryCode: 'US' }] }),
      428,
      'PRODUCT_NOT_SUPPORTED_ON_SITE',
    );
    const together = await create({ products: [plan(b), { ...domain, siteId: b }] });
    expect(together.status).toBe(200);
    // A PENDING plan is enough for a later request too.
    expect(
      (await create({ products: [{ catalogProductId: PRODUCT.siteBooster, siteId: b, countryCode: 'US' }] })).status,
    ).toBe(200);
  });

  it('answers PRODUCT_LIMIT_EXCEEDED past the per-account limit, counting only live instances', async () => {
    const email = { catalogProductId: PRODUCT.emailMarketingPro, countryCode: 'US' };
    const four = await create({ products: [email, email, email, email] });
    expectCode(four, 428, 'PRODUCT_LIMIT_EXCEEDED');
    const three = await create({ products: [email, email, email] });
    expect(three.status).toBe(200);
    const more = await create({ products: [email] });
    expectCode(more, 428, 'PRODUCT_LIMIT_EXCEEDED');
    expect(more.body.details.applicationError.data).toMatchObject({ currentCount: 3, limit: 3 });
    const cancelled = three.body.package.productInstances[0].instanceId;
    expect((await sb.call('DELETE', `/resellers/v1/packages/product-instances/${cancelled}`)).status).toBe(200);
    expect((await create({ products: [email] })).status).toBe(200);
    // Limits are per account: a sub-account has its own three.
    expect((await create({ products: [email, email, email] }, sb.seed.subAccountIds[0])).status).toBe(200);
  });

  it('accepts a reference instance once and refuses reuse, bad status, non-reference products and unknown IDs', async () => {
    const [a, b] = freeSites();
    const first = await create({ products: [plan(a)] });
    const planInstance = first.body.package.productInstances[0].instanceId;
    const domain = (siteId: string, ref: string, product = COM) => ({
      catalogProductId: product,
      siteId,
      billingInfo: YEAR1,
      countryCode: 'US',
      referenceProductInstanceId: ref,
    });
    const ok = await create({ products: [domain(a as string, planInstance)] });
    expect(ok.status).toBe(200);
    expect(ok.body.package.productInstances[0].referenceProductInstanceId).toBe(planInstance);
    expectCode(
      await create({ products: [plan(b), domain(b as string, planInstance)] }),
      428,
      'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED',
    );
    const second = await create({ products: [plan(b)] });
    const secondPlan = second.body.package.productInstances[0].instanceId;
    const twice = await create({
      products: [{ ...domain(b as string, secondPlan) }, { ...domain(b as string, secondPlan), siteId: undefined }],
    });
    expectCode(twice, 428, 'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED');
    expectCode(
      await create({ products: [domain(b as string, '22222222-2222-4222-8222-222222222222')] }),
      428,
      'REFERENCE_PRODUCT_INSTANCE_NOT_FOUND',
    );
    const ascend = await create({
      products: [{ catalogProductId: PRODUCT.ascend, billingInfo: YEAR1, countryCode: 'US' }],
    });
    expectCode(
      await create({ products: [domain(b as string, ascend.body.package.productInstances[0].instanceId)] }),
      428,
      'INVALID_REFERENCE_PRODUCT_INSTANCE',
    );
    // A plan's voucher does not cover .io.
    expectCode(
      await create({ products: [domain(b as string, secondPlan, domainProductId('io'))] }),
      428,
      'INVALID_REFERENCE_PRODUCT_INSTANCE',
    );
    await sb.call('DELETE', `/resellers/v1/packages/product-instances/${secondPlan}`);
    const cancelledRef = await create({ products: [{ ...domain(b as string, secondPlan), siteId: undefined }] });
    expectCode(cancelledRef, 428, 'INVALID_REFERENCE_PRODUCT_INSTANCE');
    expect(cancelledRef.body.details.applicationError.data.reason).toContain('CANCELED');
  });

  it('stores nothing when a request is refused', async () => {
    const before = world().packages.size;
    const [a] = freeSites();
    await create({ products: [plan(a), { catalogProductId: PRODUCT.enterpriseStudio, countryCode: 'US' }] });
    await create({
      products: [plan(a), { catalogProductId: COM, siteId: freeSites()[1], billingInfo: YEAR1, countryCode: 'US' }],
    });
    expect(world().packages.size).toBe(before);
    expect(world().instancesOfSite(a as string)).toHaveLength(0);
  });
});
