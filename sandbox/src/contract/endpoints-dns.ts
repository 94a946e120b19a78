import { Empty } from './folders-domains.js';
import { DnsZoneResponse } from './dns.js';
import { VALIDATION, type Endpoint } from './endpoint.js';

/** Endpoints of Domain DNS (CONTRACT §8): zones Wix hosts for Wix-registered domains and NAMESERVERS connections. */

const DNS = 'domain-dns';
const DNS_ERRORS: Endpoint['errors'] = [
  [400, VALIDATION],
  [403, 'DOMAINS_PERMISSION_DENIED'],
  [404, 'USER_ID_NOT_FOUND', 'TARGET_ACCOUNT_NOT_FOUND', 'DNS_ZONE_NOT_FOUND'],
  [428, 'DOMAIN_NOT_PERMITTED'],
];
/** The DNS API checks the key and wix-account-id itself, to answer its own codes (routes/dns-zones.ts). */
const DNS_AUTH = { accountHeader: true, keyRequired: true } as const;
const DNS_WRITE_ERRORS = [
  'DOMAIN_DNS_EMPTY_RECORD_VALUE',
  'DOMAIN_MX_RECORD_VALUE_INVALID',
  'DOMAIN_CNAME_RECORD_HOSTNAME_INVALID',
];

/** DNS-zone operations, keyed `METHOD /path/{param}`. */
export const dnsEndpoints: Record<string, Endpoint> = {
  'GET /domains/v1/dns-zones/{domainName}': {
    summary: 'Get DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    response: DnsZoneResponse,
    errors: DNS_ERRORS,
  },
  'PATCH /domains/v1/dns-zones/{domainName}': {
    summary: 'Update DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description:
      'NAMESERVERS connections and Wix-registered domains only. One record per (type, hostName); at most 10 additions and 10 deletions.',
    bodyRequired: true,
    response: DnsZoneResponse,
    errors: [...(DNS_ERRORS ?? []).filter(([s]) => s !== 428), [428, 'DOMAIN_NOT_PERMITTED', ...DNS_WRITE_ERRORS]],
  },
  'POST /domains/v1/dns-zones': {
    summary: 'Create DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description: 'Replaces any existing zone of the domain.',
    bodyRequired: true,
    response: DnsZoneResponse,
    errors: [
      ...(DNS_ERRORS ?? []).filter(([s]) => s !== 428),
      [428, 'DOMAIN_NOT_PERMITTED', 'DOMAIN_ALREADY_EXISTS', ...DNS_WRITE_ERRORS],
    ],
  },
  'DELETE /domains/v1/dns-zones/{domainName}': {
    summary: 'Delete DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    response: Empty,
    errors: DNS_ERRORS,
  },
  'GET /domains/v1/dns-zones/{domainName}/preview': {
    summary: 'Preview DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description: 'The A, CNAME, NS and SOA records Wix would create for an external domain before connecting it.',
    response: DnsZoneResponse,
    errors: [
      [400, VALIDATION],
      [403, 'DOMAINS_PERMISSION_DENIED', 'INVALID_DOMAINS_PREVIEW_RECORDS'],
      [404, 'USER_ID_NOT_FOUND', 'TARGET_ACCOUNT_NOT_FOUND'],
    ],
  },
};
