import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';
import { DnsPropagationStatus, DomainAssignmentType } from './domain-common.type.js';
import { Node } from './node.type.js';
import {
  RegisteredDomainStatus,
  IcannConfirmationStatus,
  RegistrationFailureCode,
} from '../model/registered-domain.js';

/** The model's enums, registered below for the graph. */
export { RegisteredDomainStatus, IcannConfirmationStatus, RegistrationFailureCode };

registerEnumType(RegisteredDomainStatus, {
  name: 'RegisteredDomainStatus',
  description: 'Where a domain bought through Wix is in its life.',
  valuesConfig: {
    UNKNOWN: { description: 'Wix did not say (UNKNOWN_STATUS), or a value this gateway does not know.' },
    PENDING_REGISTRATION: {
      description: 'Wix is registering the domain (can take up to 48 hours); see `latestRegistrationAttempt`.',
    },
    ACTIVE: { description: 'Registered and usable.' },
    FAILED_REGISTRATION: { description: 'The registrar refused it; see `failure`. Registering again is allowed.' },
    CANCELED: { description: 'The registration was canceled.' },
  },
});

registerEnumType(IcannConfirmationStatus, {
  name: 'IcannConfirmationStatus',
  description: "Whether the domain's contacts confirmed their email addresses, as ICANN requires.",
  valuesConfig: {
    UNKNOWN: { description: 'Not applicable yet, or not reported (UNKNOWN_ICANN_CONFIRMATION_STATUS).' },
    PENDING: {
      description: 'Waiting for contacts to confirm; see `icannConfirmationDeadline` and `icannNotConfirmedBy`.',
    },
    CONFIRMED_BY_ALL: { description: 'Every contact confirmed.' },
    EXPIRED: { description: 'The deadline passed without confirmation: the domain is inactive.' },
  },
});

registerEnumType(RegistrationFailureCode, {
  name: 'RegistrationFailureCode',
  description: 'Why a registration failed, as far as Wix classifies it.',
  valuesConfig: {
    UNKNOWN: { description: 'Wix gave no classification (UNKNOWN_FAILURE_CODE).' },
    OTHER: { description: 'Any failure; the message says more.' },
  },
});

/** Why a registration failed. */
@ObjectType('RegistrationFailure', { description: 'Why the registrar refused a domain registration.' })
export class RegistrationFailure {
  @Field(() => RegistrationFailureCode, { description: 'Failure class.' })
  code!: RegistrationFailureCode;

  @Field(() => String, { nullable: true, description: "Wix's explanation." })
  message?: string | null;
}

/** The latest attempt Wix made to register the domain. */
@ObjectType('RegistrationAttempt', {
  description: 'One attempt Wix made to register a domain (Wix retries several times before giving up).',
})
export class RegistrationAttempt {
  @Field(() => Int, { description: 'Attempt number, from 1.' })
  number!: number;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the attempt was made.' })
  timestamp?: Date | null;
}

/** The registrant, reduced to what a dashboard needs (no address or phone). */
@ObjectType('DomainRegistrant', {
  description:
    'Who the domain is registered to. Only name and email are exposed; address, phone and the admin/tech contacts are personal data this API does not return.',
})
export class DomainRegistrant {
  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address (ICANN asks it to be confirmed).' })
  email?: string | null;
}

/** A domain bought through Wix (Registered Domains API). */
@ObjectType('RegisteredDomain', {
  implements: Node,
  description: 'A domain bought through Wix: its registration status, ICANN and DNS state, expiry, site and DNS zone.',
})
export class RegisteredDomain extends Node {
  @Field(() => String, { description: 'The domain name with its TLD (Wix uses it as the ID).' })
  domain!: string;

  @Field(() => RegisteredDomainStatus, { description: 'Registration status.' })
  status!: RegisteredDomainStatus;

  @Field(() => IcannConfirmationStatus, { description: 'ICANN email-confirmation status of the contacts.' })
  icannConfirmationStatus!: IcannConfirmationStatus;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'While confirmation is pending: when it expires (the domain goes inactive then).',
  })
  icannConfirmationDeadline?: Date | null;

  @Field(() => [String], {
    description: 'Email addresses that have not confirmed yet (pending or expired confirmation); empty otherwise.',
  })
  icannNotConfirmedBy!: string[];

  @Field(() => DnsPropagationStatus, { description: 'DNS propagation of the domain.' })
  dnsPropagationStatus!: DnsPropagationStatus;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the registration expires (renew before; not possible through the API). Null until registered.',
  })
  expirationDate?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the domain was created in Wix.' })
  createdDate?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the domain was last updated.' })
  updatedDate?: Date | null;

  @Field(() => String, {
    description: 'Revision, incremented by every change (an integer, as a string like Wix sends it).',
  })
  revision!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the product instance (Resellers) that pays for the domain.',
  })
  productInstanceId?: string | null;

  @Field(() => DomainRegistrant, { nullable: true, description: 'The registrant contact (name and email only).' })
  registrant?: DomainRegistrant | null;

  @Field(() => RegistrationFailure, {
    nullable: true,
    description: 'Why registration failed; null unless `status` is FAILED_REGISTRATION.',
  })
  failure?: RegistrationFailure | null;

  @Field(() => RegistrationAttempt, {
    nullable: true,
    description: 'The latest registration attempt, when Wix reports one (while pending, and sometimes after).',
  })
  latestRegistrationAttempt?: RegistrationAttempt | null;

  @Field(() => DomainAssignmentType, { description: 'How the domain is attached to its site.' })
  assignmentType!: DomainAssignmentType;

  @Field(() => String, { nullable: true, description: 'For REDIRECT: the primary domain visitors are sent to.' })
  redirectsTo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the site the domain is assigned to; null when unassigned.',
  })
  siteWixId?: string | null;

  @Field(() => ID, { description: 'Wix ID of the account that owns the domain.' })
  ownerAccountId!: string;
}

/** `RegisteredDomainEdge` and `RegisteredDomainConnection`. */
export const { EdgeType: RegisteredDomainEdge, ConnectionType: RegisteredDomainConnection } = connectionTypes(
  'RegisteredDomain',
  RegisteredDomain,
  'registered domain',
);
