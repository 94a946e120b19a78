import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DnsRecord } from './domain-common.type.js';
import { Node } from './node.type.js';

/** DNSSEC details of a zone with DNSSEC on. */
@ObjectType('DnssecInfo', { description: 'DNSSEC details to publish at the registrar (DS record).' })
export class DnssecInfo {
  @Field(() => Int, { description: "Key tag of the zone's signing key." })
  keyTag!: number;

  @Field(() => String, { description: "Digest of the zone's signing key." })
  digest!: string;
}

/** A DNS zone Wix hosts (Google Cloud DNS) for a Wix-registered domain or a NAMESERVERS-connected one. */
@ObjectType('DnsZone', {
  implements: Node,
  description: 'The DNS zone Wix hosts for a domain registered through Wix or connected by NAMESERVERS.',
})
export class DnsZone extends Node {
  @Field(() => String, { description: "The zone's domain name (root or subdomain, with its TLD)." })
  domainName!: string;

  @Field(() => [DnsRecord], { description: 'Every record of the zone, NS and SOA included.' })
  records!: DnsRecord[];

  @Field(() => Boolean, { description: 'True when DNSSEC is on for the zone.' })
  dnssecEnabled!: boolean;

  @Field(() => DnssecInfo, { nullable: true, description: 'DNSSEC details; null while DNSSEC is off.' })
  dnssec?: DnssecInfo | null;

  @Field(() => ID, { description: 'Wix ID of the account that manages the zone.' })
  ownerAccountId!: string;
}
