import type { AccountsDataSource } from './datasources/accounts.datasource.js';
import { ErrorCode, GatewayError } from './errors.js';
import { isWixGuid, sameWixId as sameId } from './model/wix-guid.js';

/**
 * Which Wix accounts a request may act on. The tenant comes from the `wix-account-id` header (or defaults to the main
 * account) and must be the main account or one of its sub-accounts. The main account may reach every sub-account;
 * a sub-account only itself. Decided from List Child Accounts (cached briefly), never by trying an upstream write.
 */
export class Tenancy {
  constructor(
    readonly mainAccountId: string,
    private readonly accounts: AccountsDataSource,
  ) {}

  /** Validates the requested tenant (header value) and returns it; the main account when none was sent. */
  async resolveTenant(requested: string | undefined): Promise<string> {
    if (!requested) return this.mainAccountId;
    const id = requested.trim();
    if (!isWixGuid(id))
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'The wix-account-id header must be a Wix account ID (a GUID)', {
        fields: [{ field: 'wix-account-id', message: 'must be a GUID' }],
      });
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
    if (sameId(target, tenant)) return;
    if (sameId(tenant, this.mainAccountId) && (await this.isSubAccount(target))) return;
    throw forbidden(target);
  }

  /** Sub-account IDs of the main account (cached briefly). */
  subAccountIds(): Promise<string[]> {
    return this.accounts.childAccountIds(this.mainAccountId);
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
