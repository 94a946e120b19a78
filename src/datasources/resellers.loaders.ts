import DataLoader from 'dataloader';
import type { Package } from '../model/package.js';
import type { ProductInstance } from '../model/product-instance.js';
import type { UpstreamHttp } from './http.js';
import { toPackage, type QueryPackagesResponse, type WixPackage } from './resellers.dto.js';

/** Query Packages pages at most 100 packages (CONTRACT §1.6); batches of keys are cut at the same size. */
export const MAX_PAGE = 100;
/** Pages followed for one filter at most (10,000 packages), so a runaway cursor cannot grow memory without bound. */
const MAX_PAGES = 100;

/**
 * The request-wide loaders of the Resellers API, shared by every account scope of one request. Query Packages
 * answers the packages of the whole account tree whatever `wix-account-id` says (CONTRACT §1.6), so one call can
 * serve every account a request asks about; the header is always the request's tenant. Every answer is filtered to
 * what the tenant may see (the main account: its whole tree; a sub-account: its own packages only), mapped once,
 * and primes the ID loaders, so a package or instance already loaded is never fetched again in the request.
 */
export class PackageLoaders {
  /** Package by Wix ID — Query Packages `id $in`. */
  readonly byId: DataLoader<string, Package | null>;
  /** Instances assigned to a site, by site ID — Query Packages `productInstances.siteId $hasSome`. */
  readonly bySite: DataLoader<string, ProductInstance[]>;
  /** Every package of an account, by account ID — Query Packages `accountId $in`. */
  readonly byAccount: DataLoader<string, Package[]>;
  /** Instance by Wix instance ID — primed from every answer, else Query Packages `productInstances.instanceId $hasSome`. */
  readonly byInstance: DataLoader<string, ProductInstance | null>;

  constructor(
    private readonly http: UpstreamHttp,
    /** The account the request acts as: sent as `wix-account-id`, and the limit of what is visible. */
    readonly tenantId: string,
    readonly mainAccountId: string,
    /**
     * The request's child-account list while it is loading or loaded, if the request asked for it. A batch of
     * accounts waits for it, so that sub-accounts found through it (`viewer { packages subAccounts { packages } }`)
     * join the main account's batch instead of costing a second call.
     */
    private readonly accountsPending: () => Promise<unknown> | undefined = () => undefined,
  ) {
    const options = { maxBatchSize: MAX_PAGE };
    this.byId = new DataLoader((ids) => this.loadByIds(ids), options);
    this.bySite = new DataLoader((ids) => this.loadBySites(ids), options);
    this.byAccount = new DataLoader((ids) => this.loadByAccounts(ids), {
      ...options,
      batchScheduleFn: (dispatch) => this.scheduleAccounts(dispatch),
    });
    this.byInstance = new DataLoader((ids) => this.loadByInstances(ids), options);
  }

  /** Forgets everything loaded (call after a write, so later reads in the request see the new state). */
  clear(): void {
    this.byId.clearAll();
    this.bySite.clearAll();
    this.byAccount.clearAll();
    this.byInstance.clearAll();
  }

  /**
   * Query Packages — `POST /resellers/v1/packages/query` — every page of `filter` (following Wix's cursor while
   * `hasNext`), filtered to the tenant's view and mapped. Primes the ID loaders.
   */
  async queryAll(filter: Record<string, unknown>): Promise<Package[]> {
    const raw: WixPackage[] = [];
    let res = await this.query({ filter, cursorPaging: { limit: MAX_PAGE } });
    for (let page = 1; ; page++) {
      raw.push(...(res.packages ?? []));
      const next = res.metadata?.cursors?.next;
      if (!next || res.metadata?.hasNext === false || page >= MAX_PAGES) break;
      // A follow-up carries only the cursor: Wix refuses a cursor sent with filter or sort.
      res = await this.query({ cursorPaging: { limit: MAX_PAGE, cursor: next } });
    }
    const packages = raw.filter((p) => this.visible(p.accountId)).map(toPackage);
    this.prime(packages);
    return packages;
  }

  /** True when the tenant may see packages of `accountId`: the main account sees its tree, a sub-account itself. */
  visible(accountId: string): boolean {
    return this.tenantId === this.mainAccountId || accountId === this.tenantId;
  }

  /** DataLoader's default schedule, unless the child-account list is pending: then after it, once its dependants ran. */
  private scheduleAccounts(dispatch: () => void): void {
    const pending = this.accountsPending();
    const later = () => setImmediate(dispatch);
    if (pending) pending.then(later, later);
    else void Promise.resolve().then(() => process.nextTick(dispatch));
  }

  /** Primes the ID loaders with packages known fresh (e.g. the answer of a write). */
  prime(packages: Package[]): void {
    for (const pkg of packages) {
      this.byId.prime(pkg.wixId, pkg);
      for (const instance of pkg.productInstances) this.byInstance.prime(instance.wixId, instance);
    }
  }

  private async loadByIds(ids: readonly string[]): Promise<Array<Package | null>> {
    const found = new Map((await this.queryAll({ id: { $in: [...ids] } })).map((p) => [p.wixId, p]));
    return ids.map((id) => found.get(id) ?? null);
  }

  private async loadBySites(siteIds: readonly string[]): Promise<ProductInstance[][]> {
    const packages = await this.queryAll({ 'productInstances.siteId': { $hasSome: [...siteIds] } });
    const bySite = new Map<string, ProductInstance[]>(siteIds.map((id) => [id, []]));
    for (const pkg of packages)
      for (const instance of pkg.productInstances)
        if (instance.siteWixId) bySite.get(instance.siteWixId)?.push(instance);
    return siteIds.map((id) => bySite.get(id) ?? []);
  }

  private async loadByAccounts(accountIds: readonly string[]): Promise<Package[][]> {
    const packages = await this.queryAll({ accountId: { $in: [...accountIds] } });
    const byAccount = new Map<string, Package[]>(accountIds.map((id) => [id, []]));
    for (const pkg of packages) byAccount.get(pkg.accountId)?.push(pkg);
    return accountIds.map((id) => byAccount.get(id) ?? []);
  }

  private async loadByInstances(instanceIds: readonly string[]): Promise<Array<ProductInstance | null>> {
    const packages = await this.queryAll({ 'productInstances.instanceId': { $hasSome: [...instanceIds] } });
    const found = new Map(packages.flatMap((p) => p.productInstances).map((i) => [i.wixId, i]));
    return instanceIds.map((id) => found.get(id) ?? null);
  }

  private query(query: object): Promise<QueryPackagesResponse> {
    // A query is a read: safe to retry although it is a POST.
    return this.http.post<QueryPackagesResponse>('/resellers/v1/packages/query', {
      operation: 'Query Packages',
      accountId: this.tenantId,
      json: { query },
      idempotent: true,
      read: true,
    });
  }
}
