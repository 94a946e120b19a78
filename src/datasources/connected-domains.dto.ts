import type {
  WireConnectedDomain,
  WireConnectedDomainResponse,
  WireConnectedDomainSetupInfo,
  WireListConnectedDomainsResponse,
} from '@wix-account-graph/sandbox/contract';
import {
  DomainConnectionType,
  type ConnectedDomain,
  type ConnectedDomainSetupInfo,
  type DomainRegistrar,
} from '../model/connected-domain.js';
import { isSubdomain } from '../domain-name.js';
import { DnsRecordType, type DnsRecord } from '../model/dns.js';
import { toAssignment, toDate, toDnsRecord, toPropagation } from './domain-common.dto.js';

/** ConnectedDomain as Wix sends it (CONTRACT §7.1). */
export type WixConnectedDomain = WireConnectedDomain;

/** What Create Connected Domain needs (CONTRACT §7.2); `siteId` travels as `wix-site-id`. */
export interface ConnectRequest {
  domain: string;
  /** Root domains: NAMESERVERS or POINTING; subdomains: none. */
  connectionType?: 'NAMESERVERS' | 'POINTING' | null;
  siteId?: string | null;
  /** How the domain is attached to `siteId` (default PRIMARY); ignored without a site. */
  assignmentType?: 'PRIMARY' | 'REDIRECT';
  suppressNotifications?: boolean;
}

/** The body of Create Connected Domain, shaped as Wix's examples (TV10): `siteInfo` only with a site. */
export function toCreateConnectedDomainBody(req: ConnectRequest): { connectedDomain: Record<string, unknown> } {
  const cd: Record<string, unknown> = { domain: req.domain };
  if (req.connectionType) cd.connectionType = req.connectionType;
  if (req.siteId) cd.siteInfo = { assignmentType: req.assignmentType ?? 'PRIMARY' };
  cd.suppressNotifications = req.suppressNotifications ?? false;
  return { connectedDomain: cd };
}

/** Get / Create Connected Domain answer (CONTRACT §7). */
export type GetConnectedDomainResponse = WireConnectedDomainResponse;

/** List Connected Domains answer (CONTRACT §7.4): cursor-paged. */
export type ListConnectedDomainsResponse = WireListConnectedDomainsResponse;

/** ConnectedDomainSetupInfo (CONTRACT §7.6): one of the three record groups, by connection type. */
export type WixSetupInfo = WireConnectedDomainSetupInfo & {
  /** Stale 2024 shape (`registrar.name` flattened), still read. */
  registrarName?: string;
};

/** Get Connected Domain Setup Info answer (CONTRACT §7.6). */
export interface GetSetupInfoResponse {
  connectedDomainSetupInfo: WixSetupInfo;
}

/**
 * Wix's connection type in the model: UNKNOWN_CONNECTION_TYPE is what Wix answers for subdomains (roots must be
 * POINTING or NAMESERVERS), so it reads as SUBDOMAIN when the name is a subdomain by the public suffix list (a root
 * under a multi-label suffix, `shop.com.tr`, is not).
 */
export function toConnectionType(raw: string | undefined, domain: string): DomainConnectionType {
  if (raw === 'POINTING' || raw === 'NAMESERVERS' || raw === 'HIDDEN') return DomainConnectionType[raw];
  if ((raw === undefined || raw === 'UNKNOWN_CONNECTION_TYPE') && isSubdomain(domain))
    return DomainConnectionType.SUBDOMAIN;
  return DomainConnectionType.UNKNOWN;
}

/** Maps a raw connected domain of `ownerAccountId`. */
export function toConnectedDomain(raw: WixConnectedDomain, ownerAccountId: string): ConnectedDomain {
  return {
    domain: raw.domain,
    ownerAccountId,
    connectionType: toConnectionType(raw.connectionType, raw.domain),
    dnsPropagationStatus: toPropagation(raw.dnsPropagationStatus),
    suppressNotifications: raw.suppressNotifications ?? false,
    createdDate: toDate(raw.createdDate),
    updatedDate: toDate(raw.updatedDate),
    ...toAssignment(raw.siteInfo),
  };
}

/** Maps setup info: the one-of record groups as typed fields, plus `records`, the flat list of what to set. */
export function toSetupInfo(raw: WixSetupInfo): ConnectedDomainSetupInfo {
  const ns = raw.nameserverRecord?.nsRecord;
  const a = raw.pointingRecords?.aRecord;
  const cname = raw.pointingRecords?.cnameRecord;
  const cnames = raw.subdomainRecords?.cnameRecords;
  const info: ConnectedDomainSetupInfo = {
    domain: raw.connectedDomainId,
    registrar: toRegistrar(raw),
    records: [],
    nameserverRecord: ns ? toDnsRecord(ns, DnsRecordType.NS) : null,
    pointingRecords:
      a && cname
        ? { aRecord: toDnsRecord(a, DnsRecordType.A), cnameRecord: toDnsRecord(cname, DnsRecordType.CNAME) }
        : null,
    subdomainRecords: cnames ? cnames.map((r) => toDnsRecord(r, DnsRecordType.CNAME)) : null,
  };
  const records: DnsRecord[] = [];
  if (info.nameserverRecord) records.push(info.nameserverRecord);
  if (info.pointingRecords) records.push(info.pointingRecords.aRecord, info.pointingRecords.cnameRecord);
  else {
    // A POINTING answer missing one of its two records still lists the one it has.
    if (a) records.push(toDnsRecord(a, DnsRecordType.A));
    if (cname) records.push(toDnsRecord(cname, DnsRecordType.CNAME));
  }
  if (info.subdomainRecords) records.push(...info.subdomainRecords);
  info.records = records;
  return info;
}

function toRegistrar(raw: WixSetupInfo): DomainRegistrar | null {
  if (!raw.registrar && raw.registrarName === undefined) return null;
  return { name: raw.registrar?.name ?? raw.registrarName ?? null, nameServers: raw.registrar?.nameServers ?? [] };
}
