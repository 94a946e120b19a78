/** Raw shapes of Wix's Accounts API (CONTRACT §4). */
export interface WixAccount {
  accountId: string;
  slug?: string;
  accountName?: string;
  status?: 'ACTIVE' | 'BLOCKED' | 'DELETED';
  accountOwner?: string;
  accountProperties?: { isTeam?: boolean; parentAccountId?: string; websiteUrl?: string };
  dateCreated?: string;
  dateUpdated?: string;
}

export interface ListChildAccountsResponse {
  childAccounts: Array<{ accountId: string }>;
  pagingMetadata?: { count?: number; offset?: number; total?: number; tooManyToCount?: boolean };
}

export interface GetAccountResponse {
  account: WixAccount;
}
