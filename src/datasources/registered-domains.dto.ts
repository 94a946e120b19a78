import {
  DomainRegistrant,
  IcannConfirmationStatus,
  RegisteredDomain,
  RegisteredDomainStatus,
  RegistrationAttempt,
  RegistrationFailure,
  RegistrationFailureCode,
} from '../schema/registered-domain.type.js';
import { domainGlobalId, toAssignment, toDate, toPropagation, type WixDomainPaging, type WixSiteInfo } from './domain-common.dto.js';

interface WixContact {
  firstName?: string;
  lastName?: string;
  email?: string;
  [field: string]: unknown;
}

/** RegisteredDomain as Wix sends it (CONTRACT §6.1). */
export interface WixRegisteredDomain {
  id: string;
  domain: string;
  productInstanceId?: string;
  createdDate?: string;
  updatedDate?: string;
  revision?: string;
  siteInfo?: WixSiteInfo | null;
  contacts?: { registrant?: WixContact; admin?: WixContact; tech?: WixContact };
  status?: string;
  pendingRegistrationInfo?: { latestAttempt?: { number?: number; timestamp?: string } } | null;
  failedRegistrationInfo?: { code?: string; message?: string } | null;
  icannConfirmationStatus?: string;
  icannConfirmationStatusInfo?: { pending?: { expirationDate?: string; notConfirmedBy?: string[] }; expired?: { notConfirmedBy?: string[] } } | null;
  dnsPropagationStatus?: string;
  expirationDate?: string;
}

export interface GetRegisteredDomainResponse {
  registeredDomain: WixRegisteredDomain;
}

export interface ListRegisteredDomainsResponse {
  registeredDomains: WixRegisteredDomain[];
  pagingMetadata?: WixDomainPaging;
}

function pick<E extends Record<string, string>>(values: E, raw: string | undefined, fallback: E[keyof E]): E[keyof E] {
  return raw !== undefined && Object.values(values).includes(raw) ? (raw as E[keyof E]) : fallback;
}

/** Maps a raw registered domain of `ownerAccountId`. Contacts are reduced to the registrant's name and email. */
export function toRegisteredDomain(raw: WixRegisteredDomain, ownerAccountId: string): RegisteredDomain {
  const rd = new RegisteredDomain();
  rd.id = domainGlobalId('RegisteredDomain', ownerAccountId, raw.domain);
  rd.domain = raw.domain;
  rd.ownerAccountId = ownerAccountId;
  rd.status = pick(RegisteredDomainStatus, raw.status, RegisteredDomainStatus.UNKNOWN);
  rd.icannConfirmationStatus = pick(IcannConfirmationStatus, raw.icannConfirmationStatus, IcannConfirmationStatus.UNKNOWN);
  const icann = raw.icannConfirmationStatusInfo;
  rd.icannConfirmationDeadline = toDate(icann?.pending?.expirationDate);
  rd.icannNotConfirmedBy = icann?.pending?.notConfirmedBy ?? icann?.expired?.notConfirmedBy ?? [];
  rd.dnsPropagationStatus = toPropagation(raw.dnsPropagationStatus);
  rd.expirationDate = toDate(raw.expirationDate);
  rd.createdDate = toDate(raw.createdDate);
  rd.updatedDate = toDate(raw.updatedDate);
  rd.revision = raw.revision ?? '0';
  rd.productInstanceId = raw.productInstanceId || null;
  rd.registrant = toRegistrant(raw.contacts?.registrant);
  rd.failure = toFailure(raw.failedRegistrationInfo);
  rd.latestRegistrationAttempt = toAttempt(raw.pendingRegistrationInfo?.latestAttempt);
  Object.assign(rd, toAssignment(raw.siteInfo));
  return rd;
}

function toRegistrant(raw: WixContact | undefined): DomainRegistrant | null {
  if (!raw) return null;
  const out = new DomainRegistrant();
  out.firstName = raw.firstName ?? null;
  out.lastName = raw.lastName ?? null;
  out.email = raw.email ?? null;
  return out;
}

function toFailure(raw: WixRegisteredDomain['failedRegistrationInfo']): RegistrationFailure | null {
  if (!raw) return null;
  const out = new RegistrationFailure();
  out.code = raw.code === 'OTHER' ? RegistrationFailureCode.OTHER : RegistrationFailureCode.UNKNOWN;
  out.message = raw.message ?? null;
  return out;
}

function toAttempt(raw: { number?: number; timestamp?: string } | undefined): RegistrationAttempt | null {
  if (!raw || typeof raw.number !== 'number') return null;
  const out = new RegistrationAttempt();
  out.number = raw.number;
  out.timestamp = toDate(raw.timestamp);
  return out;
}
