import type { DomainAssignment } from './domain.js';

/** A domain's assignment to a site (Wix Domain Assignments API): PRIMARY or a REDIRECT to the site's primary. */
export interface SiteDomainAssignment extends DomainAssignment {
  /** The domain (Wix uses it as the assignment ID). */
  domain: string;
  /** The account that owns the domain (Wix answers only it). */
  ownerAccountId: string;
  createdDate?: Date | null;
  updatedDate?: Date | null;
}

/** The result of Wix's DNS check of a domain (DNS Propagation API); more precise than `dnsPropagationStatus`. */
export const DnsCheckStatus = { IN_PROGRESS: 'IN_PROGRESS', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
/** One of {@link DnsCheckStatus}. */
export type DnsCheckStatus = (typeof DnsCheckStatus)[keyof typeof DnsCheckStatus];

/** Get DNS Propagation's answer for one domain. */
export interface DnsPropagation {
  domain: string;
  status: DnsCheckStatus;
  /** Wix name servers were found among the domain's (a subdomain: its root's). */
  dnsResolverIncludesWixNs: boolean;
  /** For FAILED: the record types that are wrong (A, NS, CNAME). */
  invalidRecords: string[];
  updatedDate?: Date | null;
}
