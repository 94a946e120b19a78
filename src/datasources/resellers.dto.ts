import type {
  WireGetPackageResponse,
  WirePackage,
  WirePackageAnswer,
  WireProductInstance,
  WireQueryPackagesResponse,
  WireUpdatePackageExternalIdResponse,
} from '@wix-account-graph/sandbox/contract';
import type { Package } from '../model/package.js';
import {
  BillingCycleUnit,
  BillingType,
  ProductInstanceFailureCode,
  type ProductInstance,
  type ProductInstanceBilling,
} from '../model/product-instance.js';
import { scrub } from '../redact.js';

/** Product instance as the Resellers API returns it (CONTRACT §1.2). */
export type WixProductInstance = WireProductInstance;

/** Package as the Resellers API returns it (CONTRACT §1.2). */
export type WixPackage = WirePackage;

/** Get Package answer. */
export type GetPackageResponse = WireGetPackageResponse;

/** Query Packages answer (PagingMetadataV2 under `metadata`). */
export type QueryPackagesResponse = WireQueryPackagesResponse;

function known<T extends string>(values: Record<string, T>, value: string | undefined, fallback: T): T {
  return (Object.values(values) as string[]).includes(value ?? '') ? (value as T) : fallback;
}

function toBilling(raw: WixProductInstance['billingInfo']): ProductInstanceBilling | null {
  if (!raw) return null;
  const cycle =
    raw.type === 'RECURRING' && raw.cycleDuration
      ? {
          unit: known(BillingCycleUnit, raw.cycleDuration.unit, BillingCycleUnit.UNKNOWN),
          count: raw.cycleDuration.count ?? 1,
        }
      : null;
  return { type: known(BillingType, raw.type, BillingType.UNKNOWN), cycle };
}

function optionalDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

/** Maps a raw instance of package `pkg` to the model's ProductInstance. */
export function toProductInstance(raw: WixProductInstance, pkg: WixPackage): ProductInstance {
  return {
    wixId: raw.instanceId,
    catalogProductId: raw.catalogProductId,
    // The five statuses are the documented enum; a status Wix adds later fails this one field, not the answer.
    status: raw.status,
    failure: raw.failure
      ? {
          code: known(ProductInstanceFailureCode, raw.failure.code, ProductInstanceFailureCode.UNKNOWN),
          // Wix's text, kept (it explains the failure) but scrubbed of anything credential-shaped.
          message: scrub(raw.failure.message ?? ''),
        }
      : null,
    billing: toBilling(raw.billingInfo),
    siteWixId: raw.siteId || null,
    countryCode: raw.countryCode ?? null,
    discountCode: raw.discountCode ?? null,
    expirationDate: optionalDate(raw.expirationDate),
    createdDate: new Date(raw.createdDate),
    updatedDate: new Date(raw.updatedDate),
    packageWixId: pkg.id,
    accountId: pkg.accountId,
    referenceInstanceWixId: raw.referenceProductInstanceId || null,
  };
}

/** Maps a raw Wix package (and its instances) to the model's Package. */
export function toPackage(raw: WixPackage): Package {
  return {
    wixId: raw.id,
    accountId: raw.accountId,
    externalId: raw.externalId || null,
    createdDate: new Date(raw.createdDate),
    updatedDate: new Date(raw.updatedDate),
    productInstances: (raw.productInstances ?? []).map((i) => toProductInstance(i, raw)),
  };
}

/** The answer of every reseller write except Update Package External Id: the package after the write. */
export type PackageWriteResponse = WirePackageAnswer;

/** Update Package External Id answer (its key is `updatedPackage`, CONTRACT §1.12). */
export type UpdatePackageExternalIdResponse = WireUpdatePackageExternalIdResponse;

/** A billing cycle to buy or switch to (the model's ProductInstanceBilling fits it). */
export interface BillingSpec {
  type: BillingType;
  cycle?: { unit: BillingCycleUnit; count: number } | null;
}

/** One product of a new package, in Wix IDs. No `siteId`: a floating instance. */
export interface NewProductSpec {
  catalogProductId: string;
  countryCode: string;
  siteId?: string | null;
  billing?: BillingSpec | null;
  discountCode?: string | null;
  referenceProductInstanceId?: string | null;
}

/** A new package (Create Package V2). */
export interface NewPackageSpec {
  products: NewProductSpec[];
  externalId?: string | null;
  idempotencyKey?: string | null;
}

/** An Adjust Product Instance Specifications request: a new product and/or billing cycle. */
export interface InstanceChangeSpec {
  catalogProductId?: string | null;
  billing?: BillingSpec | null;
  discountCode?: string | null;
}

/** Wix's billingInfo of a BillingSpec (the cycle only for RECURRING). */
export function toWixBilling(spec: BillingSpec): NonNullable<WixProductInstance['billingInfo']> {
  return spec.type === 'RECURRING' && spec.cycle
    ? { type: spec.type, cycleDuration: { unit: spec.cycle.unit, count: spec.cycle.count } }
    : { type: spec.type };
}

/** The Create Package V2 body of a NewPackageSpec (absent optional fields are left out). */
export function toCreatePackageBody(spec: NewPackageSpec): Record<string, unknown> {
  return {
    ...(spec.idempotencyKey ? { idempotencyKey: spec.idempotencyKey } : {}),
    ...(spec.externalId ? { externalId: spec.externalId } : {}),
    products: spec.products.map((p) => ({
      catalogProductId: p.catalogProductId,
      countryCode: p.countryCode,
      ...(p.siteId ? { siteId: p.siteId } : {}),
      ...(p.billing ? { billingInfo: toWixBilling(p.billing) } : {}),
      ...(p.discountCode ? { discountCode: p.discountCode } : {}),
      ...(p.referenceProductInstanceId ? { referenceProductInstanceId: p.referenceProductInstanceId } : {}),
    })),
  };
}

/** The Adjust Product Instance Specifications body of a change. */
export function toAdjustBody(change: InstanceChangeSpec, idempotencyKey?: string | null): Record<string, unknown> {
  return {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(change.catalogProductId ? { catalogProductId: change.catalogProductId } : {}),
    ...(change.billing ? { billingInfo: toWixBilling(change.billing) } : {}),
    ...(change.discountCode ? { discountCode: change.discountCode } : {}),
  };
}
