import type DataLoader from 'dataloader';
import type { GatewayContext } from '../context.js';
import { parseDomainKey } from '../datasources/domain-common.dto.js';
import { fromGlobalId, type Node } from '../schema/node.type.js';
import type { AccountScope } from '../scope.js';
import { registerNodeLoader } from './node.resolver.js';

/**
 * The scope a root domain look-up acts on: the request's tenant, or the account named by an `accountId` argument
 * (a Wix GUID or an Account global ID) after the tenancy check (FORBIDDEN otherwise, BAD_USER_INPUT when malformed).
 */
export async function domainScope(ctx: GatewayContext, accountId?: string | null): Promise<AccountScope> {
  if (!accountId) return ctx.tenant;
  const decoded = fromGlobalId(accountId);
  return ctx.scope(decoded?.type === 'Account' ? decoded.wixId : accountId);
}

/**
 * Makes `node(id)` refetch a domain entity of `type`. Its global ID names the owning account and the domain (see
 * domainGlobalId), so the look-up runs in that account's scope, after the tenancy check.
 */
export function registerDomainNodeLoader(type: string, loaderOf: (scope: AccountScope) => DataLoader<string, Node | null>): void {
  registerNodeLoader(type, async (ctx, wixId) => {
    const key = parseDomainKey(wixId);
    return key ? loaderOf(await ctx.scope(key.accountId)).load(key.domain) : null;
  });
}
