/** Raw shapes of Wix's B2B Site Management — Transfer Site (CONTRACT §2). */

/** The `siteTransfer` object of the request and of the answer (an echo of the request). */
export interface WixSiteTransfer {
  siteId: string;
  sourceAccountId: string;
  enableNotifications?: boolean;
}

/** Transfer Site answer. */
export interface TransferSiteResponse {
  siteTransfer: WixSiteTransfer;
}

/** A transfer to make, in Wix IDs; the target account is the data source's account. */
export interface SiteTransferSpec {
  siteId: string;
  sourceAccountId: string;
  /** Email the site owner when the transfer succeeds (Wix's default: false). */
  enableNotifications?: boolean;
}
