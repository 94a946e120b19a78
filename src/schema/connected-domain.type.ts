import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';
import { DnsPropagationStatus, DnsRecord, DomainAssignmentType } from './domain-common.type.js';
import { Node } from './node.type.js';
import { DomainConnectionType } from '../model/connected-domain.js';

/** The model's enums, registered below for the graph. */
export { DomainConnectionType };

registerEnumType(DomainConnectionType, {
  name: 'DomainConnectionType',
  description: 'How an external domain is connected to Wix.',
  valuesConfig: {
    UNKNOWN: {
      description: 'Wix did not say (UNKNOWN_CONNECTION_TYPE on a root domain), or a value this gateway does not know.',
    },
    POINTING: {
      description:
        'DNS stays at the external host; the owner sets an A record and a www CNAME there. Wix manages no zone.',
    },
    NAMESERVERS: { description: "The owner points the domain's name servers at Wix, which hosts its DNS zone." },
    SUBDOMAIN: {
      description:
        'A subdomain connected by CNAME records the owner sets (Wix: UNKNOWN_CONNECTION_TYPE on a subdomain).',
    },
    HIDDEN: { description: 'An internal, invisible subdomain connection.' },
  },
});

/** The external registrar of a connected domain. */
@ObjectType('DomainRegistrar', {
  description: "The external registrar holding a connected domain (for a subdomain: its root's registrar).",
})
export class DomainRegistrar {
  @Field(() => String, { nullable: true, description: 'Registrar name as Wix reports it (e.g. GO_DADDY, OTHER).' })
  name?: string | null;

  @Field(() => [String], {
    description:
      "Name servers currently set at the registrar. For NAMESERVERS connections the owner replaces them with Wix's.",
  })
  nameServers!: string[];
}

/** The A and CNAME records of a POINTING connection. */
@ObjectType('PointingRecords', { description: 'What the owner sets at the external host for a POINTING connection.' })
export class PointingRecords {
  @Field(() => DnsRecord, { description: 'The A record of the domain itself.' })
  aRecord!: DnsRecord;

  @Field(() => DnsRecord, { description: 'The `www` CNAME record (one value).' })
  cnameRecord!: DnsRecord;
}

/** Get Connected Domain Setup Info, in a GraphQL-friendly shape. */
@ObjectType('ConnectedDomainSetupInfo', {
  description: 'What the domain owner must set at the external registrar or DNS host to finish a connection.',
})
export class ConnectedDomainSetupInfo {
  @Field(() => String, { description: 'The connected domain.' })
  domain!: string;

  @Field(() => DomainRegistrar, { nullable: true, description: 'The external registrar and its current name servers.' })
  registrar?: DomainRegistrar | null;

  @Field(() => [DnsRecord], {
    description:
      'Exactly the records the owner must set, whatever the connection type: the NS record (NAMESERVERS), the A and www CNAME records (POINTING), or the CNAME records (subdomain).',
  })
  records!: DnsRecord[];

  @Field(() => DnsRecord, {
    nullable: true,
    description: 'NAMESERVERS only: the name servers to set at the registrar (an NS record).',
  })
  nameserverRecord?: DnsRecord | null;

  @Field(() => PointingRecords, {
    nullable: true,
    description: 'POINTING only: the A and www CNAME records to set at the external host.',
  })
  pointingRecords?: PointingRecords | null;

  @Field(() => [DnsRecord], {
    nullable: true,
    description: "Subdomains only: the CNAME records to set at the root domain's DNS host.",
  })
  subdomainRecords?: DnsRecord[] | null;
}

/** An external domain connected to a Wix site (Connected Domains API). */
@ObjectType('ConnectedDomain', {
  implements: Node,
  description:
    'A domain bought elsewhere and connected to a Wix site, with its DNS propagation status and setup instructions.',
})
export class ConnectedDomain extends Node {
  @Field(() => String, { description: 'The domain or subdomain (Wix uses it as the ID).' })
  domain!: string;

  @Field(() => DomainConnectionType, { description: 'How the domain is connected.' })
  connectionType!: DomainConnectionType;

  @Field(() => DomainAssignmentType, { description: 'How the domain is attached to its site.' })
  assignmentType!: DomainAssignmentType;

  @Field(() => String, { nullable: true, description: 'For REDIRECT: the primary domain visitors are sent to.' })
  redirectsTo?: string | null;

  @Field(() => DnsPropagationStatus, { description: 'DNS propagation of the connection.' })
  dnsPropagationStatus!: DnsPropagationStatus;

  @Field(() => Boolean, { description: 'True when Wix does not email the site owner about this connection.' })
  suppressNotifications!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the domain was connected.' })
  createdDate?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the connection last changed.' })
  updatedDate?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the site the domain is connected to; null when floating.',
  })
  siteWixId?: string | null;

  @Field(() => ID, { description: 'Wix ID of the account that owns the connection.' })
  ownerAccountId!: string;
}

/** `ConnectedDomainEdge` and `ConnectedDomainConnection`. */
export const { EdgeType: ConnectedDomainEdge, ConnectionType: ConnectedDomainConnection } = connectionTypes(
  'ConnectedDomain',
  ConnectedDomain,
  'connected domain',
);
