import type { FieldViolation } from '../errors.js';
import type { ContactData } from '../types.js';

/**
 * Registered-domain contacts (CONTRACT §6.1): the formal validations Wix performs on create, and the sandbox's
 * deterministic registrar rule for contacts that pass them but would be rejected later by the registrar.
 *
 * Sandbox choices: "alphanumeric" fields accept any printable text (the doc example "221B Baker street" has a
 * space); `countryCode` is exactly two letters and is not checked against the ISO list (the doc example uses "UK");
 * `admin` and `tech` are optional, but when sent need the same required fields as `registrant`.
 */
const REQUIRED: ReadonlyArray<keyof ContactData> = [
  'firstName',
  'lastName',
  'email',
  'address',
  'city',
  'countryCode',
  'phone',
];
/** Countries whose contacts need `subdivisionCode` (CONTRACT §6.1). */
export const SUBDIVISION_REQUIRED = new Set(
  'AE AR AT AU BE BR CA CH CL CO CR CZ DE DK ES FI FR GR IE IN IT JP KR MX MY NL NO NZ PE PL PT RU SE SG TH TR TW UA US ZA'.split(
    ' ',
  ),
);
const LENGTHS: Partial<Record<keyof ContactData, [number, number]>> = {
  firstName: [2, 64],
  lastName: [2, 64],
  address: [2, 64],
  city: [2, 64],
  company: [2, 64],
  phone: [2, 20],
  postalCode: [2, 16],
  subdivisionCode: [1, 32],
};
const PRINTABLE = /^[^\p{Cc}]+$/u;

/** Formal violations of one contact, with fields named `registeredDomain.contacts.<role>.<field>`. */
export function contactViolations(contact: unknown, role: string): FieldViolation[] {
  const base = `registeredDomain.contacts.${role}`;
  if (contact === null || typeof contact !== 'object' || Array.isArray(contact))
    return [{ field: base, description: 'must be an object', violatedRule: 'FORMAT' }];
  const c = contact as Record<string, unknown>;
  const violations: FieldViolation[] = [];
  const add = (field: string, description: string, violatedRule: string) =>
    violations.push({ field: `${base}.${field}`, description, violatedRule });
  for (const field of REQUIRED)
    if (c[field] === undefined || c[field] === null || c[field] === '') add(field, 'is required', 'REQUIRED_FIELD');
  for (const [field, value] of Object.entries(c)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') {
      add(field, 'must be a string', 'FORMAT');
      continue;
    }
    const bounds = LENGTHS[field as keyof ContactData];
    if (bounds && (value.length < bounds[0] || value.length > bounds[1]))
      add(
        field,
        `must be ${bounds[0]} to ${bounds[1]} characters`,
        value.length < bounds[0] ? 'MIN_LENGTH' : 'MAX_LENGTH',
      );
    else if (!PRINTABLE.test(value)) add(field, 'must be printable text', 'FORMAT');
  }
  if (typeof c.email === 'string' && c.email !== '' && !emailOk(c.email))
    add('email', 'must contain exactly one @, at most 64 characters before it and 63 after', 'FORMAT');
  if (typeof c.countryCode === 'string' && c.countryCode !== '' && !/^[A-Za-z]{2}$/.test(c.countryCode))
    add('countryCode', 'must be a two-letter country code', 'FORMAT');
  const country = typeof c.countryCode === 'string' ? c.countryCode.toUpperCase() : '';
  if (SUBDIVISION_REQUIRED.has(country) && (typeof c.subdivisionCode !== 'string' || c.subdivisionCode === ''))
    add('subdivisionCode', `is required for country ${country}`, 'REQUIRED_FIELD');
  return violations;
}

function emailOk(email: string): boolean {
  const parts = email.split('@');
  if (parts.length !== 2 || email.length < 3) return false;
  const [local, domain] = parts as [string, string];
  return local.length >= 1 && local.length <= 64 && domain.length >= 1 && domain.length <= 63;
}

/**
 * The sandbox registrar's rule (what Wix only learns after accepting the request): registration ends in
 * FAILED_REGISTRATION when any contact's email domain ends with `.invalid` (e.g. `jane@example.invalid`) or its
 * phone is not in E.164 form (`+` then 7–15 digits). Returns the registrar's message, or undefined when it accepts.
 */
export function registrarRejection(contacts: Record<string, ContactData | undefined>): string | undefined {
  for (const [role, contact] of Object.entries(contacts)) {
    if (!contact) continue;
    if (contact.email?.toLowerCase().split('@')[1]?.endsWith('.invalid'))
      return `The registrar rejected the ${role} email ${contact.email}`;
    if (contact.phone !== undefined && !/^\+[1-9]\d{6,14}$/.test(contact.phone))
      return `The registrar rejected the ${role} phone ${contact.phone}: E.164 format (+ and digits) is required`;
  }
  return undefined;
}

/** Keeps the known contact fields only (what Wix stores and serves back). */
export function cleanContact(contact: Record<string, unknown>): ContactData {
  const fields: Array<keyof ContactData> = [
    'firstName',
    'lastName',
    'email',
    'address',
    'city',
    'subdivisionCode',
    'postalCode',
    'countryCode',
    'phone',
    'company',
  ];
  const out: ContactData = {};
  for (const f of fields) if (typeof contact[f] === 'string' && contact[f] !== '') out[f] = contact[f];
  return out;
}
