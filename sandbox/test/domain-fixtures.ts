import { domainProductId, PRODUCT } from '../src/catalog.js';
import { isPremiumName, isTaken } from '../src/domain-availability.js';
import type { SandboxSettings } from '../src/settings.js';
import { expect } from 'vitest';
import type { TestSandbox } from './helpers/test-sandbox.js';

/**
 * Fixture look-ups for the domain contract tests: they read the seeded world to find IDs (instances, foreign
 * accounts, free names); every behaviour is then asserted over HTTP.
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

/** The first site owned by `accountId`. */
export function siteOf(sb: TestSandbox, accountId: string): string {
  const site = [...sb.sandbox.world.sites.values()].find((s) => s.ownerAccountId === accountId);
  if (!site) throw new Error(`no site for ${accountId}`);
  return site.id;
}

/** The root account outside the main tree, and its API key. */
export function foreign(sb: TestSandbox): { accountId: string; apiKey: string } {
  const world = sb.sandbox.world;
  const accountId = [...world.accounts.keys()].find((id) => world.rootOf(id) !== sb.seed.mainAccountId) as string;
  const apiKey = [...world.apiKeys].find(([, owner]) => owner === accountId)?.[0] as string;
  return { accountId, apiKey };
}

/** An instance of the account by product and status, not yet used by a registered domain. */
export function instance(
  sb: TestSandbox,
  options: { tld?: string; productId?: string; status?: string; accountId?: string; used?: boolean } = {},
): string {
  const world = sb.sandbox.world;
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

/** An instance of a Premium plan (not a domain product). */
export function planInstance(sb: TestSandbox): string {
  return instance(sb, { productId: PRODUCT.premiumBusiness });
}

/** A name that is available for purchase and not premium (so that results do not depend on pricing). */
export function freeName(sb: TestSandbox, tld = 'com', prefix = 'pixel-fresh'): string {
  for (let i = 0; i < 500; i++) {
    const name = `${prefix}-${i}.${tld}`;
    if (!isTaken(sb.sandbox.world, name) && !isPremiumName(sb.sandbox.world, name)) return name;
  }
  throw new Error('no free name');
}

/** A Create Registered Domain body. */
export function registration(domain: string, productInstanceId: string, registrant: Record<string, string> = SHERLOCK) {
  return { registeredDomain: { domain, productInstanceId, contacts: { registrant } } };
}

/** Reads the sandbox settings over the admin API. */
export async function settings(sb: TestSandbox): Promise<SandboxSettings> {
  return (await sb.admin<{ settings: SandboxSettings }>('GET', 'settings')).settings;
}

/** The application error code of a response (or 'VALIDATION' for a validationError body). */
export function code(res: { body: any }): string | undefined {
  return res.body?.details?.applicationError?.code ?? (res.body?.details?.validationError ? 'VALIDATION' : undefined);
}

/** Asserts an application error: the HTTP status and `details.applicationError.code`; returns the response. */
export function expectError<R extends { status: number; body: any }>(
  res: R,
  status: number,
  expected: string,
  label = expected,
): R {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(code(res), label).toBe(expected);
  return res;
}
