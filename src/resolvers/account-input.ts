import type { AccountScope } from '../account-scope.js';
import type { GatewayContext } from '../context.js';
import { wixIdOf } from './ids.js';

/**
 * The one reading of an `accountId` argument or input field, for every query, mutation, flow and subscription: a Wix
 * GUID or an Account global ID (else BAD_USER_INPUT naming `field`), within the tenant's reach (else FORBIDDEN, before
 * any other upstream call). Absent: the request's own account.
 */
export async function accountIdOf(
  ctx: GatewayContext,
  accountId: string | null | undefined,
  field = 'input.accountId',
): Promise<string> {
  return (await accountScopeOf(ctx, accountId, field)).accountId;
}

/** The data sources of the account an `accountId` names (see {@link accountIdOf}). */
export async function accountScopeOf(
  ctx: GatewayContext,
  accountId: string | null | undefined,
  field = 'input.accountId',
): Promise<AccountScope> {
  return accountId ? ctx.scope(wixIdOf(accountId, 'Account', field)) : ctx.tenant;
}
