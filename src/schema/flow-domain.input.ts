import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DnsRecordType } from './domain-common.type.js';
import { DomainContactsInput } from './domain-contact.input.js';
import { IsHostName, IsRegistrableDomain, IsZoneChangeList } from './domain-validators.js';
import { IsWixIdOf } from './wix-id.validator.js';
import { FlowInput, PremiumPlanOrderInput } from './flow.input.js';

/** How `connectDomain` connects an external domain (CONTRACT §7.7). */
export enum DomainConnectionMethod {
  NAMESERVERS = 'NAMESERVERS',
  POINTING = 'POINTING',
  SUBDOMAIN = 'SUBDOMAIN',
}
registerEnumType(DomainConnectionMethod, {
  name: 'DomainConnectionMethod',
  description: 'How an external domain is connected to a Wix site.',
  valuesConfig: {
    NAMESERVERS: {
      description:
        "The owner points the domain's name servers at Wix (the operation lists the NS values); Wix then hosts its DNS zone.",
    },
    POINTING: {
      description:
        'DNS stays at the external host; the owner sets an A record and a www CNAME there (listed on the operation).',
    },
    SUBDOMAIN: {
      description: 'A subdomain (e.g. shop.example.com), connected by the CNAME records listed on the operation.',
    },
  },
});

/** DNS records for the Wix zone make sense only when Wix hosts the zone: a NAMESERVERS connection. */
function OnlyWithNameservers(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyWithNameservers',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args) =>
          (args?.object as { method?: string }).method === DomainConnectionMethod.NAMESERVERS,
        defaultMessage: (args) =>
          `${args?.property ?? 'dnsRecords'} may only be given with method NAMESERVERS (Wix manages DNS only for name-server connections)`,
      },
    });
}

/** Input of `purchaseDomain`. */
@InputType('PurchaseDomainInput', {
  description:
    'Buy a domain through Wix for a site: a Premium plan if the site has none, a domain product, the registration, until the domain is ACTIVE.',
})
export class PurchaseDomainInput extends FlowInput {
  @Field(() => ID, {
    description:
      'The site the domain is for (Site ID or Wix GUID), in the account this request acts on unless `accountId` says otherwise.',
  })
  @IsWixIdOf('Site')
  siteId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The account that owns the site (Account ID or Wix GUID); default: the account this request acts on.',
  })
  @IsOptional()
  @IsWixIdOf('Account')
  accountId?: string | null;

  @Field(() => String, {
    description: 'Root domain to register, e.g. `example.com` (a 3–63 character name and a TLD Wix sells).',
  })
  @IsString()
  @IsRegistrableDomain()
  domain!: string;

  @Field(() => DomainContactsInput, { description: 'Registration contacts.' })
  @ValidateNested()
  contacts!: DomainContactsInput;

  @Field(() => PremiumPlanOrderInput, {
    nullable: true,
    description:
      "The Premium plan to buy if the site has none; default: the catalog's first plan covering the TLD, 1 YEAR, the registrant's country.",
  })
  @IsOptional()
  @ValidateNested()
  premiumPlan?: PremiumPlanOrderInput | null;

  @Field(() => Int, {
    defaultValue: 1,
    description: 'Registration length in years (1–3): the billing cycle of the domain product bought.',
  })
  @IsInt()
  @Min(1)
  @Max(3)
  registrationYears!: number;

  @Field(() => String, {
    nullable: true,
    description: "ISO-3166 alpha-2 country for the products bought; default: the registrant's country.",
  })
  @IsOptional()
  @IsISO31661Alpha2({ message: 'must be an ISO-3166 alpha-2 country code, e.g. US' })
  countryCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'An ENABLED domain product instance you already own (ProductInstance ID or Wix GUID) to register with, instead of buying one.',
  })
  @IsOptional()
  @IsWixIdOf('ProductInstance')
  domainProductInstanceId?: string | null;
}

/** A record to set in the Wix DNS zone of a NAMESERVERS connection. */
@InputType('ConnectDomainDnsRecordInput', {
  description:
    "An A or CNAME record to set in the domain's Wix DNS zone (replaces the record of that type and host name).",
})
export class ConnectDomainDnsRecordInput {
  @Field(() => DnsRecordType, { description: 'A or CNAME.' })
  @IsIn([DnsRecordType.A, DnsRecordType.CNAME], { message: 'must be A or CNAME' })
  type!: DnsRecordType;

  @Field(() => String, {
    description: 'Host name: the domain itself (A) or a name under it, e.g. `www.example.com` (CNAME).',
  })
  @IsString()
  @IsHostName()
  hostName!: string;

  @Field(() => [String], { description: 'Values (1–50): IPv4 addresses for A, one host name for CNAME.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 255, { each: true })
  values!: string[];

  @Field(() => Int, { defaultValue: 3600, description: 'Time to live in seconds (60–86400).' })
  @IsInt()
  @Min(60)
  @Max(86_400)
  ttl!: number;
}

/** Input of `connectDomain`. */
@InputType('ConnectDomainInput', {
  description: 'Connect a domain bought elsewhere to a site, until DNS has propagated.',
})
export class ConnectDomainInput extends FlowInput {
  @Field(() => ID, {
    description:
      'The site (Site ID or Wix GUID). It needs a Premium plan: give `premiumPlan` to buy one for a free site.',
  })
  @IsWixIdOf('Site')
  siteId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The account that owns the site (Account ID or Wix GUID); default: the account this request acts on.',
  })
  @IsOptional()
  @IsWixIdOf('Account')
  accountId?: string | null;

  @Field(() => String, {
    description:
      'The domain (NAMESERVERS, POINTING) or subdomain (SUBDOMAIN), e.g. `example.com` or `shop.example.com`.',
  })
  @IsString()
  @Length(3, 253)
  @IsHostName()
  domain!: string;

  @Field(() => DomainConnectionMethod, { description: 'How to connect it.' })
  @IsIn(Object.values(DomainConnectionMethod))
  method!: DomainConnectionMethod;

  @Field(() => PremiumPlanOrderInput, {
    nullable: true,
    description:
      'Buy this Premium plan first if the site has none (Wix refuses to connect a domain to a free site: NON_PREMIUM_SITE).',
  })
  @IsOptional()
  @ValidateNested()
  premiumPlan?: PremiumPlanOrderInput | null;

  @Field(() => [ConnectDomainDnsRecordInput], {
    nullable: true,
    description:
      'NAMESERVERS only: A/CNAME records to set in the Wix DNS zone once connected (at most 10). Wix manages DNS only for NAMESERVERS connections.',
  })
  @IsOptional()
  @OnlyWithNameservers()
  @ArrayMaxSize(10)
  @ValidateNested()
  @IsZoneChangeList('additions')
  dnsRecords?: ConnectDomainDnsRecordInput[] | null;
}

/** Input of `cancelOperation`. */
@InputType('CancelOperationInput', { description: 'Which operation to cancel.' })
export class CancelOperationInput {
  @Field(() => ID, { description: "The operation's ID." })
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be an Operation ID' })
  id!: string;
}
