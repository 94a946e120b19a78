import {
  VALIDATION,
  arr,
  bool,
  enumOf,
  int,
  nullable,
  obj,
  ref,
  str,
  type JsonSchema,
  type OperationSpec,
} from './openapi-kit.js';

/** Schemas of Domain DNS (CONTRACT §8): zones Wix hosts for Wix-registered domains and NAMESERVERS connections. */
export const dnsComponents: Record<string, JsonSchema> = {
  DnsRecord: obj(
    {
      type: enumOf(['UNKNOWN', 'A', 'AAAA', 'NS', 'SOA', 'CNAME', 'MX', 'TXT', 'SPF', 'SRV', 'PTR', 'NAPTR']),
      hostName: str(),
      ttl: int({ minimum: 0 }),
      values: arr(str(), { maxItems: 50 }),
    },
    ['type', 'hostName', 'values'],
  ),
  DnsRecordInput: obj(
    { type: str(), hostName: str(), ttl: int({ minimum: 0 }), values: arr(str()) },
    ['type', 'hostName'],
    false,
  ),
  DnsZone: obj(
    {
      id: str(),
      domainName: str(),
      records: arr(ref('DnsRecord')),
      dnssecEnabled: bool(),
      dnssecInfo: obj({ keyTag: int(), digest: str() }),
    },
    ['domainName', 'records'],
  ),
};

const DNS = 'domain-dns';
const DNS_ERRORS: OperationSpec['errors'] = [
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
export const dnsOperations: Record<string, OperationSpec> = {
  'GET /domains/v1/dns-zones/{domainName}': {
    summary: 'Get DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    response: obj({ dnsZone: ref('DnsZone') }, ['dnsZone']),
    errors: DNS_ERRORS,
  },
  'PATCH /domains/v1/dns-zones/{domainName}': {
    summary: 'Update DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description:
      'NAMESERVERS connections and Wix-registered domains only. One record per (type, hostName); at most 10 additions and 10 deletions.',
    body: obj(
      {
        additions: arr(ref('DnsRecordInput'), { maxItems: 10 }),
        deletions: arr(ref('DnsRecordInput'), { maxItems: 10 }),
        dnssecEnabled: nullable(bool()),
        domainName: str(),
      },
      [],
      false,
    ),
    bodyRequired: true,
    response: obj({ dnsZone: ref('DnsZone') }, ['dnsZone']),
    errors: [...(DNS_ERRORS ?? []).filter(([s]) => s !== 428), [428, 'DOMAIN_NOT_PERMITTED', ...DNS_WRITE_ERRORS]],
  },
  'POST /domains/v1/dns-zones': {
    summary: 'Create DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description: 'Replaces any existing zone of the domain.',
    body: obj(
      { dnsZone: obj({ domainName: str(), records: arr(ref('DnsRecordInput')) }, ['domainName'], false) },
      ['dnsZone'],
      false,
    ),
    bodyRequired: true,
    response: obj({ dnsZone: ref('DnsZone') }, ['dnsZone']),
    errors: [
      ...(DNS_ERRORS ?? []).filter(([s]) => s !== 428),
      [428, 'DOMAIN_NOT_PERMITTED', 'DOMAIN_ALREADY_EXISTS', ...DNS_WRITE_ERRORS],
    ],
  },
  'DELETE /domains/v1/dns-zones/{domainName}': {
    summary: 'Delete DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    response: obj({}),
    errors: DNS_ERRORS,
  },
  'GET /domains/v1/dns-zones/{domainName}/preview': {
    summary: 'Preview DNS Zone',
    tag: DNS,
    ...DNS_AUTH,
    description: 'The A, CNAME, NS and SOA records Wix would create for an external domain before connecting it.',
    response: obj({ dnsZone: ref('DnsZone') }, ['dnsZone']),
    errors: [
      [400, VALIDATION],
      [403, 'DOMAINS_PERMISSION_DENIED', 'INVALID_DOMAINS_PREVIEW_RECORDS'],
      [404, 'USER_ID_NOT_FOUND', 'TARGET_ACCOUNT_NOT_FOUND'],
    ],
  },
};
