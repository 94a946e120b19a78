import type DataLoader from 'dataloader';
import type { AccountScope } from '../account-scope.js';
import { accountNode } from './account.resolver.js';
import { parseDomainKey } from './ids.js';
import type { NodeLoader, NodeTable } from './node.resolver.js';
import { toOperation } from './operation.map.js';

/**
 * A loader for a domain entity. Its global ID names the owning account and the domain (see domainGlobalId), so the
 * look-up runs in that account's scope, after the tenancy check.
 */
function domainNode(loaderOf: (scope: AccountScope) => DataLoader<string, object | null>): NodeLoader {
  return async (ctx, wixId) => {
    const key = parseDomainKey(wixId);
    return key ? loaderOf(await ctx.scope(key.accountId)).load(key.domain) : null;
  };
}

/**
 * The node table: how `node(id)` refetches each Node type of the graph, by the type name its global ID carries.
 * buildGatewaySchema builds it and hands it to the NodeResolver; a new Node type is refetchable once it is listed here.
 */
export function nodeTable(): NodeTable {
  return new Map<string, NodeLoader>([
    [
      'Account',
      async (ctx, wixId) => {
        await ctx.tenancy.assertAccess(ctx.tenantId, wixId);
        return accountNode(wixId);
      },
    ],
    ['Site', (ctx, wixId) => ctx.tenant.sites.byId.load(wixId)],
    ['Folder', (ctx, wixId) => ctx.tenant.siteFolders.byId.load(wixId)],
    ['Package', (ctx, wixId) => ctx.tenant.resellers.package(wixId)],
    ['ProductInstance', (ctx, wixId) => ctx.tenant.resellers.instance(wixId)],
    ['RegisteredDomain', domainNode((scope) => scope.registeredDomains.byDomain)],
    ['ConnectedDomain', domainNode((scope) => scope.connectedDomains.byDomain)],
    ['DnsZone', domainNode((scope) => scope.domainDns.zone)],
    [
      'Operation',
      async (ctx, wixId) => {
        const record = await ctx.operations.get(wixId.toLowerCase());
        return record?.tenantId === ctx.tenantId ? toOperation(record) : null;
      },
    ],
  ]);
}
