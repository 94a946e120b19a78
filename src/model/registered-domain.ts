import type { DnsPropagationStatus, DomainAssignment } from './domain.js';

/** Life-cycle status of a registered domain (UNKNOWN for anything Wix sends that is not listed). */
export const RegisteredDomainStatus = {
  UNKNOWN: 'UNKNOWN',
  PENDING_REGISTRATION: 'PENDING_REGISTRATION',
  ACTIVE: 'ACTIVE',
  FAILED_REGISTRATION: 'FAILED_REGISTRATION',
  CANCELED: 'CANCELED',
} as const;
/** One of {@link RegisteredDomainStatus}. */
export type RegisteredDomainStatus = (typeof RegisteredDomainStatus)[keyof typeof RegisteredDomainStatus];

/** ICANN contact confirmation status. */
export const IcannConfirmationStatus = {
  UNKNOWN: 'UNKNOWN',
  PENDING: 'PENDING',
  CONFIRMED_BY_ALL: 'CONFIRMED_BY_ALL',
  EXPIRED: 'EXPIRED',
} as const;
/** One of {@link IcannConfirmationStatus}. */
export type IcannConfirmationStatus = (typeof IcannConfirmationStatus)[keyof typeof IcannConfirmationStatus];

/** Wix's classification of a failed registration. */
export const RegistrationFailureCode = {
  UNKNOWN: 'UNKNOWN',
  OTHER: 'OTHER',
} as const;
/** One of {@link RegistrationFailureCode}. */
export type RegistrationFailureCode = (typeof RegistrationFailureCode)[keyof typeof RegistrationFailureCode];

/** Why a registration failed. */
export interface RegistrationFailure {
  code: RegistrationFailureCode;
  message?: string | null;
}

/** The latest attempt Wix made to register the domain. */
export interface RegistrationAttempt {
  number: number;
  timestamp?: Date | null;
}

/** The registrant, reduced to name and email (no address or phone). */
export interface DomainRegistrant {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

/** A domain bought through Wix (Registered Domains API). */
export interface RegisteredDomain extends DomainAssignment {
  /** The domain name with its TLD (Wix uses it as the ID). */
  domain: string;
  status: RegisteredDomainStatus;
  icannConfirmationStatus: IcannConfirmationStatus;
  icannConfirmationDeadline?: Date | null;
  icannNotConfirmedBy: string[];
  dnsPropagationStatus: DnsPropagationStatus;
  expirationDate?: Date | null;
  createdDate?: Date | null;
  updatedDate?: Date | null;
  /** Revision, an integer as a string like Wix sends it. */
  revision: string;
  /** Wix ID of the product instance that pays for the domain. */
  productInstanceId?: string | null;
  registrant?: DomainRegistrant | null;
  failure?: RegistrationFailure | null;
  latestRegistrationAttempt?: RegistrationAttempt | null;
  /** The account that owns the domain (Wix answers only it). */
  ownerAccountId: string;
}
