import type { ContactData } from '../types.js';

/**
 * Registered-domain contacts (CONTRACT §6.1): the formal validations Wix performs on create are the contract schema's
 * (`ContactInput`, contract/domains.ts); here is the sandbox's deterministic registrar rule for contacts that pass
 * them but would be rejected later by the registrar.
 *
 * Sandbox choices: "alphanumeric" fields accept any printable text (the doc example "221B Baker street" has a
 * space); `countryCode` is exactly two letters and is not checked against the ISO list (the doc example uses "UK");
 * `admin` and `tech` are optional, but when sent need the same required fields as `registrant`.
 */
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
export function cleanContact(contact: object): ContactData {
  const c = contact as Record<string, unknown>;
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
  for (const f of fields) if (typeof c[f] === 'string' && c[f] !== '') out[f] = c[f];
  return out;
}
