import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CallRecord } from '@wix-account-graph/sandbox';
import type { TestStack } from '../../helpers/stack.js';

/**
 * Fixtures of the reseller/site/account write tests: reads of the sandbox's world (`GET /_sandbox/world`, an admin
 * route, not logged) to pick sites and instances in the state a test needs, and assertions on the sandbox call log.
 */
export const key = (): string => `k-${randomUUID()}`;

/** Calls other than reads (Query Sites / Query Packages / GETs): what a refused mutation must not have made. */
export function writesIn(calls: CallRecord[]): CallRecord[] {
  return calls.filter(
    (c) => c.method !== 'GET' && !['querySites', 'queryPackages', 'queryFolders'].includes(c.operation),
  );
}

/** Look-ups in the sandbox's current state; each reads a fresh `GET /_sandbox/world`. */
export function worldOf(stack: TestStack) {
  const world = () => stack.sandbox.world();
  return {
    world,
    /** Sites of `accountId` with no product instance at all and no Premium flag. */
    freeSites: async (accountId: string) => {
      const w = await world();
      return [...w.sites.values()]
        .filter((s) => s.ownerAccountId === accountId && w.instancesOfSite(s.id).length === 0 && !s.premium)
        .map((s) => s.id);
    },
    /** A live (PENDING/ENABLED) instance of `accountId` on a site, with its package. */
    assignedLive: async (accountId: string, productTypeId?: string) => {
      const w = await world();
      return [...w.packages.values()]
        .filter((p) => p.accountId === accountId)
        .flatMap((pkg) => pkg.productInstances.map((instance) => ({ pkg, instance })))
        .filter(({ instance }) => instance.siteId && ['PENDING', 'ENABLED'].includes(instance.status))
        .filter(
          ({ instance }) => !productTypeId || w.catalog.get(instance.catalogProductId)?.productTypeId === productTypeId,
        );
    },
    /** Packages of the sandbox carrying `externalId`. */
    packagesWithExternalId: async (externalId: string) =>
      [...(await world()).packages.values()].filter((p) => p.externalId === externalId),
    /** A root account that is not the main account (outside the gateway's tree). */
    foreignAccount: async () =>
      [...(await world()).accounts.values()].find(
        (a) => !a.accountProperties.parentAccountId && a.accountId !== stack.sandbox.seed.mainAccountId,
      )?.accountId as string,
  };
}

/** Asserts a top-level error with `code` and (optionally) field errors, and returns it. */
export function expectTopLevel(
  result: { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> },
  code: string,
  fields?: string[],
) {
  const error = result.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(result)).toBe(code);
  if (fields)
    expect(
      [...new Set(((error?.extensions?.fields as Array<{ field: string }>) ?? []).map((f) => f.field))].sort(),
    ).toEqual([...fields].sort());
  return error;
}
