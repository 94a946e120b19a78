import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DnsCheckStatus } from '../model/domain-assignment.js';
import { DomainAssignmentType } from './domain-common.type.js';

export { DnsCheckStatus };

registerEnumType(DnsCheckStatus, {
  name: 'DnsCheckStatus',
  description: "The result of Wix's DNS check of a domain (can take up to 3 days).",
  valuesConfig: {
    IN_PROGRESS: { description: 'The records are still being checked and propagated.' },
    SUCCEEDED: { description: 'Every record is set and has propagated: the domain is ready.' },
    FAILED: { description: 'Some records are wrong; see `invalidRecords`.' },
  },
});

/** A domain's assignment to a site. */
@ObjectType('DomainAssignment', {
  description:
    "A domain assigned to a site (Wix Domain Assignments API): the site's PRIMARY domain, or a REDIRECT to it. A domain is on one site at a time; a site has one primary and up to 300 redirects.",
})
export class DomainAssignment {
  @Field(() => String, { description: 'The domain.' })
  domain!: string;

  @Field(() => DomainAssignmentType, { description: 'PRIMARY or REDIRECT (UNASSIGNED only in a mutation answer).' })
  assignmentType!: DomainAssignmentType;

  @Field(() => String, { nullable: true, description: 'For a REDIRECT: the primary domain visitors are sent to.' })
  redirectsTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Wix ID of the site; null when unassigned.' })
  siteWixId?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the assignment was created.' })
  createdDate?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the assignment last changed.' })
  updatedDate?: Date | null;
}

/** Get DNS Propagation's answer. */
@ObjectType('DnsPropagation', {
  description:
    "Wix's DNS check of a domain (DNS Propagation API): more precise than `dnsPropagationStatus` — it says which record types are wrong.",
})
export class DnsPropagation {
  @Field(() => String, { description: 'The domain.' })
  domain!: string;

  @Field(() => DnsCheckStatus, { description: 'IN_PROGRESS, SUCCEEDED or FAILED.' })
  status!: DnsCheckStatus;

  @Field(() => Boolean, { description: "Wix name servers were found among the domain's (a subdomain: its root's)." })
  dnsResolverIncludesWixNs!: boolean;

  @Field(() => [String], { description: 'For FAILED: the record types that are wrong (A, NS, CNAME); else empty.' })
  invalidRecords!: string[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When Wix last updated the check.' })
  updatedDate?: Date | null;
}
