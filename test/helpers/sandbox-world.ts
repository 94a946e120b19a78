import type {
  Account,
  CatalogProduct,
  ConnectedDomain,
  DnsZone,
  Package,
  ProductInstance,
  RegisteredDomain,
  Site,
  WorldSnapshot,
} from '@wix-account-graph/sandbox';

/**
 * The sandbox's state as `GET /_sandbox/world` answered it, indexed the way the gateway's tests look things up (by
 * ID, by domain, instances of a site). A snapshot: read it again after a write to see the write's effect. Reading it
 * is an admin call, never in the call log, so it leaves the upstream call counts that tests assert untouched.
 */
export class WorldView {
  readonly mainAccountId: string;
  readonly accounts: Map<string, Account>;
  /** API key → the account it belongs to. */
  readonly apiKeys: Map<string, string>;
  readonly sites: Map<string, Site>;
  readonly catalog: Map<string, CatalogProduct>;
  readonly packages: Map<string, Package>;
  readonly registeredDomains: Map<string, RegisteredDomain>;
  /** Registered domain → owning account. */
  readonly registeredOwner: Map<string, string>;
  readonly connectedDomains: Map<string, ConnectedDomain>;
  readonly dnsZones: Map<string, DnsZone>;

  constructor(snapshot: WorldSnapshot) {
    this.mainAccountId = snapshot.mainAccountId;
    this.accounts = new Map(snapshot.accounts.map((a) => [a.accountId, a]));
    this.apiKeys = new Map(snapshot.apiKeys.map((k) => [k.apiKey, k.accountId]));
    this.sites = new Map(snapshot.sites.map((s) => [s.id, s]));
    this.catalog = new Map(snapshot.catalog.map((p) => [p.id, p]));
    this.packages = new Map(snapshot.packages.map((p) => [p.id, p]));
    this.registeredDomains = new Map(
      snapshot.registeredDomains.map(({ ownerAccountId: _owner, ...rd }) => [rd.domain, rd]),
    );
    this.registeredOwner = new Map(
      snapshot.registeredDomains.flatMap((rd) => (rd.ownerAccountId ? [[rd.domain, rd.ownerAccountId] as const] : [])),
    );
    this.connectedDomains = new Map(
      snapshot.connectedDomains.map(({ ownerAccountId: _owner, ...cd }) => [cd.domain, cd]),
    );
    this.dnsZones = new Map(snapshot.dnsZones.map((z) => [z.domainName, z]));
  }

  /** The top of the account's tree (itself when it has no parent). */
  rootOf(accountId: string): string {
    let current = accountId;
    for (let guard = 0; guard < 16; guard++) {
      const parent = this.accounts.get(current)?.accountProperties.parentAccountId;
      if (!parent) return current;
      current = parent;
    }
    return current;
  }

  /** Finds an instance and the package that holds it. */
  findInstance(instanceId: string): { pkg: Package; instance: ProductInstance } | undefined {
    for (const pkg of this.packages.values()) {
      const instance = pkg.productInstances.find((i) => i.instanceId === instanceId);
      if (instance) return { pkg, instance };
    }
    return undefined;
  }

  /** Every instance assigned to the site, with its package. */
  instancesOfSite(siteId: string): Array<{ pkg: Package; instance: ProductInstance }> {
    return [...this.packages.values()].flatMap((pkg) =>
      pkg.productInstances.filter((i) => i.siteId === siteId).map((instance) => ({ pkg, instance })),
    );
  }
}
