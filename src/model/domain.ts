/** DNS propagation of a connected or registered domain (Wix's `dnsPropagationStatus`; UNKNOWN for anything else). */
export const DnsPropagationStatus = {
  UNKNOWN: 'UNKNOWN',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
} as const;
/** One of {@link DnsPropagationStatus}. */
export type DnsPropagationStatus = (typeof DnsPropagationStatus)[keyof typeof DnsPropagationStatus];

/** How a domain is attached to its site (Wix's `siteInfo.assignmentType`). */
export const DomainAssignmentType = {
  UNASSIGNED: 'UNASSIGNED',
  PRIMARY: 'PRIMARY',
  REDIRECT: 'REDIRECT',
} as const;
/** One of {@link DomainAssignmentType}. */
export type DomainAssignmentType = (typeof DomainAssignmentType)[keyof typeof DomainAssignmentType];

/** How a registered or connected domain is attached to a site. */
export interface DomainAssignment {
  assignmentType: DomainAssignmentType;
  /** For REDIRECT: the primary domain visitors are sent to. */
  redirectsTo?: string | null;
  /** The site; null when unassigned (or floating). */
  siteWixId?: string | null;
}

/** Check Domain Availability's answer for one domain name. */
export interface DomainAvailability {
  domain: string;
  available: boolean;
  /** Costs more than the standard price because of demand. */
  premium: boolean;
}

/** One name from Suggest Domains (every suggestion is available). */
export interface DomainSuggestion {
  domain: string;
  premium: boolean;
}
