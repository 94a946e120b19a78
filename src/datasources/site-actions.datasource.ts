import type { UpstreamHttp } from './http.js';

/** Wix Site Actions API (CONTRACT §14): Publish Site and Unpublish Site, for one account's sites. */
export class SiteActionsDataSource {
  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {}

  /** Publish Site — `POST /site-actions/v1/sites/publish` with the site in `wix-site-id`. Safe to repeat. */
  async publish(siteId: string): Promise<void> {
    await this.http.post('/site-actions/v1/sites/publish', {
      operation: 'Publish Site',
      accountId: this.accountId,
      siteId,
      json: {},
      idempotent: true,
    });
  }

  /** Unpublish Site — `PUT /site-actions/v1/sites/unpublish` with the site in `wix-site-id` (it must be published). */
  async unpublish(siteId: string): Promise<void> {
    await this.http.put('/site-actions/v1/sites/unpublish', {
      operation: 'Unpublish Site',
      accountId: this.accountId,
      siteId,
      json: {},
    });
  }
}
