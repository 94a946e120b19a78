import { ArrayMaxSize, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

/** A host name: labels of letters, digits and inner hyphens, and a TLD of letters (or an IDN `xn--` TLD). */
export const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;
const HOST_NAME_MESSAGE = 'must be a domain name with its TLD (letters, digits, hyphens and dots), e.g. example.com';

/** Arguments of `domainAvailability`: Check Domain Availability's rules (CONTRACT §5.1), checked before any call. */
@ArgsType()
export class DomainAvailabilityArgs {
  @Field(() => String, {
    description: 'Domain name with its TLD, e.g. `example.com` (3–63 characters: letters, digits, hyphens, dots).',
  })
  @IsString()
  @Length(3, 63)
  @Matches(HOST_NAME, { message: HOST_NAME_MESSAGE })
  domain!: string;
}

/** Arguments of `domainSuggestions` (CONTRACT §5.2). */
@ArgsType()
export class DomainSuggestionsArgs {
  @Field(() => String, {
    description:
      'Search phrase without a TLD, e.g. "cozy cuts" (1–100 characters: letters, digits, spaces, dots, hyphens).',
  })
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9 .-]+$/, { message: 'may contain only letters, digits, spaces, dots and hyphens' })
  query!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Only suggest these TLDs, written without a dot (`com`, not `.com`); at most 10. Default: every TLD Wix sells.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(/^[a-z0-9-]{2,63}$/i, { each: true, message: 'must be TLDs without a dot, e.g. com' })
  tlds?: string[];

  @Field(() => Int, { defaultValue: 10, description: "Number of suggestions to return (1–20, Wix's page limit)." })
  @Min(1)
  @Max(20)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return suggestions after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  after?: string;
}

/** Arguments of the root look-ups `registeredDomain`, `connectedDomain` and `dnsZone`. */
@ArgsType()
export class DomainLookupArgs {
  @Field(() => String, {
    description: 'Domain name with its TLD (a subdomain where the API allows one), e.g. `example.com`.',
  })
  @IsString()
  @Length(3, 253)
  @Matches(HOST_NAME, { message: HOST_NAME_MESSAGE })
  domain!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Account that owns the domain (Wix GUID or Account ID); default: the account this request acts on.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  accountId?: string;
}

/** Arguments of the account-wide domain connections. */
@ArgsType()
export class DomainListArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Number of domains to return (1–100).' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return domains after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  after?: string;
}
