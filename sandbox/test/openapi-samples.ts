import { PRODUCT, domainProductId } from '../src/catalog.js';
import { isTaken } from '../src/domain-availability.js';
import type { Package, ProductInstance, Site } from '../src/types.js';
import type { World } from '../src/world.js';
import type { TestSandbox } from './helpers/test-sandbox.js';

/** One real request whose 200 answer the OpenAPI test validates against the document. */
export interface SampleCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The concrete path (with query string). */
  path: string;
  /** The contract path the document lists it under. */
  docPath: string;
  body?: unknown;
  accountId?: string;
  siteId?: string;
}

function instancesOf(world: World, accountId: string): Array<{ pkg: Package; instance: ProductInstance }> {
  return [...world.packages.values()]
    .filter((p) => p.accountId === accountId)
    .flatMap((pkg) => pkg.productInstances.map((instance) => ({ pkg, instance })));
}

/** A free site (no instance, not Premium, not trashed) of the account, skipping `skip`. */
function freeSite(world: World, accountId: string, skip = 0): Site {
  const free = [...world.sites.values()].filter(
    (s) =>
      s.ownerAccountId === accountId && !s.premium && s.state !== 'TRASHED' && world.instancesOfSite(s.id).length === 0,
  );
  const site = free[skip];
  if (!site) throw new Error(`no free site #${skip} in ${accountId}`);
  return site;
}

function firstAvailable(world: World, tld: string): string {
  for (let i = 0; i < 200; i++) {
    const name = `openapi-sample-${i}.${tld}`;
    if (!isTaken(world, name)) return name;
  }
  throw new Error('no available domain name');
}

const CONTACT = {
  firstName: 'Sherlock',
  lastName: 'Holmes',
  phone: '+442072243688',
  city: 'London',
  postalCode: 'NW16XE',
  countryCode: 'GB',
  address: '221B Baker street',
  email: 'sherlock.holmes@example.com',
};

/**
 * Reads and writes over the seeded world (IDs picked from the in-process world, calls made over HTTP), one or more
 * per contract endpoint. The test resets the world before each one (same seed, same IDs).
 */
export function sampleCalls(sb: TestSandbox): SampleCall[] {
  const w = sb.sandbox.world;
  const main = w.mainAccountId;
  const sub = sb.seed.subAccountIds[0] as string;
  const mine = instancesOf(w, main);
  const pkg = mine[0]?.pkg as Package;
  const enabledPlan = mine.find(
    ({ instance }) =>
      instance.status === 'ENABLED' &&
      instance.siteId &&
      w.catalog.get(instance.catalogProductId)?.type === 'PREMIUM_PLAN',
  );
  const floatingPlan = mine.find(
    ({ instance }) =>
      instance.status === 'ENABLED' &&
      !instance.siteId &&
      w.catalog.get(instance.catalogProductId)?.type === 'PREMIUM_PLAN',
  );
  const usedForDomains = new Set([...w.registeredDomains.values()].map((rd) => rd.productInstanceId));
  const comInstance = mine.find(
    ({ instance }) =>
      instance.status === 'ENABLED' &&
      instance.catalogProductId === domainProductId('com') &&
      !usedForDomains.has(instance.instanceId),
  );
  const registered = [...w.registeredDomains.values()].find(
    (rd) => rd.status === 'ACTIVE' && w.registeredOwner.get(rd.id) === main,
  );
  const connected = [...w.connectedDomains.values()];
  const byType = (type: string) => connected.find((cd) => cd.connectionType === type) ?? connected[0];
  const owner = (domain: string) => w.connectedOwner.get(domain) as string;
  const nameservers = byType('NAMESERVERS');
  const pointing = byType('POINTING');
  const subdomain = byType('UNKNOWN_CONNECTION_TYPE');
  const premiumSite = enabledPlan?.instance.siteId as string;
  const otherPkg = [...w.packages.values()].filter((p) => p.accountId === main)[3] as Package;
  const calls: SampleCall[] = [
    {
      method: 'POST',
      path: '/site-list/v2/sites/query',
      docPath: '/site-list/v2/sites/query',
      body: {
        query: {
          filter: { editorType: 'EDITOR' },
          sort: [{ fieldName: 'createdDate', order: 'ASC' }],
          cursorPaging: { limit: 2 },
        },
      },
    },
    {
      method: 'POST',
      path: '/site-list/v2/sites/count',
      docPath: '/site-list/v2/sites/count',
      body: { filter: { editorType: 'EDITOR' } },
    },
    { method: 'GET', path: `/resellers/v1/packages/${pkg.id}`, docPath: '/resellers/v1/packages/{id}' },
    {
      method: 'POST',
      path: '/resellers/v1/packages/query',
      docPath: '/resellers/v1/packages/query',
      body: {
        query: { filter: { 'productInstances.status': { $hasAll: ['Enabled'] } }, fields: ['id'], fieldsets: ['id'] },
      },
    },
    {
      method: 'POST',
      path: '/resellers/v1/packages/query',
      docPath: '/resellers/v1/packages/query',
      body: { query: { paging: { limit: 2, offset: 1 } } },
    },
    {
      method: 'POST',
      path: '/resellers/v2/packages',
      docPath: '/resellers/v2/packages',
      body: {
        idempotencyKey: 'openapi-sample-1',
        externalId: 'openapi-sample',
        products: [
          {
            catalogProductId: PRODUCT.premiumCore,
            siteId: freeSite(w, main, 0).id,
            billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } },
            countryCode: 'BR',
          },
        ],
      },
    },
    {
      method: 'PATCH',
      path: `/resellers/v1/packages/update/${otherPkg.id}/sample-external-id`,
      docPath: '/resellers/v1/packages/update/{packageId}/{externalId}',
    },
    { method: 'GET', path: `/accounts/v1/accounts/${main}`, docPath: '/accounts/v1/accounts/{accountId}' },
    {
      method: 'GET',
      path: '/accounts/v1/account/child-accounts?paging.limit=2',
      docPath: '/accounts/v1/account/child-accounts',
    },
    {
      method: 'POST',
      path: '/accounts/v1/accounts/create',
      docPath: '/accounts/v1/accounts/create',
      body: {
        user: {
          email: { emailAddress: 'new.customer@example.com', isVerified: true },
          userDetails: { firstName: 'New', lastName: 'Customer', language: 'en' },
        },
      },
    },
    {
      method: 'POST',
      path: '/accounts/v1/accounts/create-as-collaborator',
      docPath: '/accounts/v1/accounts/create-as-collaborator',
      body: {
        user: { email: { emailAddress: 'collaborator@example.com' } },
        siteId: freeSite(w, main, 1).id,
        roles: ['Website Manager'],
      },
    },
    {
      method: 'POST',
      path: '/site-actions/v1/sites/duplicate',
      docPath: '/site-actions/v1/sites/duplicate',
      body: { sourceSiteId: freeSite(w, main, 2).id, siteDisplayName: 'Sunset Boutique Hotel' },
    },
    {
      method: 'POST',
      path: '/site-actions/v1/bulk/sites/delete',
      docPath: '/site-actions/v1/bulk/sites/delete',
      body: { ids: [freeSite(w, main, 3).id, premiumSite] },
    },
    {
      method: 'POST',
      path: '/funnel/projects/v1/create',
      docPath: '/funnel/projects/v1/create',
      body: { type: 'WIX' },
    },
    {
      method: 'POST',
      path: '/b2b-site-management/v1/transfer-site',
      docPath: '/b2b-site-management/v1/transfer-site',
      accountId: sub,
      body: { siteTransfer: { siteId: freeSite(w, main, 4).id, sourceAccountId: main, enableNotifications: false } },
    },
    {
      method: 'GET',
      path: '/domain-search/v2/check-domain-availability?domain=mydomain.com',
      docPath: '/domain-search/v2/check-domain-availability',
      accountId: null as unknown as undefined,
    },
    {
      method: 'GET',
      path: '/domain-search/v2/suggest-domains?query=cozycuts&paging.limit=3',
      docPath: '/domain-search/v2/suggest-domains',
    },
    {
      method: 'GET',
      path: '/domain-search/v2/suggest-domains?query=my%20stunning%20domain&limit=4&tlds=com&tlds=love',
      docPath: '/domain-search/v2/suggest-domains',
    },
    { method: 'GET', path: '/domains/v1/registered-domains?paging.limit=5', docPath: '/domains/v1/registered-domains' },
    { method: 'GET', path: '/domains/v1/connected-domains?paging.limit=5', docPath: '/domains/v1/connected-domains' },
  ];
  if (enabledPlan)
    calls.push({
      method: 'PATCH',
      path: `/resellers/v1/packages/product-instances/${enabledPlan.instance.instanceId}`,
      docPath: '/resellers/v1/packages/product-instances/{instanceId}',
      body: { billingInfo: { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 2 } } },
    });
  if (floatingPlan)
    calls.push({
      method: 'PATCH',
      path: `/resellers/v1/packages/product-instances/${floatingPlan.instance.instanceId}/${freeSite(w, main, 5).id}`,
      docPath: '/resellers/v1/packages/product-instances/{instanceId}/{siteId}',
    });
  const cancellable = mine.find(
    ({ instance, pkg: p }) =>
      instance.status === 'ENABLED' &&
      p !== enabledPlan?.pkg &&
      p !== floatingPlan?.pkg &&
      instance.siteId &&
      w.catalog.get(instance.catalogProductId)?.type === 'BUSINESS_TOOL',
  );
  if (cancellable)
    calls.push({
      method: 'DELETE',
      path: `/resellers/v1/packages/product-instances/${cancellable.instance.instanceId}`,
      docPath: '/resellers/v1/packages/product-instances/{instanceId}',
      body: { idempotencyKey: 'openapi-cancel-1' },
    });
  const toUnassign = mine.find(
    ({ instance, pkg: p }) =>
      instance.siteId &&
      p !== enabledPlan?.pkg &&
      p !== cancellable?.pkg &&
      p !== otherPkg &&
      instance.status === 'ENABLED',
  );
  if (toUnassign)
    calls.push({
      method: 'PATCH',
      path: `/resellers/v1/packages/product-instances/${toUnassign.instance.instanceId}/unassign`,
      docPath: '/resellers/v1/packages/product-instances/{instanceId}/unassign',
    });
  const toCancel = [...w.packages.values()].find((p) => p.accountId === sub);
  if (toCancel)
    calls.push({
      method: 'DELETE',
      path: `/resellers/v1/packages/${toCancel.id}`,
      docPath: '/resellers/v1/packages/{id}',
      accountId: sub,
    });
  if (registered) {
    calls.push({
      method: 'GET',
      path: `/domains/v1/registered-domains/${registered.id}`,
      docPath: '/domains/v1/registered-domains/{registeredDomainId}',
    });
    // Seeded registrations expire before the manual clock's epoch: redeemable.
    calls.push({
      method: 'POST',
      path: `/domains/v1/registered-domains/${registered.id}/redeem`,
      docPath: '/domains/v1/registered-domains/{registeredDomainId}/redeem',
    });
    calls.push({
      method: 'GET',
      path: `/domains/v1/dns-zones/${registered.id}`,
      docPath: '/domains/v1/dns-zones/{domainName}',
    });
    calls.push({
      method: 'PATCH',
      path: `/domains/v1/dns-zones/${registered.id}`,
      docPath: '/domains/v1/dns-zones/{domainName}',
      body: { additions: [{ type: 'MX', hostName: registered.id, ttl: 3600, values: ['10 aspmx.l.google.com'] }] },
    });
  }
  if (comInstance) {
    calls.push({
      method: 'POST',
      path: '/domains/v1/registered-domains',
      docPath: '/domains/v1/registered-domains',
      body: {
        registeredDomain: {
          domain: firstAvailable(w, 'com'),
          productInstanceId: comInstance.instance.instanceId,
          contacts: { registrant: { ...CONTACT } },
        },
      },
    });
  }
  for (const cd of [nameservers, pointing, subdomain]) {
    if (!cd) continue;
    calls.push({
      method: 'GET',
      path: `/domains/v1/connected-domains/${cd.id}`,
      docPath: '/domains/v1/connected-domains/{connectedDomainId}',
      accountId: owner(cd.id),
    });
    calls.push({
      method: 'GET',
      path: `/domains/v1/connected-domain-setup-info/${cd.id}`,
      docPath: '/domains/v1/connected-domain-setup-info/{connectedDomainId}',
      accountId: owner(cd.id),
    });
  }
  if (nameservers) {
    calls.push({
      method: 'POST',
      path: '/domains/v1/dns-zones',
      docPath: '/domains/v1/dns-zones',
      accountId: owner(nameservers.id),
      body: {
        dnsZone: {
          domainName: nameservers.id,
          records: [{ values: ['10 aspmx.l.google.com'], ttl: 3600, hostName: nameservers.id, type: 'MX' }],
        },
      },
    });
  }
  if (pointing)
    calls.push({
      method: 'DELETE',
      path: `/domains/v1/connected-domains/${pointing.id}`,
      docPath: '/domains/v1/connected-domains/{connectedDomainId}',
      accountId: owner(pointing.id),
    });
  calls.push({
    method: 'GET',
    path: '/domains/v1/dns-zones/example.com/preview',
    docPath: '/domains/v1/dns-zones/{domainName}/preview',
  });
  if (premiumSite) {
    calls.push({
      method: 'POST',
      path: '/domains/v1/connected-domains',
      docPath: '/domains/v1/connected-domains',
      siteId: premiumSite,
      body: {
        connectedDomain: {
          domain: 'mydomain.com',
          connectionType: 'NAMESERVERS',
          siteInfo: { assignmentType: 'PRIMARY' },
        },
      },
    });
  }
  const deletable = [...w.dnsZones.values()].find((z) => z.id !== registered?.id && w.registeredOwner.has(z.id));
  if (deletable)
    calls.push({
      method: 'DELETE',
      path: `/domains/v1/dns-zones/${deletable.id}`,
      docPath: '/domains/v1/dns-zones/{domainName}',
      accountId: w.registeredOwner.get(deletable.id),
    });
  // Site Folders, Publish / Unpublish, Domain Assignments, DNS Propagation (CONTRACT §13–§16).
  const mainSiteList = [...w.sites.values()].filter((s) => s.ownerAccountId === main && s.state !== 'TRASHED');
  const inFolder = mainSiteList.find((s) => s.folderId) as Site;
  const folderId = inFolder.folderId as string;
  const published = mainSiteList.find((s) => s.published) as Site;
  const assignedDomain = [...w.connectedDomains.values()].find(
    (cd) => w.connectedOwner.get(cd.id) === main && cd.siteInfo.assignmentType === 'PRIMARY',
  );
  calls.push(
    {
      method: 'POST',
      path: '/site-folders/v2/folders',
      docPath: '/site-folders/v2/folders',
      body: { folder: { name: 'Clients' } },
    },
    {
      method: 'PATCH',
      path: `/site-folders/v2/folders/${folderId}`,
      docPath: '/site-folders/v2/folders/{id}',
      body: { folder: { name: 'Renamed' } },
    },
    { method: 'DELETE', path: `/site-folders/v2/folders/${folderId}`, docPath: '/site-folders/v2/folders/{folderId}' },
    {
      method: 'GET',
      path: `/site-folders/v2/folders/sites/${inFolder.id}`,
      docPath: '/site-folders/v2/folders/sites/{siteId}',
    },
    {
      method: 'PATCH',
      path: '/site-folders/v2/folders/bulk/move',
      docPath: '/site-folders/v2/folders/bulk/move',
      body: { folderIds: [folderId] },
    },
    {
      method: 'POST',
      path: '/site-folders/v2/folders/bulk/sites/move',
      docPath: '/site-folders/v2/folders/bulk/sites/move',
      body: { sites: { siteIds: [published.id] }, targetFolderId: folderId },
    },
    { method: 'POST', path: '/site-folders/v2/folders/query', docPath: '/site-folders/v2/folders/query', body: {} },
    {
      method: 'POST',
      path: '/site-actions/v1/sites/publish',
      docPath: '/site-actions/v1/sites/publish',
      siteId: published.id,
    },
    {
      method: 'PUT',
      path: '/site-actions/v1/sites/unpublish',
      docPath: '/site-actions/v1/sites/unpublish',
      siteId: published.id,
    },
  );
  if (assignedDomain) {
    const siteId = assignedDomain.siteInfo.id as string;
    const byId = `/domains/v1/domain-assignments/${assignedDomain.id}`;
    const doc = '/domains/v1/domain-assignments/{domainAssignmentId}';
    calls.push(
      {
        method: 'POST',
        path: '/domains/v1/domain-assignments',
        docPath: '/domains/v1/domain-assignments',
        body: { domainAssignment: { domain: assignedDomain.id, siteInfo: { id: siteId, assignmentType: 'PRIMARY' } } },
      },
      { method: 'GET', path: byId, docPath: doc },
      { method: 'PATCH', path: byId, docPath: doc },
      { method: 'DELETE', path: byId, docPath: doc },
      {
        method: 'GET',
        path: `/domains/v1/domain-assignments?siteIds=${siteId}&paging.limit=10`,
        docPath: '/domains/v1/domain-assignments',
      },
      {
        method: 'GET',
        path: `/premium/domains/v1/dns-propagations/${assignedDomain.id}`,
        docPath: '/premium/domains/v1/dns-propagations/{dnsPropagationId}',
      },
    );
  }
  return calls;
}
