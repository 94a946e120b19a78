import { appError } from '../errors.js';
import type { RouteContext, RouteDef } from '../router.js';
import type { ConnectedDomain, DnsPropagationStatus, RegisteredDomain } from '../types.js';

/**
 * DNS Propagation (CONTRACT §16): Get DNS Propagation — `GET /premium/domains/v1/dns-propagations/{id}`, id = the
 * domain name (roots and subdomains). Statuses IN_PROGRESS / SUCCEEDED / FAILED; `failureInfo` only when FAILED;
 * `dnsResolverIncludesWixNs` (for a subdomain: its root's). The status follows the domain's `dnsPropagationStatus`
 * of the Connected or Registered Domains API (UNKNOWN and IN_PROGRESS ⇒ IN_PROGRESS, COMPLETED ⇒ SUCCEEDED).
 *
 * Sandbox choices (UNCONFIRMED upstream): a domain the account neither connected nor registered is 404
 * `DNS_PROPAGATION_NOT_FOUND`; `revision` counts the domain's updates (1, then 2 once it is final); a FAILED
 * propagation names the record type its connection needs (NS for NAMESERVERS, A for POINTING, CNAME for a subdomain).
 */
const STATUS: Record<DnsPropagationStatus, 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED'> = {
  UNKNOWN_DNS_PROPAGATION_STATUS: 'IN_PROGRESS',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'SUCCEEDED',
  FAILED: 'FAILED',
};

function neededRecord(d: ConnectedDomain | RegisteredDomain): 'NS' | 'A' | 'CNAME' {
  if (!('connectionType' in d) || d.connectionType === 'NAMESERVERS') return 'NS';
  return d.connectionType === 'POINTING' ? 'A' : 'CNAME';
}

function getDnsPropagation(ctx: RouteContext) {
  const { world } = ctx;
  const id = (ctx.params.id ?? '').toLowerCase();
  const d: ConnectedDomain | RegisteredDomain | undefined =
    world.connectedOwner.get(id) === ctx.accountId
      ? world.connectedDomains.get(id)
      : world.registeredOwner.get(id) === ctx.accountId
        ? world.registeredDomains.get(id)
        : undefined;
  if (!d) throw appError(404, 'DNS_PROPAGATION_NOT_FOUND', `No DNS propagation for ${id} in account ${ctx.accountId}`);
  const status = STATUS[d.dnsPropagationStatus];
  const root = id.split('.').slice(-2).join('.');
  const rootConnected = world.connectedDomains.get(root);
  const wixNs =
    !('connectionType' in d) || d.connectionType === 'NAMESERVERS'
      ? true
      : rootConnected?.connectionType === 'NAMESERVERS' || world.registeredDomains.has(root);
  const record = neededRecord(d);
  return {
    dnsPropagation: {
      id,
      domain: id,
      status,
      dnsResolverIncludesWixNs: wixNs,
      revision: status === 'IN_PROGRESS' ? '1' : '2',
      ...(status === 'FAILED'
        ? {
            failureInfo: {
              invalidRecords: [record],
              [`invalid${record === 'NS' ? 'Ns' : record === 'A' ? 'A' : 'Cname'}RecordInfo`]: {
                expectedDnsRecords: [],
                actualDnsRecords: [],
              },
            },
          }
        : {}),
      createdDate: d.createdDate,
      updatedDate: d.updatedDate,
    },
  };
}

export const dnsPropagationRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/premium/domains/v1/dns-propagations/:id',
    operation: 'getDnsPropagation',
    auth: 'account',
    handle: getDnsPropagation,
  },
];
