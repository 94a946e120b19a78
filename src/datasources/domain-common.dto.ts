import type { WireCursorPagingMetadata, WireSiteInfo } from '@wix-account-graph/sandbox/contract';
import { DnsRecordType, type DnsRecord } from '../model/dns.js';
import { DnsPropagationStatus, DomainAssignmentType } from '../model/domain.js';

/**
 * Raw shapes and mappers shared by the domain APIs (CONTRACT §6–§8): site assignment, propagation status, DNS records.
 */

/** `siteInfo` of a registered or connected domain. */
export type WixSiteInfo = WireSiteInfo;

/** Domains `CursorPagingMetadata` (CONTRACT §0.3). */
export type WixDomainPaging = WireCursorPagingMetadata;

/** A DNS record as the DNS and setup-info endpoints send it (`value` for single-valued CNAMEs of setup info). */
export interface WixDnsRecord {
  type?: string;
  hostName: string;
  ttl?: number;
  values?: string[];
  value?: string;
}

/** Wix's DNS propagation status; anything unknown (or absent) is UNKNOWN. */
export function toPropagation(raw: string | undefined): DnsPropagationStatus {
  return raw === 'IN_PROGRESS' || raw === 'COMPLETED' || raw === 'FAILED'
    ? DnsPropagationStatus[raw]
    : DnsPropagationStatus.UNKNOWN;
}

/** Assignment of a domain: UNASSIGNED without a site, whatever Wix put in `assignmentType`. */
export function toAssignment(info: WixSiteInfo | undefined | null): {
  assignmentType: DomainAssignmentType;
  redirectsTo: string | null;
  siteWixId: string | null;
} {
  const siteWixId = info?.id || null;
  const type = info?.assignmentType;
  const assignmentType =
    siteWixId && (type === 'PRIMARY' || type === 'REDIRECT')
      ? DomainAssignmentType[type]
      : DomainAssignmentType.UNASSIGNED;
  const redirectsTo =
    assignmentType === DomainAssignmentType.REDIRECT ? (info?.redirectInfo?.primaryDomain ?? null) : null;
  return { assignmentType, redirectsTo, siteWixId };
}

const RECORD_TYPES = new Set<string>(Object.values(DnsRecordType));

/** Maps a raw record; `type` names the record type when Wix leaves it implicit (setup info). */
export function toDnsRecord(raw: WixDnsRecord, type?: DnsRecordType): DnsRecord {
  return {
    type: type ?? (raw.type && RECORD_TYPES.has(raw.type) ? (raw.type as DnsRecordType) : DnsRecordType.UNKNOWN),
    hostName: raw.hostName,
    ttl: raw.ttl ?? 0,
    values: raw.values ?? (raw.value !== undefined ? [raw.value] : []),
  };
}

/** Parses an optional ISO date. */
export function toDate(raw: string | null | undefined): Date | null {
  return raw ? new Date(raw) : null;
}
