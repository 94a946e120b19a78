import { z } from 'zod/v4';
import { CursorPagingMetadata, DATE, DnsPropagationStatus, GUID, SiteInfo } from './common.js';

/** Domain Search (CONTRACT §5), Registered Domains (§6) and Connected Domains (§7). */

// §5 Domain Search (the answers; the query parameters are in queries.ts)
export const CheckAvailabilityResponse = z.strictObject({
  availability: z.strictObject({
    domain: z.string(),
    available: z.boolean(),
    premium: z.boolean().optional(),
    premiumType: z.string().optional(),
  }),
});
export const SuggestDomainsResponse = z.strictObject({
  suggestions: z.array(z.strictObject({ domain: z.string(), premium: z.boolean().optional() })),
  pagingMetadata: CursorPagingMetadata.optional(),
});

// §6 Registered Domains
const PRINTABLE = /^[^\p{Cc}]+$/u;
const text = (min: number, max: number) =>
  z
    .string()
    .min(min, `must be ${min} to ${max} characters`)
    .max(max, `must be ${min} to ${max} characters`)
    .regex(PRINTABLE, 'must be printable text');
const requiredText = (min: number, max: number) => z.string().min(1, 'is required').pipe(text(min, max));
const optionalText = (min: number, max: number) => z.union([z.literal(''), text(min, max)]).nullish();
/** Countries whose contacts need `subdivisionCode` (CONTRACT §6.1). */
export const SUBDIVISION_REQUIRED = new Set(
  'AE AR AT AU BE BR CA CH CL CO CR CZ DE DK ES FI FR GR IE IN IT JP KR MX MY NL NO NZ PE PL PT RU SE SG TH TR TW UA US ZA'.split(
    ' ',
  ),
);
function emailOk(email: string): boolean {
  const parts = email.split('@');
  if (parts.length !== 2 || email.length < 3) return false;
  const [local, domain] = parts as [string, string];
  return local.length >= 1 && local.length <= 64 && domain.length >= 1 && domain.length <= 63;
}
/**
 * A contact as Create Registered Domain takes it: the formal checks Wix documents (lengths, printable text, one @,
 * a two-letter country, subdivisionCode for the listed countries). Sandbox choice: "alphanumeric" accepts any
 * printable text (the doc example "221B Baker street" has a space).
 */
export const ContactInput = z
  .looseObject({
    firstName: requiredText(2, 64),
    lastName: requiredText(2, 64),
    email: z
      .string()
      .min(1, 'is required')
      .refine(emailOk, 'must contain exactly one @, at most 64 characters before it and 63 after'),
    address: requiredText(2, 64),
    city: requiredText(2, 64),
    subdivisionCode: optionalText(1, 32),
    postalCode: optionalText(2, 16),
    countryCode: z
      .string()
      .min(1, 'is required')
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code'),
    phone: requiredText(2, 20),
    company: optionalText(2, 64),
  })
  .refine(
    (c) => {
      const country = typeof c.countryCode === 'string' ? c.countryCode.toUpperCase() : '';
      return !SUBDIVISION_REQUIRED.has(country) || (typeof c.subdivisionCode === 'string' && c.subdivisionCode !== '');
    },
    // `when`: checked even when other fields of the contact fail, so that one answer lists every violation.
    { path: ['subdivisionCode'], message: 'is required for this country', when: () => true },
  );
export const ContactData = z
  .strictObject({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
    city: z.string().optional(),
    subdivisionCode: z.string().optional(),
    postalCode: z.string().optional(),
    countryCode: z.string().optional(),
    phone: z.string().optional(),
    company: z.string().optional(),
  })
  .describe('Formal checks: alphanumerics with the documented lengths; subdivisionCode required for some countries');
export const RegisteredDomainStatus = z.enum([
  'UNKNOWN_STATUS',
  'PENDING_REGISTRATION',
  'ACTIVE',
  'FAILED_REGISTRATION',
  'CANCELED',
]);
export const RegisteredDomain = z.strictObject({
  id: z.string().describe('The domain name'),
  domain: z.string(),
  productInstanceId: GUID,
  createdDate: DATE,
  updatedDate: DATE,
  revision: z
    .string()
    .regex(/^[0-9]+$/)
    .describe('An integer, as a string'),
  siteInfo: SiteInfo.optional(),
  contacts: z.strictObject({ registrant: ContactData, admin: ContactData.optional(), tech: ContactData.optional() }),
  status: RegisteredDomainStatus,
  pendingRegistrationInfo: z
    .strictObject({ latestAttempt: z.strictObject({ number: z.number().int().min(0), timestamp: DATE }) })
    .optional(),
  failedRegistrationInfo: z
    .strictObject({ code: z.enum(['UNKNOWN_FAILURE_CODE', 'OTHER']), message: z.string() })
    .optional(),
  icannConfirmationStatus: z
    .enum(['UNKNOWN_ICANN_CONFIRMATION_STATUS', 'PENDING', 'CONFIRMED_BY_ALL', 'EXPIRED'])
    .optional(),
  icannConfirmationStatusInfo: z
    .strictObject({
      pending: z.strictObject({ expirationDate: DATE, notConfirmedBy: z.array(z.string()) }).optional(),
      expired: z.strictObject({ notConfirmedBy: z.array(z.string()) }).optional(),
    })
    .nullable()
    .optional(),
  dnsPropagationStatus: DnsPropagationStatus.optional(),
  expirationDate: DATE.optional(),
});
export const CreateRegisteredDomainRequest = z.looseObject({
  registeredDomain: z.looseObject({
    domain: z.string().min(1, 'is required'),
    productInstanceId: z.string().min(1, 'is required'),
    contacts: z.looseObject({
      registrant: ContactInput,
      admin: ContactInput.optional(),
      tech: ContactInput.optional(),
    }),
  }),
});
export const RegisteredDomainResponse = z.strictObject({ registeredDomain: RegisteredDomain });
export const ListRegisteredDomainsResponse = z.strictObject({
  pagingMetadata: CursorPagingMetadata,
  registeredDomains: z.array(RegisteredDomain),
});

// §7 Connected Domains
export const ConnectionType = z
  .enum(['UNKNOWN_CONNECTION_TYPE', 'POINTING', 'NAMESERVERS', 'HIDDEN'])
  .describe('UNKNOWN_CONNECTION_TYPE for subdomains');
export const ConnectedDomain = z.strictObject({
  id: z.string().describe('The domain name'),
  domain: z.string(),
  connectionType: ConnectionType,
  siteInfo: SiteInfo.optional(),
  suppressNotifications: z.boolean().optional(),
  dnsPropagationStatus: DnsPropagationStatus,
  createdDate: DATE.optional(),
  updatedDate: DATE.optional(),
});
export const CreateConnectedDomainRequest = z.looseObject({
  connectedDomain: z.looseObject({
    domain: z.string().min(1, 'is required'),
    // Checked by the route: a wrong value is Wix's 400 "Invalid connection type", not a field violation.
    connectionType: z.string().optional().describe('POINTING or NAMESERVERS for a root domain; none for a subdomain'),
    siteInfo: z
      .looseObject({
        assignmentType: z.enum(['UNKNOWN_ASSIGNMENT_TYPE', 'PRIMARY', 'REDIRECT']).default('PRIMARY'),
        redirectInfo: z.looseObject({ primaryDomain: z.string().optional() }).nullish(),
      })
      .nullish(),
    suppressNotifications: z.boolean().default(false),
  }),
});
export const ConnectedDomainResponse = z.strictObject({ connectedDomain: ConnectedDomain });
export const ListConnectedDomainsResponse = z.strictObject({
  pagingMetadata: CursorPagingMetadata,
  connectedDomains: z.array(ConnectedDomain),
});
const HostRecords = z.strictObject({
  hostName: z.string(),
  ttl: z.number().int().min(0).optional(),
  values: z.array(z.string()),
});
const HostRecord = z.strictObject({ hostName: z.string(), ttl: z.number().int().min(0).optional(), value: z.string() });
export const ConnectedDomainSetupInfo = z.strictObject({
  connectedDomainId: z.string(),
  registrar: z.strictObject({ name: z.string().nullable().optional(), nameServers: z.array(z.string()) }),
  nameserverRecord: z.strictObject({ nsRecord: HostRecords }).optional().describe('NAMESERVERS connections only'),
  pointingRecords: z
    .strictObject({ aRecord: HostRecords, cnameRecord: HostRecord })
    .optional()
    .describe('POINTING connections only'),
  subdomainRecords: z
    .strictObject({ cnameRecords: z.array(HostRecord) })
    .optional()
    .describe('Subdomains only'),
});
export const SetupInfoResponse = z.strictObject({ connectedDomainSetupInfo: ConnectedDomainSetupInfo });

export type WireContactData = z.infer<typeof ContactData>;
export type WireRegisteredDomain = z.infer<typeof RegisteredDomain>;
export type WireRegisteredDomainResponse = z.infer<typeof RegisteredDomainResponse>;
export type WireListRegisteredDomainsResponse = z.infer<typeof ListRegisteredDomainsResponse>;
export type WireConnectedDomain = z.infer<typeof ConnectedDomain>;
export type WireConnectedDomainResponse = z.infer<typeof ConnectedDomainResponse>;
export type WireListConnectedDomainsResponse = z.infer<typeof ListConnectedDomainsResponse>;
export type WireConnectedDomainSetupInfo = z.infer<typeof ConnectedDomainSetupInfo>;
export type WireCheckAvailabilityResponse = z.infer<typeof CheckAvailabilityResponse>;
export type WireSuggestDomainsResponse = z.infer<typeof SuggestDomainsResponse>;
