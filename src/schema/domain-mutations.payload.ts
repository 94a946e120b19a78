import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectedDomain } from './connected-domain.type.js';
import { DnsZone } from './dns-zone.type.js';
import { RegisteredDomain } from './registered-domain.type.js';
import { Site } from './site.type.js';
import { UserError } from './user-error.type.js';

/** Payloads of the domain and DNS writes: the result as graph types, and the user errors. */

const USER_ERRORS = "Why the write was refused (Wix's code where it gave one); empty on success.";

@ObjectType('RegisterDomainPayload', { description: 'Result of `registerDomain`.' })
export class RegisterDomainPayload {
  @Field(() => RegisteredDomain, {
    nullable: true,
    description:
      'The registered domain (PENDING_REGISTRATION at first; follow it with `registeredDomainUpdated` or by refetching). Null when refused.',
  })
  registeredDomain!: RegisteredDomain | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType('CreateConnectedDomainPayload', { description: 'Result of `createConnectedDomain`.' })
export class CreateConnectedDomainPayload {
  @Field(() => ConnectedDomain, {
    nullable: true,
    description: 'The connected domain; its `setupInfo` says what the owner must set. Null when refused.',
  })
  connectedDomain!: ConnectedDomain | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType('DeleteConnectedDomainPayload', { description: 'Result of `deleteConnectedDomain`.' })
export class DeleteConnectedDomainPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'Global ID of the connected domain that was deleted; null when refused.',
  })
  deletedConnectedDomainId!: string | null;

  @Field(() => String, { nullable: true, description: 'The domain that was disconnected; null when refused.' })
  domain!: string | null;

  @Field(() => Site, {
    nullable: true,
    description:
      'The site the domain was connected to, read after the deletion; null when it had none or when refused.',
  })
  site!: Site | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType('UpdateDnsZonePayload', { description: 'Result of `updateDnsZone`.' })
export class UpdateDnsZonePayload {
  @Field(() => DnsZone, {
    nullable: true,
    description: 'The zone after the edit, as Wix answered it. Null when refused.',
  })
  dnsZone!: DnsZone | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
