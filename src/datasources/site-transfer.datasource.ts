import type { UpstreamHttp } from './http.js';
import type { SiteTransferSpec, TransferSiteResponse, WixSiteTransfer } from './site-transfer.dto.js';

/**
 * Wix B2B Site Management (CONTRACT §2) for one request, bound to the TARGET account: Transfer Site takes the target
 * only from `wix-account-id`, never from the body. The caller checks tenancy for both accounts before calling.
 */
export class SiteTransferDataSource {
  constructor(
    private readonly http: UpstreamHttp,
    /** The account the site moves to (sent as `wix-account-id`). */
    readonly targetAccountId: string,
  ) {}

  /**
   * Transfer Site — `POST /b2b-site-management/v1/transfer-site`. Synchronous: on success the site belongs to the
   * target. Wix has no idempotency key here, so the call is never repeated by the HTTP layer (a repeat after a lost
   * answer would fail with SITE_NOT_FOUND anyway: the site is no longer in the source).
   */
  async transferSite(spec: SiteTransferSpec): Promise<WixSiteTransfer> {
    const siteTransfer = {
      siteId: spec.siteId,
      sourceAccountId: spec.sourceAccountId,
      enableNotifications: spec.enableNotifications ?? false,
    };
    const res = await this.http.post<TransferSiteResponse>('/b2b-site-management/v1/transfer-site', {
      operation: 'Transfer Site',
      accountId: this.targetAccountId,
      json: { siteTransfer },
    });
    return res.siteTransfer;
  }
}
