import type { WireDnsZone, WireDnsZoneResponse } from '@wix-account-graph/sandbox/contract';
import type { DnsZone } from '../model/dns.js';
import { toDnsRecord } from './domain-common.dto.js';

/** DnsZone as Wix sends it (CONTRACT §8.1). */
export type WixDnsZone = WireDnsZone;

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
  const record = (r: DnsRecordChange) => ({
    type: r.type,
    hostName: r.hostName,
    ...(r.ttl !== undefined && r.ttl !== null ? { ttl: r.ttl } : {}),
    values: [...r.values],
  });
  const body: Record<string, unknown> = {};
  if (change.additions?.length) body.additions = change.additions.map(record);
  if (change.deletions?.length) body.deletions = change.deletions.map(record);
  if (typeof change.dnssecEnabled === 'boolean') body.dnssecEnabled = change.dnssecEnabled;
  return body;
}

/** Get / Update DNS Zone answer (CONTRACT §8). */
export type GetDnsZoneResponse = WireDnsZoneResponse;

/** Maps a raw zone managed by `ownerAccountId`. */
export function toDnsZone(raw: WixDnsZone, ownerAccountId: string): DnsZone {
  const dnssecEnabled = raw.dnssecEnabled ?? false;
  const info = raw.dnssecInfo;
  const dnssec =
    dnssecEnabled && info && typeof info.keyTag === 'number' && typeof info.digest === 'string'
      ? { keyTag: info.keyTag, digest: info.digest }
      : null;
  return {
    domainName: raw.domainName,
    ownerAccountId,
    records: (raw.records ?? []).map((r) => toDnsRecord(r)),
    dnssecEnabled,
    dnssec,
  };
}
