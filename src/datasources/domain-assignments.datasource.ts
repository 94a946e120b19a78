import DataLoader from 'dataloader';
import type { DnsPropagation, SiteDomainAssignment } from '../model/domain-assignment.js';
import { GatewayError, ErrorCode } from '../errors.js';
import {
  toAssignment,
  toDnsPropagation,
  type ListDomainAssignmentsResponse,
  type WixDnsPropagation,
  type WixDomainAssignment,
} from './domain-assignments.dto.js';
import type { UpstreamHttp } from './http.js';

const BASE = '/domains/v1/domain-assignments';
/** List Domain Assignments page size (sandbox max 100). */
const PAGE = 100;
/** Sites per List call: the site IDs travel in the query string. */
const SITES_PER_CALL = 50;

/**
 * Wix Domain Assignments API (CONTRACT §15) and Get DNS Propagation (§16) for one request and one account.
 * `bySite` batches the assignments of every site a request asks about into one List call (`siteIds` repeated, all
 * pages); `dnsPropagation` dedupes the per-domain GETs (Wix has no batch form). Writes clear the loaders.
 */
export class DomainAssignmentsDataSource {
  /** A site's assignments, sorted by domain. */
  readonly bySite: DataLoader<string, SiteDomainAssignment[]>;
  /** Get DNS Propagation of one domain; null when Wix has none for this account. */
  readonly dnsPropagation: DataLoader<string, DnsPropagation | null>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {
    this.bySite = new DataLoader((ids) => this.loadBySites(ids), { maxBatchSize: SITES_PER_CALL });
    this.dnsPropagation = new DataLoader((domains) => Promise.all(domains.map((d) => this.getPropagation(d))), {
      maxBatchSize: 10,
    });
  }

  /** Upsert Domain Assignment — `POST /domains/v1/domain-assignments`. */
  async upsert(domain: string, siteId: string, type: 'PRIMARY' | 'REDIRECT'): Promise<SiteDomainAssignment> {
    const res = await this.http.post<{ domainAssignment: WixDomainAssignment }>(BASE, {
      operation: 'Upsert Domain Assignment',
      accountId: this.accountId,
      json: { domainAssignment: { domain, siteInfo: { id: siteId, assignmentType: type } } },
    });
    this.bySite.clearAll();
    return toAssignment(res.domainAssignment, this.accountId);
  }

  /** Set Domain As Primary — `PATCH /domains/v1/domain-assignments/{domain}`. Same state however often sent. */
  async setPrimary(domain: string): Promise<SiteDomainAssignment> {
    const res = await this.http.patch<{ domainAssignment: WixDomainAssignment }>(
      `${BASE}/${encodeURIComponent(domain)}`,
      { operation: 'Set Domain As Primary', accountId: this.accountId, json: {}, idempotent: true },
    );
    this.bySite.clearAll();
    return toAssignment(res.domainAssignment, this.accountId);
  }

  /** Delete Domain Assignment — `DELETE /domains/v1/domain-assignments/{domain}`. */
  async delete(domain: string): Promise<void> {
    await this.http.delete(`${BASE}/${encodeURIComponent(domain)}`, {
      operation: 'Delete Domain Assignment',
      accountId: this.accountId,
    });
    this.bySite.clearAll();
  }

  /** List Domain Assignments with every asked site in `siteIds`, all pages; grouped back by site. */
  private async loadBySites(siteIds: readonly string[]): Promise<SiteDomainAssignment[][]> {
    const found = new Map<string, SiteDomainAssignment[]>(siteIds.map((id) => [id, []]));
    let cursor: string | null = null;
    do {
      const searchParams = new URLSearchParams(siteIds.map((id): [string, string] => ['siteIds', id]));
      searchParams.set('paging.limit', String(PAGE));
      if (cursor) searchParams.set('paging.cursor', cursor);
      const res: ListDomainAssignmentsResponse = await this.http.get(BASE, {
        operation: 'List Domain Assignments',
        accountId: this.accountId,
        searchParams,
      });
      for (const raw of res.domainAssignments) {
        const a = toAssignment(raw, this.accountId);
        if (a.siteWixId) found.get(a.siteWixId)?.push(a);
      }
      cursor = res.pagingMetadata?.hasNext ? (res.pagingMetadata.cursors?.next ?? null) : null;
    } while (cursor);
    return siteIds.map((id) => found.get(id) ?? []);
  }

  /** Get DNS Propagation — `GET /premium/domains/v1/dns-propagations/{domain}`; null when Wix does not find it. */
  private async getPropagation(domain: string): Promise<DnsPropagation | null> {
    try {
      const res = await this.http.get<{ dnsPropagation: WixDnsPropagation }>(
        `/premium/domains/v1/dns-propagations/${encodeURIComponent(domain)}`,
        { operation: 'Get DNS Propagation', accountId: this.accountId },
      );
      return toDnsPropagation(res.dnsPropagation);
    } catch (error) {
      if (error instanceof GatewayError && error.extensions.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
