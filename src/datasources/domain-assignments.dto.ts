import { DomainAssignmentType } from '../model/domain.js';
import { DnsCheckStatus, type DnsPropagation, type SiteDomainAssignment } from '../model/domain-assignment.js';

/** DomainAssignment as Wix answers it (CONTRACT §15). */
export interface WixDomainAssignment {
  id: string;
  domain: string;
  siteInfo?: { id?: string; assignmentType?: string; redirectInfo?: { primaryDomain?: string } };
  createdDate?: string;
  updatedDate?: string;
}

/** List Domain Assignments answer (CONTRACT §15). */
export interface ListDomainAssignmentsResponse {
  domainAssignments: WixDomainAssignment[];
  pagingMetadata?: { cursors?: { next?: string | null }; hasNext?: boolean };
}

/** DnsPropagation as Wix answers it (CONTRACT §16). */
export interface WixDnsPropagation {
  id: string;
  domain: string;
  status: string;
  dnsResolverIncludesWixNs?: boolean;
  failureInfo?: { invalidRecords?: string[] };
  updatedDate?: string;
}

/** Maps a raw assignment of `accountId` to the model. */
export function toAssignment(raw: WixDomainAssignment, accountId: string): SiteDomainAssignment {
  const type = raw.siteInfo?.assignmentType;
  return {
    domain: raw.domain,
    ownerAccountId: accountId,
    siteWixId: raw.siteInfo?.id ?? null,
    assignmentType:
      type === 'PRIMARY' || type === 'REDIRECT' ? DomainAssignmentType[type] : DomainAssignmentType.UNASSIGNED,
    redirectsTo: raw.siteInfo?.redirectInfo?.primaryDomain ?? null,
    createdDate: raw.createdDate ? new Date(raw.createdDate) : null,
    updatedDate: raw.updatedDate ? new Date(raw.updatedDate) : null,
  };
}

/** Maps a raw DNS propagation to the model (an unknown status reads as IN_PROGRESS: not known to be done). */
export function toDnsPropagation(raw: WixDnsPropagation): DnsPropagation {
  const status = (Object.values(DnsCheckStatus) as string[]).includes(raw.status)
    ? (raw.status as DnsCheckStatus)
    : DnsCheckStatus.IN_PROGRESS;
  return {
    domain: raw.domain,
    status,
    dnsResolverIncludesWixNs: raw.dnsResolverIncludesWixNs ?? false,
    invalidRecords: raw.failureInfo?.invalidRecords ?? [],
    updatedDate: raw.updatedDate ? new Date(raw.updatedDate) : null,
  };
}
