import type { CallRecord } from '@wix-account-graph/sandbox';
import type { TestSandbox } from '../../helpers/sandbox.js';

/**
 * What the graph should answer for raw sandbox (Wix) objects, written out independently of the gateway's mappers,
 * plus small call-log helpers for the domain tests.
 */

/** Counts calls per operation. */
export function byOperation(calls: CallRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return counts;
}

/** The main account's seeded sites that have domains (seed-domains.ts). */
export function domainIds(sb: TestSandbox): { m0: string; m1: string; m3: string; m5: string } {
  const [m0, m1, , m3, , m5] = sb.seed.siteIds as [string, string, string, string, string, string];
  return { m0, m1, m3, m5 };
}

function globalId(type: string, owner: string, domain: string): string {
  return Buffer.from(`${type}:${owner}/${domain}`, 'utf8').toString('base64url');
}

function unknownTo(value: string | undefined, unknown: string): string {
  return !value || value.startsWith('UNKNOWN') ? unknown : value;
}

function assignment(siteInfo: any) {
  const site = siteInfo?.id ?? null;
  const type =
    site && (siteInfo.assignmentType === 'PRIMARY' || siteInfo.assignmentType === 'REDIRECT')
      ? siteInfo.assignmentType
      : 'UNASSIGNED';
  return {
    assignmentType: type,
    redirectsTo: type === 'REDIRECT' ? (siteInfo.redirectInfo?.primaryDomain ?? null) : null,
    siteWixId: site,
  };
}

export function expectedRegistered(raw: any, owner: string) {
  const icann = raw.icannConfirmationStatusInfo;
  const attempt = raw.pendingRegistrationInfo?.latestAttempt;
  const registrant = raw.contacts?.registrant;
  return {
    id: globalId('RegisteredDomain', owner, raw.domain),
    domain: raw.domain,
    status: unknownTo(raw.status, 'UNKNOWN'),
    icannConfirmationStatus: unknownTo(raw.icannConfirmationStatus, 'UNKNOWN'),
    icannConfirmationDeadline: icann?.pending?.expirationDate ?? null,
    icannNotConfirmedBy: icann?.pending?.notConfirmedBy ?? icann?.expired?.notConfirmedBy ?? [],
    dnsPropagationStatus: unknownTo(raw.dnsPropagationStatus, 'UNKNOWN'),
    expirationDate: raw.expirationDate ?? null,
    createdDate: raw.createdDate ?? null,
    updatedDate: raw.updatedDate ?? null,
    revision: raw.revision,
    productInstanceId: raw.productInstanceId ?? null,
    registrant: registrant
      ? {
          firstName: registrant.firstName ?? null,
          lastName: registrant.lastName ?? null,
          email: registrant.email ?? null,
        }
      : null,
    failure: raw.failedRegistrationInfo
      ? {
          code: unknownTo(raw.failedRegistrationInfo.code, 'UNKNOWN'),
          message: raw.failedRegistrationInfo.message ?? null,
        }
      : null,
    latestRegistrationAttempt: attempt ? { number: attempt.number, timestamp: attempt.timestamp ?? null } : null,
    ...assignment(raw.siteInfo),
    ownerAccountId: owner,
  };
}

export function expectedConnected(raw: any, owner: string) {
  const type =
    raw.connectionType === 'UNKNOWN_CONNECTION_TYPE' && raw.domain.split('.').length > 2
      ? 'SUBDOMAIN'
      : unknownTo(raw.connectionType, 'UNKNOWN');
  return {
    id: globalId('ConnectedDomain', owner, raw.domain),
    domain: raw.domain,
    connectionType: type,
    ...assignment(raw.siteInfo),
    dnsPropagationStatus: unknownTo(raw.dnsPropagationStatus, 'UNKNOWN'),
    suppressNotifications: raw.suppressNotifications ?? false,
    createdDate: raw.createdDate ?? null,
    updatedDate: raw.updatedDate ?? null,
    ownerAccountId: owner,
  };
}

export function expectedZone(raw: any, owner: string) {
  return {
    id: globalId('DnsZone', owner, raw.domainName),
    domainName: raw.domainName,
    dnssecEnabled: raw.dnssecEnabled ?? false,
    ownerAccountId: owner,
    records: raw.records.map((r: any) => ({ type: r.type, hostName: r.hostName, ttl: r.ttl, values: r.values })),
  };
}
