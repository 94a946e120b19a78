import type {
  WireContactData,
  WireListRegisteredDomainsResponse,
  WireRegisteredDomain,
  WireRegisteredDomainResponse,
} from '@wix-account-graph/sandbox/contract';
import {
  IcannConfirmationStatus,
  RegisteredDomainStatus,
  RegistrationFailureCode,
  type DomainRegistrant,
  type RegisteredDomain,
  type RegistrationAttempt,
  type RegistrationFailure,
} from '../model/registered-domain.js';
import { toAssignment, toDate, toPropagation } from './domain-common.dto.js';
import { scrub } from '../redact.js';

/** RegisteredDomain as Wix sends it (CONTRACT §6.1). */
export type WixRegisteredDomain = WireRegisteredDomain;

/** A registration contact as Create Registered Domain takes it (CONTRACT §6.1 ContactData). */
export interface RegistrationContact {
  firstName: string;
  lastName: string;
  email: string;
  address: string;
  city: string;
  countryCode: string;
  phone: string;
  subdivisionCode?: string | null;
  postalCode?: string | null;
  company?: string | null;
}

/** What Create Registered Domain needs (CONTRACT §6.2); `siteId` travels as `wix-site-id`. */
export interface RegistrationRequest {
  domain: string;
  productInstanceId: string;
  siteId?: string | null;
  contacts: { registrant: RegistrationContact; admin?: RegistrationContact | null; tech?: RegistrationContact | null };
}

/** The body of Create Registered Domain: absent optional fields are left out, not sent as null. */
export function toCreateRegisteredDomainBody(req: RegistrationRequest): { registeredDomain: Record<string, unknown> } {
  const contact = (c: RegistrationContact) =>
    Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const contacts: Record<string, unknown> = { registrant: contact(req.contacts.registrant) };
  if (req.contacts.admin) contacts.admin = contact(req.contacts.admin);
  if (req.contacts.tech) contacts.tech = contact(req.contacts.tech);
  return { registeredDomain: { domain: req.domain, productInstanceId: req.productInstanceId, contacts } };
}

/** Get / Create Registered Domain answer (CONTRACT §6). */
export type GetRegisteredDomainResponse = WireRegisteredDomainResponse;

/** List Registered Domains answer (CONTRACT §6.4): cursor-paged. */
export type ListRegisteredDomainsResponse = WireListRegisteredDomainsResponse;

function pick<E extends Record<string, string>>(values: E, raw: string | undefined, fallback: E[keyof E]): E[keyof E] {
  return raw !== undefined && Object.values(values).includes(raw) ? (raw as E[keyof E]) : fallback;
}

/** Maps a raw registered domain of `ownerAccountId`. Contacts are reduced to the registrant's name and email. */
export function toRegisteredDomain(raw: WixRegisteredDomain, ownerAccountId: string): RegisteredDomain {
  const icann = raw.icannConfirmationStatusInfo;
  return {
    domain: raw.domain,
    ownerAccountId,
    status: pick(RegisteredDomainStatus, raw.status, RegisteredDomainStatus.UNKNOWN),
    icannConfirmationStatus: pick(
      IcannConfirmationStatus,
      raw.icannConfirmationStatus,
      IcannConfirmationStatus.UNKNOWN,
    ),
    icannConfirmationDeadline: toDate(icann?.pending?.expirationDate),
    icannNotConfirmedBy: icann?.pending?.notConfirmedBy ?? icann?.expired?.notConfirmedBy ?? [],
    dnsPropagationStatus: toPropagation(raw.dnsPropagationStatus),
    expirationDate: toDate(raw.expirationDate),
    createdDate: toDate(raw.createdDate),
    updatedDate: toDate(raw.updatedDate),
    revision: raw.revision ?? '0',
    productInstanceId: raw.productInstanceId || null,
    registrant: toRegistrant(raw.contacts?.registrant),
    failure: toFailure(raw.failedRegistrationInfo),
    latestRegistrationAttempt: toAttempt(raw.pendingRegistrationInfo?.latestAttempt),
    ...toAssignment(raw.siteInfo),
  };
}

function toRegistrant(raw: WireContactData | undefined): DomainRegistrant | null {
  if (!raw) return null;
  return { firstName: raw.firstName ?? null, lastName: raw.lastName ?? null, email: raw.email ?? null };
}

function toFailure(raw: WixRegisteredDomain['failedRegistrationInfo']): RegistrationFailure | null {
  if (!raw) return null;
  return {
    code: raw.code === 'OTHER' ? RegistrationFailureCode.OTHER : RegistrationFailureCode.UNKNOWN,
    // Wix's text, kept (it explains the failure) but scrubbed of anything credential-shaped.
    message: raw.message ? scrub(raw.message) : null,
  };
}

function toAttempt(raw: { number?: number; timestamp?: string } | undefined): RegistrationAttempt | null {
  if (!raw || typeof raw.number !== 'number') return null;
  return { number: raw.number, timestamp: toDate(raw.timestamp) };
}
