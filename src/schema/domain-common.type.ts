import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DnsRecordType } from '../model/dns.js';
import { DnsPropagationStatus, DomainAssignmentType } from '../model/domain.js';

/** The model's enums, registered below for the graph. */
export { DnsPropagationStatus, DnsRecordType, DomainAssignmentType };

registerEnumType(DnsPropagationStatus, {
  name: 'DnsPropagationStatus',
  description:
    'Whether the DNS records that point a domain at its Wix site have spread through the internet (can take up to 48 hours).',
  valuesConfig: {
    UNKNOWN: {
      description: 'Not started yet (Wix: UNKNOWN_DNS_PROPAGATION_STATUS), or a value this gateway does not know.',
    },
    IN_PROGRESS: { description: 'The records are set and are propagating.' },
    COMPLETED: { description: 'The domain resolves to the Wix site.' },
    FAILED: { description: 'Propagation failed; check the records the owner set.' },
  },
});

registerEnumType(DomainAssignmentType, {
  name: 'DomainAssignmentType',
  description: 'How a domain is attached to a site.',
  valuesConfig: {
    UNASSIGNED: { description: 'Not assigned to a site (Wix: UNKNOWN_ASSIGNMENT_TYPE or no site).' },
    PRIMARY: { description: "The site's primary domain: the site is served on it." },
    REDIRECT: { description: "Redirects visitors to the site's primary domain (see `redirectsTo`)." },
  },
});

registerEnumType(DnsRecordType, {
  name: 'DnsRecordType',
  description: 'The type of a DNS record.',
  valuesConfig: {
    UNKNOWN: { description: 'A type Wix did not name, or one this gateway does not know (cannot be written).' },
    A: { description: 'IPv4 address.' },
    AAAA: { description: 'IPv6 address.' },
    NS: { description: 'Name server of the zone.' },
    SOA: { description: 'Start of authority of the zone.' },
    CNAME: { description: 'Alias of another host name (never on the zone apex).' },
    MX: { description: 'Mail server, written as "<priority> <host>".' },
    TXT: { description: 'Free text (site verification, SPF policies…).' },
    SPF: { description: 'Sender Policy Framework (legacy record type).' },
    SRV: { description: 'Service location.' },
    PTR: { description: 'Reverse-lookup pointer.' },
    NAPTR: { description: 'Naming authority pointer.' },
  },
});

/** One DNS record: one (type, host name) with all its values. */
@ObjectType('DnsRecord', {
  description:
    'A DNS record: one type and host name with all its values (Wix keeps one record per type and host name).',
})
export class DnsRecord {
  @Field(() => DnsRecordType, { description: 'Record type.' })
  type!: DnsRecordType;

  @Field(() => String, {
    description: 'Host name the record is for: the domain itself, or a sub-name such as `www.example.com` (CNAME).',
  })
  hostName!: string;

  @Field(() => Int, { description: 'Time to live, in seconds.' })
  ttl!: number;

  @Field(() => [String], { description: "The record's values (for a CNAME: the one target host name)." })
  values!: string[];
}
