import type DataLoader from 'dataloader';
import type { AnswerCache } from '../caches.js';
import type { ConnectedDomain, ConnectedDomainSetupInfo } from '../model/connected-domain.js';
import type { Page } from '../model/page.js';
import {
  toConnectedDomain,
  toCreateConnectedDomainBody,
  toSetupInfo,
  type ConnectRequest,
  type GetConnectedDomainResponse,
  type GetSetupInfoResponse,
  type ListConnectedDomainsResponse,
  type WixConnectedDomain,
} from './connected-domains.dto.js';
import { dnsZoneShared } from './domain-dns.datasource.js';
import { AccountDomainList, detailLoader, forgetShared, nullWhen, type SharedDetailCache } from './domain-loaders.js';
import type { UpstreamHttp } from './http.js';

const LIST_PATH = '/domains/v1/connected-domains';
/**
 * Answers that mean "this account has no such connected domain": 404 NOT_FOUND (unknown, or another account's), and
 * 403 DOMAINS_DOMAIN_NOT_PERMITTED (e.g. a domain registered through Wix, which is not a connection).
 */
const NOT_FOUND_CODES = ['NOT_FOUND', 'DOMAINS_DOMAIN_NOT_PERMITTED'] as const;

/**
 * Wix Connected Domains API (CONTRACT §7) for one request and one account. Like Registered Domains: `all()` reads
 * the whole list once per request for every `Site.connectedDomains`, `byDomain` fetches single domains (deduped,
 * bounded, primed from lists). `setupInfo` has no batch form upstream: deduped, bounded, and kept for a few seconds
 * across requests in the gateway's shared cache (keyed by account and domain).
 */
export class ConnectedDomainsDataSource {
  /** Get Connected Domain by name, deduped and bounded per request, primed from lists (null: no such connection). */
  readonly byDomain: DataLoader<string, ConnectedDomain | null>;
  /** Get Connected Domain Setup Info by domain, deduped per request and kept briefly across requests. */
  readonly setupInfo: DataLoader<string, ConnectedDomainSetupInfo | null>;
  private readonly sharedSetup?: SharedDetailCache;
  /** The DNS-zone answers of the shared cache: a NAMESERVERS connection creates a zone, its deletion removes it. */
  private readonly sharedZones?: SharedDetailCache;
  private readonly list: AccountDomainList<ListConnectedDomainsResponse, WixConnectedDomain, ConnectedDomain>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
    sharedCache?: AnswerCache<unknown>,
  ) {
    this.byDomain = detailLoader((domain) => nullWhen(this.get(domain), NOT_FOUND_CODES));
    this.sharedSetup = sharedCache ? { cache: sharedCache, prefix: `setup-info|${accountId}` } : undefined;
    this.setupInfo = detailLoader(
      (domain) => nullWhen(this.getSetupInfo(domain), NOT_FOUND_CODES),
      this.sharedSetup,
      http.ambient.budget?.fresh === true,
    );
    this.sharedZones = sharedCache ? dnsZoneShared(sharedCache, accountId) : undefined;
    this.list = new AccountDomainList(http, {
      path: LIST_PATH,
      operation: 'List Connected Domains',
      accountId,
      list: 'connectedDomains',
      itemsOf: (res) => res.connectedDomains,
      toItem: (raw) => toConnectedDomain(raw, accountId),
      onItem: (cd) => this.byDomain.prime(cd.domain, cd),
    });
  }

  /** Every connected domain of the account — List Connected Domains, `GET /domains/v1/connected-domains`, all pages; one call chain per request. */
  all(): Promise<ConnectedDomain[]> {
    return this.list.all();
  }

  /** The connected domains of a site, from {@link all}. */
  forSite(siteId: string): Promise<ConnectedDomain[]> {
    return this.list.forSite(siteId);
  }

  /** One page of List Connected Domains (newest first) over Wix's cursor. */
  page(args: { first: number; after?: string | null }): Promise<Page<ConnectedDomain>> {
    return this.list.page(args);
  }

  /**
   * Create Connected Domain — `POST /domains/v1/connected-domains`, with `wix-site-id` when connecting to a site.
   * Not repeated by the HTTP layer (Wix takes no idempotency key; a repeat with the same settings answers the existing
   * connection, so callers may simply call again). Returns Wix's answer and primes this request's loader with it.
   */
  async create(req: ConnectRequest): Promise<ConnectedDomain> {
    let res: GetConnectedDomainResponse;
    try {
      res = await this.http.post<GetConnectedDomainResponse>(LIST_PATH, {
        operation: 'Create Connected Domain',
        accountId: this.accountId,
        siteId: req.siteId ?? undefined,
        json: toCreateConnectedDomainBody(req),
      });
    } finally {
      this.forget(req.domain);
    }
    const cd = toConnectedDomain(res.connectedDomain, this.accountId);
    this.byDomain.prime(cd.domain, cd);
    return cd;
  }

  /** Delete Connected Domain — `DELETE /domains/v1/connected-domains/{domain}`. Irreversible; never repeated by the HTTP layer. */
  async delete(domain: string): Promise<void> {
    try {
      await this.http.delete<Record<string, never>>(`${LIST_PATH}/${encodeURIComponent(domain)}`, {
        operation: 'Delete Connected Domain',
        accountId: this.accountId,
      });
    } finally {
      this.forget(domain);
    }
  }

  /** Forgets what this request read about a domain, its shared setup info and its shared DNS zone (after a write). */
  forget(domain: string): void {
    this.byDomain.clear(domain);
    this.setupInfo.clear(domain);
    forgetShared(this.sharedSetup, domain);
    forgetShared(this.sharedZones, domain);
    this.list.forget();
  }

  /** Get Connected Domain — `GET /domains/v1/connected-domains/{domain}`. */
  private async get(domain: string): Promise<ConnectedDomain> {
    const res = await this.http.get<GetConnectedDomainResponse>(`${LIST_PATH}/${encodeURIComponent(domain)}`, {
      operation: 'Get Connected Domain',
      accountId: this.accountId,
    });
    return toConnectedDomain(res.connectedDomain, this.accountId);
  }

  /** Get Connected Domain Setup Info — `GET /domains/v1/connected-domain-setup-info/{domain}`. */
  private async getSetupInfo(domain: string): Promise<ConnectedDomainSetupInfo> {
    const res = await this.http.get<GetSetupInfoResponse>(
      `/domains/v1/connected-domain-setup-info/${encodeURIComponent(domain)}`,
      { operation: 'Get Connected Domain Setup Info', accountId: this.accountId },
    );
    return toSetupInfo(res.connectedDomainSetupInfo);
  }
}
