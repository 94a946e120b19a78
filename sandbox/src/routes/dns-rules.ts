import { createHash } from 'node:crypto';
import { appError, invalidField } from '../errors.js';
import { hash32 } from '../random.js';
import { defaultZone } from '../seed-domains.js';
import type { z } from 'zod/v4';
import { MAX_RECORDS_PER_ZONE, type DnsRecordInput } from '../contract/dns.js';
import type { DnsRecord, DnsZone } from '../types.js';

/**
 * DNS record rules of the Domain DNS API (CONTRACT §8.1, §8.3): record validation, the one-record-per-(type, hostName)
 * rule, exact-value deletions, limits, and DNSSEC. Sandbox choices (UNCONFIRMED upstream):
 * - at most {@link MAX_RECORDS_PER_ZONE} records per zone (the current doc's 5000; the 2024 spec said 10) — exceeding
 *   it is a 400 validation error on `additions`;
 * - a deletion that matches no record exactly (type, hostName and the same set of values) is a 400 validation error;
 * - a zone keeps its apex NS and SOA records: Update may replace them but not leave the zone without them, and Create
 *   adds Wix's own NS/SOA when the records sent lack them;
 * - `values` sent as a single string (as in one doc example) is read as a one-element array (contract/dns.ts);
 * - a hostName outside the zone is a 400 validation error; `ttl` defaults to 3600.
 */
export { MAX_CHANGES, MAX_RECORDS_PER_ZONE } from '../contract/dns.js';
const MX_VALUE = /^(\d{1,5})\s+\S+$/;

/** A validated record list (`additions`, `deletions`, `dnsZone.records`; contract/dns.ts) as DnsRecords. */
export function recordsOf(list: Array<z.output<typeof DnsRecordInput>> | null | undefined): DnsRecord[] {
  return (list ?? []).map((r) => ({ type: r.type, hostName: r.hostName, ttl: r.ttl, values: r.values }));
}

/** The 428 rules of a record to be written into the zone of `domain`. */
export function checkWritable(record: DnsRecord, domain: string, at: string): void {
  if (record.values.length === 0 || record.values.some((v) => v.trim() === ''))
    throw appError(
      428,
      'DOMAIN_DNS_EMPTY_RECORD_VALUE',
      `The ${record.type} record of ${record.hostName} has an empty value`,
    );
  const inZone = record.hostName === domain || record.hostName.endsWith(`.${domain}`);
  if (record.type === 'CNAME' && (record.hostName === domain || !inZone))
    throw appError(
      428,
      'DOMAIN_CNAME_RECORD_HOSTNAME_INVALID',
      `A CNAME hostName must end with ${domain} and differ from it (e.g. www.${domain})`,
    );
  if (!inZone) throw invalidField(`${at}.hostName`, `must be ${domain} or a name under it`, 'CUSTOM');
  if (record.type === 'MX')
    for (const value of record.values) {
      const m = MX_VALUE.exec(value.trim());
      if (!m || Number(m[1]) > 65535)
        throw appError(
          428,
          'DOMAIN_MX_RECORD_VALUE_INVALID',
          `MX value "${value}" must be "<priority> <host>", e.g. "5 aspmx.l.google.com"`,
        );
    }
}

const key = (r: Pick<DnsRecord, 'type' | 'hostName'>) => `${r.type} ${r.hostName.toLowerCase()}`;
const sameValues = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function duplicate(record: DnsRecord): never {
  throw appError(
    428,
    'DOMAIN_MX_RECORD_VALUE_INVALID',
    `Several ${record.type} records for ${record.hostName}: combine their values into one record`,
  );
}

/** Adds records one by one, enforcing the one-record-per-(type, hostName) rule. */
function addAll(records: DnsRecord[], additions: DnsRecord[], domain: string, path: string): void {
  const taken = new Set(records.map(key));
  additions.forEach((record, i) => {
    checkWritable(record, domain, `${path}[${i}]`);
    if (taken.has(key(record))) duplicate(record);
    taken.add(key(record));
    records.push({ ...record, values: [...record.values] });
  });
}

function checkSize(records: DnsRecord[], path: string): void {
  if (records.length > MAX_RECORDS_PER_ZONE)
    throw invalidField(path, `a zone holds at most ${MAX_RECORDS_PER_ZONE} records`, 'MAX');
}

function hasApexRecords(records: DnsRecord[], domain: string): boolean {
  return ['NS', 'SOA'].every((type) => records.some((r) => r.type === type && r.hostName === domain));
}

/** Applies an Update DNS Zone: deletions first (exact values), then additions; returns the new record list. */
export function applyChanges(zone: DnsZone, deletions: DnsRecord[], additions: DnsRecord[]): DnsRecord[] {
  const records = zone.records.map((r) => ({ ...r, values: [...r.values] }));
  deletions.forEach((del, i) => {
    const at = records.findIndex((r) => key(r) === key(del) && sameValues(r.values, del.values));
    if (at === -1)
      throw invalidField(
        `deletions[${i}]`,
        `no ${del.type} record of ${del.hostName} with exactly these values (read the zone first)`,
        'CUSTOM',
      );
    records.splice(at, 1);
  });
  addAll(records, additions, zone.domainName, 'additions');
  checkSize(records, 'additions');
  if (!hasApexRecords(records, zone.domainName))
    throw invalidField('deletions', `the zone must keep its NS and SOA records for ${zone.domainName}`, 'CUSTOM');
  return records;
}

/** The records of a zone sent to Create DNS Zone, completed with Wix's NS/SOA when they are missing. */
export function zoneRecords(domain: string, sent: DnsRecord[]): DnsRecord[] {
  const records: DnsRecord[] = [];
  addAll(records, sent, domain, 'dnsZone.records');
  const missing = defaultZone(domain).records.filter(
    (r) => (r.type === 'NS' || r.type === 'SOA') && !records.some((x) => key(x) === key(r)),
  );
  const zone = [...missing, ...records];
  checkSize(zone, 'dnsZone.records');
  return zone;
}

/** Turns DNSSEC on or off; the DS data is deterministic per domain and seed. */
export function setDnssec(zone: DnsZone, enabled: boolean, seed: number): void {
  zone.dnssecEnabled = enabled;
  if (!enabled) {
    delete zone.dnssecInfo;
    return;
  }
  const digest = createHash('sha256').update(`${zone.domainName}|${seed}`).digest('hex').toUpperCase();
  zone.dnssecInfo = { keyTag: (hash32(zone.domainName, seed) % 65535) + 1, digest };
}
