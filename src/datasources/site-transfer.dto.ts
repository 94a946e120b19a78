import type { WireTransferSiteResponse } from '@wix-account-graph/sandbox/contract';
/** Raw shapes of Wix's B2B Site Management — Transfer Site (CONTRACT §2). */

/** The `siteTransfer` object of the request and of the answer (an echo of the request). */
export type WixSiteTransfer = WireTransferSiteResponse['siteTransfer'];

/** Transfer Site answer. */
export type TransferSiteResponse = WireTransferSiteResponse;

/** A transfer to make, in Wix IDs; the target account is the data source's account. */
export interface SiteTransferSpec {
  siteId: string;
  sourceAccountId: string;
  /** Email the site owner when the transfer succeeds (Wix's default: false). */
  enableNotifications?: boolean;
}
