import { grantCovers, type AccountGrant } from './auth/caller.js';
import type { AccountsDataSource } from './datasources/accounts.datasource.js';
import { ErrorCode, GatewayError } from './errors.js';
import { isWixGuid, sameWixId as sameId } from './model/wix-guid.js';

/**
 * Which Wix accounts a request may act on. The tenant comes from the `wix-account-id` header (or defaults to the main
 * account) and must be the main account or one of its sub-accounts. The main account may reach every sub-account;
 * a sub-account only itself. Decided from List Child Accounts (cached briefly), never by trying an upstream write.
 * On top of that the caller's credential must name the account (`grant`: `all` is the whole tree), checked before
 * any upstream call.
 */
export class Tenancy {
  constructor(
    readonly mainAccountId: string,
    private readonly accounts: AccountsDataSource,
    private readonly grant: AccountGrant = 'all',
  ) {}

  /**
   * Validates the requested tenant (header value) and returns it; when none was sent, the main account — or the one
   * account a credential for a single account names.
   */
  async resolveTenant(requested: string | undefined): Promise<string> {
    if (!requested && this.grant !== 'all' && this.grant.length === 1) requested = this.grant[0];
    if (!requested) {
      if (!grantCovers(this.grant, this.mainAccountId)) throw notGranted(this.mainAccountId, true);
      return this.mainAccountId;
    }
    const id = requested.trim();
    if (!isWixGuid(id))
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'The wix-account-id header must be a Wix account ID (a GUID)', {
        fields: [{ field: 'wix-account-id', message: 'must be a GUID' }],
      });
    if (!grantCovers(this.grant, id)) throw notGranted(id, false);
    if (sameId(id, this.mainAccountId)) return this.mainAccountId;
    if (!(await this.isSubAccount(id))) throw forbidden(id);
    return id;
  }

  /** Throws FORBIDDEN unless `tenant` may act on `target`. */
  async assertAccess(tenant: string, target: string): Promise<void> {
    if (!isWixGuid(target))
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'accountId must be a Wix account ID (a GUID)', {
        fields: [{ field: 'accountId', message: 'must be a GUID' }],
      });
    if (!grantCovers(this.grant, target)) throw notGranted(target, false);
    if (sameId(target, tenant)) return;
    if (sameId(tenant, this.mainAccountId) && (await this.isSubAccount(target))) return;
    throw forbidden(target);
  }

  /** Sub-account IDs of the main account (cached briefly) that the caller's credential names. */
  async subAccountIds(): Promise<string[]> {
    const children = await this.accounts.childAccountIds(this.mainAccountId);
    return this.grant === 'all' ? children : children.filter((c) => grantCovers(this.grant, c));
  }

  private async isSubAccount(id: string): Promise<boolean> {
    const children = await this.subAccountIds();
    return children.some((c) => sameId(c, id));
  }
}

function forbidden(accountId: string): GatewayError {
  return new GatewayError(
    ErrorCode.FORBIDDEN,
    `Account ${accountId} is not the main account or one of its sub-accounts you may act on`,
  );
}

/** FORBIDDEN: the credential does not name the account (`defaulted`: no wix-account-id header was sent). */
function notGranted(accountId: string, defaulted: boolean): GatewayError {
  return new GatewayError(
    ErrorCode.FORBIDDEN,
    defaulted
      ? 'This credential does not cover the main account: send the wix-account-id header of an account it names'
      : `Account ${accountId} is not one of the accounts this credential names`,
  );
}
