import type { GatewayContext } from '../context.js';
import { fromGlobalId } from '../schema/node.type.js';
import type { AccountScope } from '../scope.js';

/**
 * The scope a root domain look-up acts on: the request's tenant, or the account named by an `accountId` argument
 * (a Wix GUID or an Account global ID) after the tenancy check (FORBIDDEN otherwise, BAD_USER_INPUT when malformed).
 */
export async function domainScope(ctx: GatewayContext, accountId?: string | null): Promise<AccountScope> {
  if (!accountId) return ctx.tenant;
  const decoded = fromGlobalId(accountId);
  return ctx.scope(decoded?.type === 'Account' ? decoded.wixId : accountId);
}
