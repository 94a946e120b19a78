import { DnssecInfo, DnsZone } from '../schema/dns-zone.type.js';
import { domainGlobalId, toDnsRecord, type WixDnsRecord } from './domain-common.dto.js';

/** DnsZone as Wix sends it (CONTRACT §8.1). */
export interface WixDnsZone {
  id?: string;
  domainName: string;
  records?: WixDnsRecord[];
  dnssecEnabled?: boolean;
  dnssecInfo?: { keyTag?: number; digest?: string } | null;
}

/** A record of an Update DNS Zone change list (CONTRACT §8.3). */
export interface DnsRecordChange {
  type: string;
  hostName: string;
  ttl?: number | null;
  values: string[];
}

/** What Update DNS Zone takes: deletions apply first, then additions; `dnssecEnabled` null/absent leaves DNSSEC as is. */
export interface DnsZoneChange {
  additions?: DnsRecordChange[] | null;
  deletions?: DnsRecordChange[] | null;
  dnssecEnabled?: boolean | null;
}

/** The body of Update DNS Zone: top-level `additions` / `deletions` (not nested), values always arrays. */
export function toUpdateDnsZoneBody(change: DnsZoneChange): Record<string, unknown> {
  const record = (r: DnsRecordChange) => ({ type: r.type, hostName: r.hostName, ...(r.ttl !== undefined && r.ttl !== null ? { ttl: r.ttl } : {}), values: [...r.values] });
  const body: Record<string, unknown> = {};
  if (change.additions?.length) body.additions = change.additions.map(record);
  if (change.deletions?.length) body.deletions = change.deletions.map(record);
  if (typeof change.dnssecEnabled === 'boolean') body.dnssecEnabled = change.dnssecEnabled;
  return body;
}

/** Get / Update DNS Zone answer (CONTRACT §8). */
export interface GetDnsZoneResponse {
  dnsZone: WixDnsZone;
}

/** Maps a raw zone managed by `ownerAccountId`. */
export function toDnsZone(raw: WixDnsZone, ownerAccountId: string): DnsZone {
  const zone = new DnsZone();
  zone.id = domainGlobalId('DnsZone', ownerAccountId, raw.domainName);
  zone.domainName = raw.domainName;
  zone.ownerAccountId = ownerAccountId;
  zone.records = (raw.records ?? []).map((r) => toDnsRecord(r));
  zone.dnssecEnabled = raw.dnssecEnabled ?? false;
  const info = raw.dnssecInfo;
  if (zone.dnssecEnabled && info && typeof info.keyTag === 'number' && typeof info.digest === 'string') {
    zone.dnssec = new DnssecInfo();
    zone.dnssec.keyTag = info.keyTag;
    zone.dnssec.digest = info.digest;
  } else zone.dnssec = null;
  return zone;
}
