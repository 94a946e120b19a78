/**
 * Fields whose resolver reads Wix (schema coordinates `Type.field`), used to bound the upstream calls one request may
 * cause before the first of them is made. Root fields of Mutation and Subscription all count; of Query, all but
 * those listed in LOCAL_QUERY_FIELDS. Nested fields below go through per-request DataLoaders, which batch the items
 * of a page into one call (or a few, cut at Wix's page size), so each selection of one counts as one call.
 */
export const UPSTREAM_FIELDS: ReadonlySet<string> = new Set([
  'Account.name',
  'Account.subAccounts',
  'Account.sites',
  'Account.packages',
  'Account.floatingProductInstances',
  'Account.registeredDomains',
  'Account.connectedDomains',
  'ConnectedDomain.site',
  'ConnectedDomain.setupInfo',
  'Package.account',
  'ProductInstance.package',
  'ProductInstance.site',
  'ProductInstance.referenceInstance',
  'RegisteredDomain.site',
  'RegisteredDomain.dnsZone',
  'Site.productInstances',
  'Site.premiumPlan',
  'Site.connectedDomains',
  'Site.registeredDomains',
  'SetUpCustomerSiteResult.site',
  'SetUpCustomerSiteResult.package',
  'ReassignPaidServiceResult.productInstance',
  'ReassignPaidServiceResult.site',
  'PurchaseDomainResult.registeredDomain',
  'PurchaseDomainResult.site',
  'PurchaseDomainResult.domainProductInstance',
  'ConnectDomainResult.connectedDomain',
  'ConnectDomainResult.site',
]);

/** Query root fields answered from the gateway's own state (the operation store), or from the request alone. */
export const LOCAL_QUERY_FIELDS: ReadonlySet<string> = new Set(['viewer', 'operation', 'operations', '__typename']);

/** `nodes(ids:)` loads each id through its type's loader: at most this many calls, one per kind of node. */
export const NODES_CALLS_CAP = 8;

/**
 * Query root fields read through a per-request DataLoader that batches ids into one call (Query Sites `id $in`, Query
 * Packages, the node table): however many aliases select one, they make one call (while under the page size).
 */
export const BATCHED_QUERY_FIELDS: ReadonlySet<string> = new Set([
  'site',
  'package',
  'productInstance',
  'registeredDomain',
  'node',
]);
