import type { Page } from '../model/page.js';
import type { Package } from '../model/package.js';
import { ProductInstanceStatus, type ProductInstance } from '../model/product-instance.js';
import { decodeCursor, encodeCursor, queryHash } from './cursor.js';
import type { UpstreamHttp } from './http.js';
import {
  toAdjustBody,
  toCreatePackageBody,
  toPackage,
  type GetPackageResponse,
  type InstanceChangeSpec,
  type NewPackageSpec,
  type PackageWriteResponse,
  type UpdatePackageExternalIdResponse,
} from './resellers.dto.js';
import type { PackageLoaders } from './resellers.loaders.js';

/** Filter of the packages connections, with the site already reduced to its Wix ID. */
export interface PackageListFilter {
  status?: ProductInstanceStatus[] | null;
  siteWixId?: string | null;
}

/**
 * Wix Resellers API, read side (CONTRACT §1.5, §1.6), for one account of one request. The loaders behind it are
 * request-wide (see PackageLoaders): the packages of every account asked about come from one Query Packages call
 * with `accountId $in`, the instances of every site from one call with `productInstances.siteId $hasSome`.
 */
export class ResellersDataSource {
  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
    private readonly loaders: PackageLoaders,
  ) {}

  /**
   * Get Package — `GET /resellers/v1/packages/{id}` as this account; null when Wix does not find it. For re-reading
   * one package as its owner (e.g. after a write); reads of many packages go through {@link package} instead.
   */
  async getPackage(packageId: string): Promise<Package | null> {
    try {
      const res = await this.http.get<GetPackageResponse>(`/resellers/v1/packages/${encodeURIComponent(packageId)}`, {
        operation: 'Get Package',
        accountId: this.accountId,
      });
      return this.loaders.visible(res.package.accountId) ? toPackage(res.package) : null;
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** A package by Wix ID (batched Query Packages `id $in`); null when missing or not visible to the tenant. */
  package(packageId: string): Promise<Package | null> {
    return this.loaders.byId.load(packageId);
  }

  /** A product instance by Wix ID: from what the request already loaded, else Query Packages `productInstances.instanceId $hasSome`. */
  instance(instanceId: string): Promise<ProductInstance | null> {
    return this.loaders.byInstance.load(instanceId);
  }

  /** Instances assigned to a site, in every status (batched Query Packages `productInstances.siteId $hasSome`). */
  instancesOfSite(siteId: string): Promise<ProductInstance[]> {
    return this.loaders.bySite.load(siteId);
  }

  /** Every package of this account, newest first (batched Query Packages `accountId $in`, all pages). */
  allPackages(): Promise<Package[]> {
    return this.loaders.byAccount.load(this.accountId);
  }

  /** One page of this account's packages, filtered (see PackageListFilter) and paged in the gateway. */
  async packages(args: {
    first: number;
    after?: string | null;
    filter?: PackageListFilter | null;
  }): Promise<Page<Package>> {
    const status = args.filter?.status?.length ? [...args.filter.status].sort() : null;
    const siteWixId = args.filter?.siteWixId ?? null;
    const matches = (i: ProductInstance) =>
      (!status || status.includes(i.status)) && (!siteWixId || i.siteWixId === siteWixId);
    const all = await this.allPackages();
    const selected = status || siteWixId ? all.filter((p) => p.productInstances.some(matches)) : all;
    return pageOf(selected, args.first, args.after, { account: this.accountId, status, siteWixId });
  }

  /** Instances of this account that are assigned to no site and not CANCELED (ready to be assigned). */
  async floatingInstances(): Promise<ProductInstance[]> {
    const packages = await this.allPackages();
    return packages
      .flatMap((p) => p.productInstances)
      .filter((i) => !i.siteWixId && i.status !== ProductInstanceStatus.CANCELED);
  }

  /**
   * Query Packages — `POST /resellers/v1/packages/query` with `externalId $eq` — every visible package with that
   * external ID, newest first, asked of Wix now (never from what the request loaded): how a flow finds a package an
   * earlier attempt bought.
   */
  packagesByExternalId(externalId: string): Promise<Package[]> {
    return this.loaders.queryAll({ externalId: { $eq: externalId } });
  }

  /** Create Package V2 — `POST /resellers/v2/packages`; retried on 429/5xx only when it carries an idempotency key. */
  createPackage(spec: NewPackageSpec): Promise<Package> {
    return this.write(
      'post',
      '/resellers/v2/packages',
      'Create Package V2',
      toCreatePackageBody(spec),
      spec.idempotencyKey,
    );
  }

  /** Cancel Package — `DELETE /resellers/v1/packages/{id}`: cancels every instance of the package. */
  cancelPackage(packageId: string, idempotencyKey?: string | null): Promise<Package> {
    return this.write(
      'delete',
      `/resellers/v1/packages/${seg(packageId)}`,
      'Cancel Package',
      keyBody(idempotencyKey),
      idempotencyKey,
    );
  }

  /** Assign Product Instance To Site — `PATCH /resellers/v1/packages/product-instances/{instanceId}/{siteId}` (also moves an assigned one). */
  assignInstance(instanceId: string, siteId: string, idempotencyKey?: string | null): Promise<Package> {
    return this.write(
      'patch',
      `${INSTANCES}/${seg(instanceId)}/${seg(siteId)}`,
      'Assign Product Instance To Site',
      keyBody(idempotencyKey),
      idempotencyKey,
    );
  }

  /** Unassign Product Instance From Site — `PATCH /resellers/v1/packages/product-instances/{instanceId}/unassign`. */
  unassignInstance(instanceId: string, idempotencyKey?: string | null): Promise<Package> {
    return this.write(
      'patch',
      `${INSTANCES}/${seg(instanceId)}/unassign`,
      'Unassign Product Instance From Site',
      keyBody(idempotencyKey),
      idempotencyKey,
    );
  }

  /** Adjust Product Instance Specifications — `PATCH /resellers/v1/packages/product-instances/{instanceId}`. */
  adjustInstance(instanceId: string, change: InstanceChangeSpec, idempotencyKey?: string | null): Promise<Package> {
    return this.write(
      'patch',
      `${INSTANCES}/${seg(instanceId)}`,
      'Adjust Product Instance Specifications',
      toAdjustBody(change, idempotencyKey),
      idempotencyKey,
    );
  }

  /** Cancel Product Instance — `DELETE /resellers/v1/packages/product-instances/{instanceId}`. */
  cancelInstance(instanceId: string, idempotencyKey?: string | null): Promise<Package> {
    return this.write(
      'delete',
      `${INSTANCES}/${seg(instanceId)}`,
      'Cancel Product Instance',
      keyBody(idempotencyKey),
      idempotencyKey,
    );
  }

  /** Update Package External Id — `PATCH /resellers/v1/packages/update/{packageId}/{externalId}` (no body; naturally repeatable). */
  async updateExternalId(packageId: string, externalId: string): Promise<Package> {
    const path = `/resellers/v1/packages/update/${seg(packageId)}/${seg(externalId)}`;
    const res = await this.http.patch<UpdatePackageExternalIdResponse>(path, {
      operation: 'Update Package External Id',
      accountId: this.accountId,
    });
    return this.fresh(res.updatedPackage);
  }

  /** Forgets what the request loaded (call after a reseller write); `fresh` packages are remembered instead. */
  forget(...fresh: Package[]): void {
    this.loaders.clear();
    this.loaders.prime(fresh);
  }

  /** One write as this account; only a call with an idempotency key may be repeated on 429/5xx. */
  private async write(
    method: 'post' | 'patch' | 'delete',
    path: string,
    operation: string,
    json: Record<string, unknown>,
    key?: string | null,
  ): Promise<Package> {
    const res = await this.http[method]<PackageWriteResponse>(path, {
      operation,
      accountId: this.accountId,
      json,
      idempotent: Boolean(key),
    });
    return this.fresh(res.package);
  }

  /** Maps a write's answer and makes it what the rest of the request reads. */
  private fresh(raw: PackageWriteResponse['package']): Package {
    const pkg = toPackage(raw);
    this.forget(pkg);
    return pkg;
  }
}

const INSTANCES = '/resellers/v1/packages/product-instances';

function seg(value: string): string {
  return encodeURIComponent(value);
}

function keyBody(idempotencyKey?: string | null): Record<string, unknown> {
  return idempotencyKey ? { idempotencyKey } : {};
}

/** The instance `instanceId` of a package a write answered (the write's subject), or an error if Wix left it out. */
export function instanceOf(pkg: Package, instanceId: string): ProductInstance {
  const instance = pkg.productInstances.find((i) => i.wixId === instanceId);
  if (!instance) throw new Error(`package ${pkg.wixId} does not hold instance ${instanceId}`);
  return instance;
}

/**
 * One page of a list the gateway holds whole: cursors are offsets bound to the query, opaque like every
 * other cursor of the API (a cursor of another filter is refused).
 */
export function pageOf<T>(items: T[], first: number, after: string | null | undefined, query: unknown): Page<T> {
  const hash = queryHash(query);
  const start = after ? decodeCursor(after, hash).s : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor({ w: null, s: start + i + 1, h: hash }), node }));
  return {
    items: edges,
    hasNextPage: start + slice.length < items.length,
    hasPreviousPage: start > 0,
    totalCount: items.length,
  };
}
