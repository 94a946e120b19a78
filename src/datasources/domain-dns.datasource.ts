import type DataLoader from 'dataloader';
import type { AnswerCache } from '../caches.js';
import type { DnsZone } from '../model/dns.js';
import { toDnsZone, toUpdateDnsZoneBody, type DnsZoneChange, type GetDnsZoneResponse } from './domain-dns.dto.js';
import { detailLoader, forgetShared, nullWhen, type SharedDetailCache } from './domain-loaders.js';
import type { UpstreamHttp } from './http.js';

/**
 * Answers that mean "Wix hosts no zone this account can read": 404 DNS_ZONE_NOT_FOUND (registration pending, zone
 * deleted) and 428 DOMAIN_NOT_PERMITTED (neither registered through Wix nor connected by NAMESERVERS — e.g. a
 * POINTING connection, or a domain the account does not have).
 */
const NO_ZONE_CODES = ['DNS_ZONE_NOT_FOUND', 'DOMAIN_NOT_PERMITTED', 'NOT_FOUND'] as const;

/** The DNS-zone entries of the gateway's shared cache for one account (other data sources drop them after their writes). */
export function dnsZoneShared(cache: AnswerCache<unknown>, accountId: string): SharedDetailCache {
  return { cache, prefix: `dns-zone|${accountId}` };
}

/**
 * Wix Domain DNS API (CONTRACT §8) for one request and one account. Get DNS Zone has no batch form: `zone` dedupes
 * and bounds the calls of a request, and keeps answers for a few seconds across requests in the gateway's shared
 * cache (keyed by account and domain).
 */
export class DomainDnsDataSource {
  /** Get DNS Zone by domain, deduped per request and kept briefly across requests (null: no zone this account can read). */
  readonly zone: DataLoader<string, DnsZone | null>;
  private readonly shared?: SharedDetailCache;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
    sharedCache?: AnswerCache<unknown>,
  ) {
    this.shared = sharedCache ? dnsZoneShared(sharedCache, accountId) : undefined;
    this.zone = detailLoader(
      (domain) => nullWhen(this.get(domain), NO_ZONE_CODES),
      this.shared,
      http.ambient.budget?.fresh === true,
    );
  }

  /**
   * Update DNS Zone — `PATCH /domains/v1/dns-zones/{domainName}`. Not repeated by the HTTP layer: Wix takes no
   * idempotency key, and a repeated edit fails (its deletions no longer match, its additions exist). Returns the
   * zone Wix answers and primes this request's loader with it.
   */
  async update(domain: string, change: DnsZoneChange): Promise<DnsZone> {
    try {
      const res = await this.http.patch<GetDnsZoneResponse>(`/domains/v1/dns-zones/${encodeURIComponent(domain)}`, {
        operation: 'Update DNS Zone',
        accountId: this.accountId,
        json: toUpdateDnsZoneBody(change),
      });
      const zone = toDnsZone(res.dnsZone, this.accountId);
      this.forget(domain);
      this.zone.prime(domain, zone);
      return zone;
    } catch (error) {
      this.forget(domain);
      throw error;
    }
  }

  /** Forgets a zone read by this request and the shared copy (after Update / Create / Delete DNS Zone). */
  forget(domain: string): void {
    this.zone.clear(domain);
    forgetShared(this.shared, domain);
  }

  /** Get DNS Zone — `GET /domains/v1/dns-zones/{domainName}`. */
  private async get(domain: string): Promise<DnsZone> {
    const res = await this.http.get<GetDnsZoneResponse>(`/domains/v1/dns-zones/${encodeURIComponent(domain)}`, {
      operation: 'Get DNS Zone',
      accountId: this.accountId,
    });
    return toDnsZone(res.dnsZone, this.accountId);
  }
}
