import { IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsContactEmail, IsSubdivisionCode } from './domain-validators.js';

/**
 * Registration contacts with the formal validations Wix performs on Create Registered Domain (CONTRACT §6.1), so that
 * a bad contact is a field-level BAD_USER_INPUT before any call. "Alphanumeric" is read as printable text (Wix's own
 * example address "221B Baker street" has a space); `countryCode` is two letters, not checked against the ISO list
 * (Wix's example uses "UK"). What only the registrar checks (days later) is not guessed here.
 */
const PRINTABLE = /^[^\p{Cc}]+$/u;
const PRINTABLE_MESSAGE = 'must be printable text';

/** One contact of a domain registration (Wix's ContactData). */
@InputType('DomainContactInput', {
  description:
    'A contact of a domain registration. The registrar may still refuse contacts that pass these checks (the registration then ends FAILED_REGISTRATION).',
})
export class DomainContactInput {
  @Field(() => String, { description: 'First name (2–64 characters).' })
  @IsString()
  @Length(2, 64)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  firstName!: string;

  @Field(() => String, { description: 'Last name (2–64 characters).' })
  @IsString()
  @Length(2, 64)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  lastName!: string;

  @Field(() => String, {
    description:
      'Email address: exactly one @, at most 64 characters before it and 63 after. ICANN asks the contact to confirm it.',
  })
  @IsString()
  @IsContactEmail()
  email!: string;

  @Field(() => String, { description: 'Street address (2–64 characters).' })
  @IsString()
  @Length(2, 64)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  address!: string;

  @Field(() => String, { description: 'City (2–64 characters).' })
  @IsString()
  @Length(2, 64)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  city!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO-3166-2 subdivision (state, province), e.g. `US-IL`. Required for AE AR AT AU BE BR CA CH CL CO CR CZ DE DK ES FI FR GR IE IN IT JP KR MX MY NL NO NZ PE PL PT RU SE SG TH TR TW UA US ZA.',
  })
  @IsSubdivisionCode()
  subdivisionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code (2–16 letters, digits, spaces or hyphens).' })
  @IsOptional()
  @IsString()
  @Length(2, 16)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, { message: 'may contain only letters, digits, spaces and hyphens' })
  postalCode?: string | null;

  @Field(() => String, {
    description:
      'Two-letter country code, e.g. `US` (Wix does not hold it to the ISO list: its own example uses `UK`).',
  })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code, e.g. US' })
  countryCode!: string;

  @Field(() => String, {
    description:
      'Phone number: digits with an optional leading +, 2–20 characters, e.g. `+15551234567` (registrars expect E.164).',
  })
  @IsString()
  @Length(2, 20)
  @Matches(/^\+?\d+$/, { message: 'must be digits with an optional leading +, e.g. +15551234567' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'Company (2–64 characters).' })
  @IsOptional()
  @IsString()
  @Length(2, 64)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  company?: string | null;
}

/** The contacts of a registration: the registrant, and optionally separate admin and tech contacts. */
@InputType('DomainContactsInput', {
  description:
    'The contacts of a domain registration. Only the registrant is required; admin and tech, when given, need the same fields.',
})
export class DomainContactsInput {
  @Field(() => DomainContactInput, { description: 'Who the domain is registered to.' })
  @ValidateNested()
  registrant!: DomainContactInput;

  @Field(() => DomainContactInput, {
    nullable: true,
    description: 'Administrative contact (default: Wix uses the registrant).',
  })
  @IsOptional()
  @ValidateNested()
  admin?: DomainContactInput | null;

  @Field(() => DomainContactInput, {
    nullable: true,
    description: 'Technical contact (default: Wix uses the registrant).',
  })
  @IsOptional()
  @ValidateNested()
  tech?: DomainContactInput | null;
}
