import type {
  WireDnsPropagation,
  WireDomainAssignment,
  WireListDomainAssignmentsResponse,
} from '@wix-account-graph/sandbox/contract';
import { DomainAssignmentType } from '../model/domain.js';
import { DnsCheckStatus, type DnsPropagation, type SiteDomainAssignment } from '../model/domain-assignment.js';

/** DomainAssignment as Wix answers it (CONTRACT §15): the type of the sandbox's contract schema. */
export type WixDomainAssignment = WireDomainAssignment;

/** List Domain Assignments answer (CONTRACT §15), from the contract schema. */
export type ListDomainAssignmentsResponse = WireListDomainAssignmentsResponse;

/** DnsPropagation as Wix answers it (CONTRACT §16), from the contract schema. */
export type WixDnsPropagation = WireDnsPropagation;

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
    ? raw.status
    : DnsCheckStatus.IN_PROGRESS;
  return {
    domain: raw.domain,
    status,
    dnsResolverIncludesWixNs: raw.dnsResolverIncludesWixNs ?? false,
    invalidRecords: raw.failureInfo?.invalidRecords ?? [],
    updatedDate: raw.updatedDate ? new Date(raw.updatedDate) : null,
  };
}
