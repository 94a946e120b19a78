import { defaultCatalog } from '../../../src/catalog.js';
import type { WixPackage, WixProductInstance } from '../../../src/datasources/resellers.dto.js';
import type { TestSandbox } from '../../helpers/sandbox.js';

/**
 * Reads what the sandbox holds, straight from its Wix API, so gateway answers can be compared with it. Call before
 * `clearCalls()`: these calls are logged too.
 */
export async function rawPackages(sandbox: TestSandbox, filter: Record<string, unknown> = {}): Promise<WixPackage[]> {
  const res = await sandbox.call<{ packages: WixPackage[] }>('POST', '/resellers/v1/packages/query', {
    body: { query: { filter, cursorPaging: { limit: 100 } } },
  });
  if (res.status !== 200) throw new Error(`Query Packages answered ${res.status}`);
  return res.body.packages;
}

/** Instances of the given packages, each with its package. */
export function instancesOf(packages: WixPackage[]): Array<{ pkg: WixPackage; instance: WixProductInstance }> {
  return packages.flatMap((pkg) => pkg.productInstances.map((instance) => ({ pkg, instance })));
}

/** What the gateway's InstanceFields fragment should answer for a raw instance. */
export function expectedInstance(raw: WixProductInstance) {
  const product = defaultCatalog().get(raw.catalogProductId);
  const recurring = raw.billingInfo?.type === 'RECURRING' && raw.billingInfo.cycleDuration;
  return {
    wixId: raw.instanceId,
    catalogProductId: raw.catalogProductId,
    status: raw.status,
    siteWixId: raw.siteId ?? null,
    failure: raw.failure ? { code: raw.failure.code, message: raw.failure.message } : null,
    billing: raw.billingInfo
      ? {
          type: raw.billingInfo.type,
          cycle: recurring
            ? { unit: raw.billingInfo.cycleDuration?.unit, count: raw.billingInfo.cycleDuration?.count }
            : null,
        }
      : null,
    countryCode: raw.countryCode ?? null,
    discountCode: raw.discountCode ?? null,
    expirationDate: raw.expirationDate ?? null,
    createdDate: raw.createdDate,
    updatedDate: raw.updatedDate,
    product: {
      catalogProductId: raw.catalogProductId,
      name: product?.name ?? null,
      type: product?.type ?? 'UNKNOWN',
      tlds: product?.tlds ?? [],
    },
  };
}

/** What the gateway's PackageFields fragment should answer for a raw package. */
export function expectedPackage(raw: WixPackage) {
  return {
    wixId: raw.id,
    accountId: raw.accountId,
    externalId: raw.externalId ?? null,
    createdDate: raw.createdDate,
    updatedDate: raw.updatedDate,
  };
}
