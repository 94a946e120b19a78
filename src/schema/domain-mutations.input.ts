import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DomainContactsInput } from './domain-contact.input.js';
import { DnsRecordType } from './domain-common.type.js';
import { FitsDomainShape, IsHostName, IsRegistrableDomain, IsZoneChangeList } from './domain-validators.js';
import {
  AccountTargetInput,
  IDEMPOTENCY_KEY_CHARS,
  IDEMPOTENCY_KEY_MAX,
  KeyedAccountInput,
} from './mutation-base.input.js';
import { IsWixIdOf } from './wix-id.validator.js';

/**
 * Inputs of the domain and DNS writes (CONTRACT §6.2, §7.2, §7.5, §8.3). Every rule Wix states that can be checked
 * without reading upstream is a class-validator rule here, so a bad input is BAD_USER_INPUT before any call.
 */

const KEY_RULE =
  'Reuse it to retry safely: the same key with the same input returns the first result; with another input it is an IDEMPOTENCY_CONFLICT. 1–100 printable ASCII characters, no spaces.';
const KEY_CHARS_MESSAGE = 'must be printable ASCII without spaces';

/** How a root domain is connected (subdomains take none). */
export enum RootDomainConnectionType {
  NAMESERVERS = 'NAMESERVERS',
  POINTING = 'POINTING',
}
registerEnumType(RootDomainConnectionType, {
  name: 'RootDomainConnectionType',
  description: 'How a root domain is connected to Wix.',
  valuesConfig: {
    NAMESERVERS: {
      description:
        "The owner points the domain's name servers at Wix, which then hosts its DNS zone (editable with `updateDnsZone`).",
    },
    POINTING: {
      description: 'DNS stays at the external host; the owner sets the A and www CNAME records of `setupInfo` there.',
    },
  },
});

/** How a connected domain is attached to its site. */
export enum ConnectedDomainAssignment {
  PRIMARY = 'PRIMARY',
  REDIRECT = 'REDIRECT',
}
registerEnumType(ConnectedDomainAssignment, {
  name: 'ConnectedDomainAssignment',
  description: 'How a newly connected domain is attached to its site.',
  valuesConfig: {
    PRIMARY: {
      description: "The site is served on this domain; the site's previous primary domain stops being primary.",
    },
    REDIRECT: { description: "The domain redirects visitors to the site's primary domain." },
  },
});

/** Input of `registerDomain` (Create Registered Domain). */
@InputType('RegisterDomainInput', {
  description: 'Buy a domain through Wix with a product instance that covers its TLD.',
})
export class RegisterDomainInput extends KeyedAccountInput {
  @Field(() => String, {
    description:
      'Root domain to register, e.g. `example.com`: a 3–63 character name (letters, digits, inner hyphens) and its TLD. Subdomains cannot be registered.',
  })
  @IsString()
  @Length(1, 253)
  @IsRegistrableDomain()
  domain!: string;

  @Field(() => ID, {
    description:
      'Product instance (ProductInstance ID or Wix GUID) of the account that entitles the TLD; its billing cycle sets the registration length (1, 2 or 3 years).',
  })
  @IsString()
  @IsWixIdOf('ProductInstance')
  productInstanceId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Site (Site ID or Wix GUID) to assign the domain to as its primary domain once registered; the site needs a Premium plan. Default: the domain stays unassigned.',
  })
  @IsOptional()
  @IsString()
  @IsWixIdOf('Site')
  siteId?: string | null;

  @Field(() => DomainContactsInput, { description: 'Registration contacts.' })
  @ValidateNested()
  contacts!: DomainContactsInput;
}

/** Input of `createConnectedDomain` (Create Connected Domain). */
@InputType('CreateConnectedDomainInput', {
  description: 'Connect a domain bought elsewhere to Wix (one call; the `connectDomain` flow does the whole job).',
})
export class CreateConnectedDomainInput extends AccountTargetInput {
  @Field(() => String, {
    nullable: true,
    description: `Optional (connecting is neither paid nor irreversible, and Wix answers a repeat with the same settings with the existing connection). ${KEY_RULE}`,
  })
  @IsOptional()
  @IsString()
  @Length(1, IDEMPOTENCY_KEY_MAX)
  @Matches(IDEMPOTENCY_KEY_CHARS, { message: KEY_CHARS_MESSAGE })
  idempotencyKey?: string | null;

  @Field(() => String, {
    description:
      'The domain or subdomain to connect, e.g. `example.com` or `shop.example.com`. It must already be registered somewhere.',
  })
  @IsString()
  @Length(1, 253)
  @IsHostName()
  domain!: string;

  @Field(() => RootDomainConnectionType, {
    nullable: true,
    description: 'Required for a root domain; must be omitted for a subdomain (connected by CNAME records).',
  })
  @FitsDomainShape()
  connectionType?: RootDomainConnectionType | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Site (Site ID or Wix GUID) to connect the domain to; it needs a Premium plan. Default: the domain is connected without a site.',
  })
  @IsOptional()
  @IsString()
  @IsWixIdOf('Site')
  siteId?: string | null;

  @Field(() => ConnectedDomainAssignment, {
    defaultValue: ConnectedDomainAssignment.PRIMARY,
    description: 'How the domain is attached to the site (with `siteId`).',
  })
  @IsIn(Object.values(ConnectedDomainAssignment))
  assignmentType!: ConnectedDomainAssignment;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'True to keep Wix from emailing the site owner about this connection.',
  })
  @IsBoolean()
  suppressNotifications!: boolean;
}

/** Input of `deleteConnectedDomain` (Delete Connected Domain). */
@InputType('DeleteConnectedDomainInput', {
  description:
    "Disconnect an external domain: Wix removes its DNS records, and a primary domain's site falls back to its free URL.",
})
export class DeleteConnectedDomainInput extends KeyedAccountInput {
  @Field(() => String, { description: 'The connected domain or subdomain, e.g. `example.com`.' })
  @IsString()
  @Length(1, 253)
  @IsHostName()
  domain!: string;
}

const WRITABLE_TYPES = Object.values(DnsRecordType).filter((t) => t !== DnsRecordType.UNKNOWN);

/** One DNS record to add or delete. */
@InputType('DnsRecordInput', {
  description:
    'A DNS record: one type and host name with all its values (Wix keeps one record per type and host name).',
})
export class DnsRecordInput {
  @Field(() => DnsRecordType, { description: 'Record type (UNKNOWN cannot be written).' })
  @IsIn(WRITABLE_TYPES, { message: 'must be a writable record type (not UNKNOWN)' })
  type!: DnsRecordType;

  @Field(() => String, {
    description:
      "Host name: the zone's domain or a name under it (`www.example.com`; a CNAME never on the domain itself). Underscore labels (`_dmarc.example.com`) and a leading `*.` are allowed.",
  })
  @IsString()
  @Length(1, 253)
  @Matches(/^(?:\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i, {
    message: 'must be a host name with its TLD, e.g. www.example.com',
  })
  hostName!: string;

  @Field(() => Int, {
    defaultValue: 3600,
    description: 'Time to live in seconds (default 3600). Deletions match on type, host name and values only.',
  })
  @Min(0)
  @Max(2_147_483_647)
  ttl!: number;

  @Field(() => [String], {
    description:
      'The values (1–50). MX values are "<priority> <host>", e.g. "5 aspmx.l.google.com". Deletions must list exactly the record\'s current values.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 4096, { each: true })
  @Matches(/\S/, { each: true, message: 'must not contain empty values' })
  values!: string[];
}

/** Input of `updateDnsZone` (Update DNS Zone). */
@InputType('UpdateDnsZoneInput', {
  description:
    'Edit the DNS zone Wix hosts for a domain registered through Wix or connected by NAMESERVERS. Deletions apply first; to change a record, delete it and add the new one in the same call.',
})
export class UpdateDnsZoneInput extends AccountTargetInput {
  @Field(() => String, {
    nullable: true,
    description: `Optional; recommended for automated retries: repeating an edit without one fails (its deletions no longer match, its additions already exist). ${KEY_RULE}`,
  })
  @IsOptional()
  @IsString()
  @Length(1, IDEMPOTENCY_KEY_MAX)
  @Matches(IDEMPOTENCY_KEY_CHARS, { message: KEY_CHARS_MESSAGE })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "The zone's domain, e.g. `example.com`." })
  @IsString()
  @Length(1, 253)
  @IsHostName()
  domain!: string;

  @Field(() => [DnsRecordInput], {
    nullable: true,
    description: 'Records to add (at most 10; at most one per type and host name).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @IsZoneChangeList('additions')
  additions?: DnsRecordInput[] | null;

  @Field(() => [DnsRecordInput], {
    nullable: true,
    description: 'Records to delete (at most 10), each with exactly its current values (read the zone first).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @IsZoneChangeList('deletions')
  deletions?: DnsRecordInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Turn DNSSEC on (true) or off (false); omit to leave it as it is.',
  })
  @IsOptional()
  @IsBoolean()
  dnssecEnabled?: boolean | null;
}
