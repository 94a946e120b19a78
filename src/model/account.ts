/** A Wix account: the configured main (agency) account or one of its sub-accounts. */
export interface Account {
  /** Wix account ID (GUID), as sent in the `wix-account-id` header. */
  wixId: string;
}
