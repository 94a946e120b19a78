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
