import { domainProductId, type SandboxSettings } from '@wix-account-graph/sandbox';
import type { TestSandbox } from '../../helpers/sandbox.js';

/**
 * Fixture look-ups for the gateway's domain tests: they find IDs (instances, foreign accounts, free names) through
 * the sandbox's read-only admin routes (`GET /_sandbox/world`, `POST /_sandbox/domains/check`), which are not logged,
 * so the upstream calls a test then asserts on are only the gateway's.
 */

/** TV9's registrant (countryCode "UK" is not ISO, and must be accepted). */
export const SHERLOCK = {
  firstName: 'Sherlock',
  lastName: 'Holmes',
  phone: '+442072243688',
  city: 'London',
  postalCode: 'NW16XE',
  countryCode: 'UK',
  address: '221B Baker street',
  email: 'sherlock.holmes@wix.com',
};

/** The main account's sites in seed order (m0 Business, m1 Core, m3 Business Elite, m5 Light are Premium; m6+ free). */
export function mainSites(sb: TestSandbox): string[] {
  return sb.seed.siteIds.slice(0, 16);
}

/** The root account outside the main tree, and its API key. */
export async function foreign(sb: TestSandbox): Promise<{ accountId: string; apiKey: string }> {
  const world = await sb.world();
  const accountId = [...world.accounts.keys()].find((id) => world.rootOf(id) !== sb.seed.mainAccountId) as string;
  const apiKey = [...world.apiKeys].find(([, owner]) => owner === accountId)?.[0] as string;
  return { accountId, apiKey };
}

/** An instance of the account by product and status, not yet used by a registered domain. */
export async function instance(
  sb: TestSandbox,
  options: { tld?: string; productId?: string; status?: string; accountId?: string; used?: boolean } = {},
): Promise<string> {
  const world = await sb.world();
  const productId = options.productId ?? domainProductId(options.tld ?? 'com');
  const accountId = options.accountId ?? sb.seed.mainAccountId;
  const usedIds = new Set([...world.registeredDomains.values()].map((rd) => rd.productInstanceId));
  for (const pkg of world.packages.values()) {
    if (pkg.accountId !== accountId) continue;
    for (const i of pkg.productInstances)
      if (
        i.catalogProductId === productId &&
        i.status === (options.status ?? 'ENABLED') &&
        usedIds.has(i.instanceId) === (options.used ?? false)
      )
        return i.instanceId;
  }
  throw new Error(`no instance ${productId} ${options.status ?? 'ENABLED'} in ${accountId}`);
}

/** A name that is available for purchase and not premium (so that results do not depend on pricing). */
export async function freeName(sb: TestSandbox, tld = 'com', prefix = 'pixel-fresh'): Promise<string> {
  const candidates = Array.from({ length: 500 }, (_, i) => `${prefix}-${i}.${tld}`);
  const free = (await sb.checkDomains(candidates)).find((d) => d.available && !d.premium);
  if (!free) throw new Error('no free name');
  return free.domain;
}

/** A Create Registered Domain body. */
export function registration(domain: string, productInstanceId: string, registrant: Record<string, string> = SHERLOCK) {
  return { registeredDomain: { domain, productInstanceId, contacts: { registrant } } };
}

/** Reads the sandbox settings over the admin API. */
export async function settings(sb: TestSandbox): Promise<SandboxSettings> {
  return (await sb.admin<{ settings: SandboxSettings }>('GET', 'settings')).settings;
}
