import type { z } from 'zod/v4';
import type { DomainsCheckRequest } from '../contract/admin.js';
import { isPremiumName, isTaken, parseDomain } from '../domain-availability.js';
import type { Account, CatalogProduct, ConnectedDomain, DnsZone, Package, RegisteredDomain, Site } from '../types.js';
import type { World } from '../world.js';

/**
 * Read-only views of the world for test suites and demos that run outside the sandbox's process (the gateway's tests
 * among them): they find the IDs a scenario needs and check the effect of their writes through these routes instead
 * of reaching into memory. Admin routes are never logged, so reading here leaves a test's call counts untouched.
 */

/** `GET /_sandbox/world`: the whole in-memory state as JSON (arrays in insertion order, owners spelled out). */
export interface WorldSnapshot {
  seed: number;
  now: string;
  mainAccountId: string;
  accounts: Account[];
  /** Every API key and the account it belongs to (the sandbox's demo keys, not secrets). */
  apiKeys: Array<{ apiKey: string; accountId: string }>;
  sites: Site[];
  catalog: CatalogProduct[];
  packages: Package[];
  registeredDomains: Array<RegisteredDomain & { ownerAccountId: string | null }>;
  connectedDomains: Array<ConnectedDomain & { ownerAccountId: string | null }>;
  dnsZones: DnsZone[];
}

/** One answer of `POST /_sandbox/domains/check`: how the sandbox's registry rules see a name right now. */
export interface DomainCheck {
  domain: string;
  /** A host name the sandbox can split into SLD + public suffix. */
  valid: boolean;
  /** Not taken: Check Domain Availability would answer `available: true`. */
  available: boolean;
  /** Available at a premium price (not the Wix Premium plan). */
  premium: boolean;
}

/** A deep copy of the world's state, safe to serialise and to hand out. */
export function worldSnapshot(world: World): WorldSnapshot {
  return structuredClone({
    seed: world.seed,
    now: world.now(),
    mainAccountId: world.mainAccountId,
    accounts: [...world.accounts.values()],
    apiKeys: [...world.apiKeys].map(([apiKey, accountId]) => ({ apiKey, accountId })),
    sites: [...world.sites.values()],
    catalog: [...world.catalog.values()],
    packages: [...world.packages.values()],
    registeredDomains: [...world.registeredDomains.values()].map((rd) => ({
      ...rd,
      ownerAccountId: world.registeredOwner.get(rd.domain) ?? null,
    })),
    connectedDomains: [...world.connectedDomains.values()].map((cd) => ({
      ...cd,
      ownerAccountId: world.connectedOwner.get(cd.domain) ?? null,
    })),
    dnsZones: [...world.dnsZones.values()],
  });
}

/** `POST /_sandbox/domains/check {domains}`: availability and premium pricing of up to 1000 names, unlogged. */
export function checkDomains(
  world: World,
  { domains }: z.output<typeof DomainsCheckRequest>,
): { domains: DomainCheck[] } {
  return {
    domains: domains.map((domain) => {
      const valid = parseDomain(domain) !== undefined;
      const available = valid && !isTaken(world, domain);
      return { domain, valid, available, premium: available && isPremiumName(world, domain) };
    }),
  };
}
