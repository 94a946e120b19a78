/** DNS record types Wix knows (CONTRACT §8.1); UNKNOWN for anything else. */
export const DnsRecordType = {
  UNKNOWN: 'UNKNOWN',
  A: 'A',
  AAAA: 'AAAA',
  NS: 'NS',
  SOA: 'SOA',
  CNAME: 'CNAME',
  MX: 'MX',
  TXT: 'TXT',
  SPF: 'SPF',
  SRV: 'SRV',
  PTR: 'PTR',
  NAPTR: 'NAPTR',
} as const;
/** One of {@link DnsRecordType}. */
export type DnsRecordType = (typeof DnsRecordType)[keyof typeof DnsRecordType];

/** One DNS record: one (type, host name) with all its values. */
export interface DnsRecord {
  type: DnsRecordType;
  hostName: string;
  /** Time to live, in seconds. */
  ttl: number;
  values: string[];
}

/** DNSSEC details of a zone with DNSSEC on. */
export interface DnssecInfo {
  keyTag: number;
  digest: string;
}

/** A DNS zone Wix hosts for a Wix-registered domain or a NAMESERVERS-connected one. */
export interface DnsZone {
  domainName: string;
  records: DnsRecord[];
  dnssecEnabled: boolean;
  /** Null while DNSSEC is off. */
  dnssec?: DnssecInfo | null;
  /** The account that manages the zone (Wix answers only it). */
  ownerAccountId: string;
}
