import {
  IsDefined,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { domainShape } from '../domain-name.js';

/**
 * class-validator rules of the domain and DNS mutation inputs that the stock decorators cannot express: domain
 * shapes (root or subdomain), contact emails and subdivision codes
 * (CONTRACT §6.1), and the cheap DNS record rules of Update DNS Zone (CONTRACT §8.3). Pure functions, no I/O.
 */

/** Registers a one-off property rule whose message may depend on the value (`problem` returns it, or null when valid). */
function rule(
  name: string,
  problem: (value: unknown, args: ValidationArguments) => string | null,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problem(value, args) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problem(args.value, args) ?? 'is invalid'}`,
      },
    });
}

/** A root domain Wix can register: `<sld>.<tld>` with a 3–63 character SLD (no subdomains). */
export function IsRegistrableDomain(): PropertyDecorator {
  return rule('isRegistrableDomain', (value) => {
    const shape = domainShape(value as string);
    if (!shape) return 'must be a domain name with its TLD (letters, digits, hyphens and dots), e.g. example.com';
    if (shape.isSubdomain) return 'must be a root domain (e.g. example.com), not a subdomain';
    if (shape.sld.length < 3 || shape.sld.length > 63) return 'must have a name of 3 to 63 characters before its TLD';
    return null;
  });
}

/** A host name with its TLD, root or subdomain (labels of letters, digits and inner hyphens). */
export function IsHostName(): PropertyDecorator {
  return rule('isHostName', (value) =>
    domainShape(value as string)
      ? null
      : 'must be a domain name with its TLD (letters, digits, hyphens and dots), e.g. example.com',
  );
}

/** Wix's email rule for contacts: exactly one @, 1–64 characters before it, 1–63 after, no spaces (CONTRACT §6.1). */
export function IsContactEmail(): PropertyDecorator {
  return rule('isContactEmail', (value) => {
    if (typeof value !== 'string' || value.length < 3 || /\s/.test(value)) return 'must be an email address';
    const parts = value.split('@');
    if (parts.length !== 2) return 'must contain exactly one @';
    const [local, host] = parts as [string, string];
    if (local.length < 1 || local.length > 64) return 'must have 1 to 64 characters before the @';
    if (host.length < 1 || host.length > 63) return 'must have 1 to 63 characters after the @';
    return null;
  });
}

/** Countries whose contacts need `subdivisionCode` (CONTRACT §6.1). */
export const SUBDIVISION_REQUIRED = new Set(
  'AE AR AT AU BE BR CA CH CL CO CR CZ DE DK ES FI FR GR IE IN IT JP KR MX MY NL NO NZ PE PL PT RU SE SG TH TR TW UA US ZA'.split(
    ' ',
  ),
);
/** An ISO-3166-2 subdivision code, with or without its country prefix: `US-IL` or `IL`. */
const SUBDIVISION = /^(?:[A-Z]{2}-)?[A-Z0-9]{1,3}$/i;

const countryOf = (contact: object) => {
  const code = (contact as { countryCode?: unknown }).countryCode;
  return typeof code === 'string' ? code.toUpperCase() : '';
};

/**
 * `subdivisionCode`: required when the contact's `countryCode` is one of {@link SUBDIVISION_REQUIRED}, an ISO-3166-2
 * code when given. (type-graphql validates with `skipMissingProperties`, so "required when" needs ValidateIf +
 * IsDefined, which run even for a missing value.)
 */
export function IsSubdivisionCode(): PropertyDecorator {
  return (target, property) => {
    ValidateIf(
      (contact: object, value: unknown) =>
        SUBDIVISION_REQUIRED.has(countryOf(contact)) || (value !== undefined && value !== null),
    )(target, property);
    IsDefined({
      message: (args: ValidationArguments) =>
        `is required for country ${countryOf(args.object)} (ISO-3166-2, e.g. ${countryOf(args.object)}-XX)`,
    })(target, property);
    rule('isSubdivisionCode', (value) =>
      typeof value === 'string' && SUBDIVISION.test(value)
        ? null
        : 'must be an ISO-3166-2 subdivision code, e.g. US-IL',
    )(target, property);
  };
}

/** A record of an Update DNS Zone change list, as far as these rules look at it. */
interface RecordLike {
  type?: string;
  hostName?: string;
  values?: string[];
}

const MX_VALUE = /^(\d{1,5})\s+\S+$/;

/** The first problem of a change list of the zone `domain` (null when none); `additions` also checks what Wix rejects on write. */
export function zoneChangeProblem(
  records: RecordLike[] | null | undefined,
  domain: string,
  additions: boolean,
): string | null {
  if (!Array.isArray(records) || typeof domain !== 'string') return null;
  const zone = domain.toLowerCase();
  const seen = new Set<string>();
  for (const [i, r] of records.entries()) {
    const host = String(r?.hostName ?? '').toLowerCase();
    if (host !== zone && !host.endsWith(`.${zone}`)) return `record ${i}: hostName must be ${zone} or a name under it`;
    if (!additions) continue;
    if (r.type === 'CNAME' && host === zone)
      return `record ${i}: a CNAME hostName must be a name under ${zone} (e.g. www.${zone}), not the domain itself`;
    if (r.type === 'MX') {
      const bad = (r.values ?? []).find((v) => {
        const m = MX_VALUE.exec(v.trim());
        return !m || Number(m[1]) > 65535;
      });
      if (bad !== undefined) return `record ${i}: MX values must be "<priority> <host>", e.g. "5 aspmx.l.google.com"`;
    }
    const key = `${r.type} ${host}`;
    if (seen.has(key))
      return `record ${i}: one record per type and hostName — put every ${r.type} value of ${host} into one record`;
    seen.add(key);
  }
  return null;
}

/** The DNS rules Wix checks on a change list, checked before the call where they are cheap (see {@link zoneChangeProblem}). */
export function IsZoneChangeList(kind: 'additions' | 'deletions'): PropertyDecorator {
  return rule('isZoneChangeList', (value, args) =>
    zoneChangeProblem(value as RecordLike[], (args.object as { domain?: string }).domain ?? '', kind === 'additions'),
  );
}

const shapeOfDomain = (object: object) => domainShape((object as { domain?: string }).domain ?? '');

/**
 * `connectionType`: root domains need NAMESERVERS or POINTING, subdomains are connected without one (CONTRACT §7.2).
 * A malformed domain is left to the domain's own rule.
 */
export function FitsDomainShape(): PropertyDecorator {
  return (target, property) => {
    ValidateIf(
      (object: object, value: unknown) =>
        shapeOfDomain(object)?.isSubdomain === false || (value !== undefined && value !== null),
    )(target, property);
    IsDefined({ message: 'is required for a root domain: NAMESERVERS or POINTING' })(target, property);
    rule('fitsDomainShape', (_value, args) =>
      shapeOfDomain(args.object)?.isSubdomain
        ? 'must be omitted for a subdomain (it is connected by CNAME records)'
        : null,
    )(target, property);
  };
}
