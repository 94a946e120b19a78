import { z } from 'zod/v4';

/** Domain DNS (CONTRACT §8): zones Wix hosts for Wix-registered domains and NAMESERVERS connections. */
export const MAX_RECORDS_PER_ZONE = 5000;
export const MAX_CHANGES = 10;
export const MAX_VALUES = 50;
export const DEFAULT_TTL = 3600;
export const DnsRecordType = z.enum([
  'UNKNOWN',
  'A',
  'AAAA',
  'NS',
  'SOA',
  'CNAME',
  'MX',
  'TXT',
  'SPF',
  'SRV',
  'PTR',
  'NAPTR',
]);
/** The types a client may write (UNKNOWN is Wix's own). */
export const WritableRecordType = z.enum([
  'A',
  'AAAA',
  'NS',
  'SOA',
  'CNAME',
  'MX',
  'TXT',
  'SPF',
  'SRV',
  'PTR',
  'NAPTR',
]);

export const DnsRecord = z.strictObject({
  type: DnsRecordType,
  hostName: z.string(),
  ttl: z.number().int().min(0).optional(),
  values: z.array(z.string()).max(MAX_VALUES),
});
/** A record as a request sends it: a single value may come as a string; ttl defaults to 3600; hostName is lower-cased. */
export const DnsRecordInput = z.looseObject({
  type: WritableRecordType,
  hostName: z
    .string()
    .min(1, 'is required')
    .transform((h) => h.toLowerCase()),
  ttl: z.number().int('must be a non-negative integer').min(0, 'must be a non-negative integer').default(DEFAULT_TTL),
  values: z
    .union([
      z.string().transform((v) => [v]),
      z.array(z.string()).max(MAX_VALUES, `at most ${MAX_VALUES} values per record`),
    ])
    .default([]),
});
export const DnsZone = z.strictObject({
  id: z.string().optional(),
  domainName: z.string(),
  records: z.array(DnsRecord),
  dnssecEnabled: z.boolean().optional(),
  dnssecInfo: z.strictObject({ keyTag: z.number().int(), digest: z.string() }).optional(),
});
const Changes = z.array(DnsRecordInput).max(MAX_CHANGES, `at most ${MAX_CHANGES} records`).nullish();
export const UpdateDnsZoneRequest = z.looseObject({
  additions: Changes,
  deletions: Changes,
  dnssecEnabled: z.boolean().nullish(),
  domainName: z.string().optional(),
});
export const CreateDnsZoneRequest = z.looseObject({
  dnsZone: z.looseObject({
    domainName: z.string().min(1, 'is required'),
    records: z.array(DnsRecordInput).nullish(),
    dnssecEnabled: z.boolean().nullish(),
  }),
});
export const DnsZoneResponse = z.strictObject({ dnsZone: DnsZone });

export type WireDnsRecord = z.infer<typeof DnsRecord>;
export type WireDnsZone = z.infer<typeof DnsZone>;
export type WireDnsZoneResponse = z.infer<typeof DnsZoneResponse>;
