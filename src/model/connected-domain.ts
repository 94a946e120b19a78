import type { DnsRecord } from './dns.js';
import type { DnsPropagationStatus, DomainAssignment } from './domain.js';

/** How a connected domain points at Wix. */
export const DomainConnectionType = {
  UNKNOWN: 'UNKNOWN',
  POINTING: 'POINTING',
  NAMESERVERS: 'NAMESERVERS',
  SUBDOMAIN: 'SUBDOMAIN',
  HIDDEN: 'HIDDEN',
} as const;
/** One of {@link DomainConnectionType}. */
export type DomainConnectionType = (typeof DomainConnectionType)[keyof typeof DomainConnectionType];

/** An external domain connected to a Wix site (Connected Domains API). */
export interface ConnectedDomain extends DomainAssignment {
  /** The domain or subdomain (Wix uses it as the ID). */
  domain: string;
  connectionType: DomainConnectionType;
  dnsPropagationStatus: DnsPropagationStatus;
  suppressNotifications: boolean;
  createdDate?: Date | null;
  updatedDate?: Date | null;
  /** The account that owns the connection (Wix answers only it). */
  ownerAccountId: string;
}

/** The external registrar of a connected domain. */
export interface DomainRegistrar {
  name?: string | null;
  nameServers: string[];
}

/** The A and CNAME records of a POINTING connection. */
export interface PointingRecords {
  aRecord: DnsRecord;
  cnameRecord: DnsRecord;
}

/** Get Connected Domain Setup Info: what the owner must set to finish a connection. */
export interface ConnectedDomainSetupInfo {
  domain: string;
  registrar?: DomainRegistrar | null;
  /** Exactly the records the owner must set, whatever the connection type. */
  records: DnsRecord[];
  nameserverRecord?: DnsRecord | null;
  pointingRecords?: PointingRecords | null;
  subdomainRecords?: DnsRecord[] | null;
}
