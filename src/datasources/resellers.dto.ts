import { toGlobalId } from '../schema/node.type.js';
import { Package } from '../schema/package.type.js';
import {
  BillingCycleUnit,
  BillingType,
  ProductInstance,
  ProductInstanceFailureCode,
  type ProductInstanceBilling,
  type ProductInstanceStatus,
} from '../schema/product-instance.type.js';

/** Product instance as the Resellers API returns it (CONTRACT §1.2). */
export interface WixProductInstance {
  instanceId: string;
  siteId?: string | null;
  catalogProductId: string;
  status: string;
  failure?: { code?: string; message?: string } | null;
  billingInfo?: { type?: string; cycleDuration?: { unit?: string; count?: number } | null } | null;
  createdDate: string;
  updatedDate: string;
  countryCode?: string | null;
  expirationDate?: string | null;
  discountCode?: string | null;
  referenceProductInstanceId?: string | null;
}

/** Package as the Resellers API returns it (CONTRACT §1.2). */
export interface WixPackage {
  id: string;
  accountId: string;
  externalId?: string | null;
  productInstances: WixProductInstance[];
  createdDate: string;
  updatedDate: string;
  parentAccountId?: string;
}

/** Get Package answer. */
export interface GetPackageResponse {
  package: WixPackage;
}

/** Query Packages answer (PagingMetadataV2 under `metadata`). */
export interface QueryPackagesResponse {
  packages: WixPackage[];
  metadata?: { count?: number; offset?: number; total?: number; cursors?: { next?: string | null; prev?: string | null }; hasNext?: boolean };
}

function known<T extends string>(values: Record<string, T>, value: string | undefined, fallback: T): T {
  return (Object.values(values) as string[]).includes(value ?? '') ? (value as T) : fallback;
}

function toBilling(raw: WixProductInstance['billingInfo']): ProductInstanceBilling | null {
  if (!raw) return null;
  const cycle = raw.type === 'RECURRING' && raw.cycleDuration ? { unit: known(BillingCycleUnit, raw.cycleDuration.unit, BillingCycleUnit.UNKNOWN), count: raw.cycleDuration.count ?? 1 } : null;
  return { type: known(BillingType, raw.type, BillingType.UNKNOWN), cycle };
}

function optionalDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

/** Maps a raw instance of package `pkg` to the graph's ProductInstance. */
export function toProductInstance(raw: WixProductInstance, pkg: WixPackage): ProductInstance {
  const instance = new ProductInstance();
  instance.id = toGlobalId('ProductInstance', raw.instanceId);
  instance.wixId = raw.instanceId;
  instance.catalogProductId = raw.catalogProductId;
  // The five statuses are the documented enum; a status Wix adds later fails this one field, not the answer.
  instance.status = raw.status as ProductInstanceStatus;
  instance.failure = raw.failure ? { code: known(ProductInstanceFailureCode, raw.failure.code, ProductInstanceFailureCode.UNKNOWN), message: raw.failure.message ?? '' } : null;
  instance.billing = toBilling(raw.billingInfo);
  instance.siteWixId = raw.siteId || null;
  instance.countryCode = raw.countryCode ?? null;
  instance.discountCode = raw.discountCode ?? null;
  instance.expirationDate = optionalDate(raw.expirationDate);
  instance.createdDate = new Date(raw.createdDate);
  instance.updatedDate = new Date(raw.updatedDate);
  instance.packageWixId = pkg.id;
  instance.accountId = pkg.accountId;
  instance.referenceInstanceWixId = raw.referenceProductInstanceId || null;
  return instance;
}

/** Maps a raw Wix package (and its instances) to the graph's Package. */
export function toPackage(raw: WixPackage): Package {
  const pkg = new Package();
  pkg.id = toGlobalId('Package', raw.id);
  pkg.wixId = raw.id;
  pkg.accountId = raw.accountId;
  pkg.externalId = raw.externalId || null;
  pkg.createdDate = new Date(raw.createdDate);
  pkg.updatedDate = new Date(raw.updatedDate);
  pkg.productInstances = (raw.productInstances ?? []).map((i) => toProductInstance(i, raw));
  return pkg;
}
