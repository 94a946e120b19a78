import { getPublicSuffix } from 'tldts';
import { SUPPORTED_TLDS } from './catalog.js';
import { hash32 } from './random.js';
import type { World } from './world.js';

/**
 * The sandbox's deterministic domain registry: which names exist, which are taken, which are premium, who their
 * registrar is. Every rule is a pure function of the name, the world's seed and the world's state, so the same seed
 * answers the same way every time. Sandbox rules (UNCONFIRMED upstream, documented here):
 *
 * - taken: registered elsewhere (`world.externalDomains`), registered through Wix (any status but
 *   FAILED_REGISTRATION), a famous name (any TLD), an undelegated name, or `hash32(domain, seed) % 4 === 0`;
 * - premium (higher price, not the Wix Premium plan): an available name whose SLD has at most 4 characters, or
 *   `hash32(domain, seed ^ PREMIUM_SALT) % 10 === 0`;
 * - a TLD Wix does not sell (e.g. `com.tr`) is never "available for purchase": such names count as registered
 *   elsewhere, so they can be connected but not bought.
 */

/** TLDs Wix refuses to connect ("Invalid domain": restricted by Wix). */
export const RESTRICTED_TLDS = new Set(['gov', 'mil', 'edu', 'int']);
/** SLDs taken under every TLD. */
const FAMOUS_SLDS = new Set([
  'google',
  'facebook',
  'amazon',
  'apple',
  'microsoft',
  'wix',
  'youtube',
  'netflix',
  'wikipedia',
  'instagram',
]);
/**
 * Registered elsewhere but not delegated (no A/CNAME/NS can be read): connecting them answers
 * INVALID_DOMAINS_PREVIEW_RECORDS (sandbox trigger for that code).
 */
export const UNDELEGATED_DOMAINS = new Set(['no-dns-records.com', 'server-hold.net']);
/** Registrars assigned (by hash) to taken names that are not in `world.externalDomains`. */
const REGISTRARS: ReadonlyArray<{ registrar: string; nameServers: string[] }> = [
  { registrar: 'GO_DADDY', nameServers: ['ns41.domaincontrol.com', 'ns42.domaincontrol.com'] },
  { registrar: 'NAMECHEAP', nameServers: ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'] },
  { registrar: 'OTHER', nameServers: ['ns1.example-dns.net', 'ns2.example-dns.net'] },
];
const PREMIUM_SALT = 0x5eed;
/** `premiumType` values are UNCONFIRMED beyond the default: the sandbox always answers this one. */
export const PREMIUM_TYPE = 'UNKNOWN_PREMIUM_TYPE';

/** A syntactically valid host name split into its parts. */
export interface ParsedDomain {
  /** Lower-cased full name. */
  name: string;
  labels: string[];
  /** Public suffix (ICANN section of the Public Suffix List): `com`, or `com.tr` for `c-suite.com.tr`. */
  tld: string;
  /** The label right before the suffix. */
  sld: string;
  /** `sld.tld`. */
  root: string;
  isSubdomain: boolean;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const TLD_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Parses a host name (letters, digits, hyphens, dots). Label lengths are not limited here so that callers can answer
 * their own codes (DOMAIN_TOO_LONG…); returns undefined when the name cannot be split into SLD + TLD.
 */
export function parseDomain(input: string): ParsedDomain | undefined {
  const name = input.trim().toLowerCase();
  if (name.length === 0 || name.length > 253) return undefined;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  const last = labels[labels.length - 1] as string;
  if (!TLD_LABEL.test(last)) return undefined;
  // The list's ICANN rules only: a private suffix (e.g. a hosting provider's) is a domain Wix can register under.
  const suffix = getPublicSuffix(name, { allowPrivateDomains: false }) ?? last;
  const suffixLabels = suffix.split('.').length;
  if (labels.length <= suffixLabels) return undefined;
  const tld = labels.slice(-suffixLabels).join('.');
  const sld = labels[labels.length - suffixLabels - 1] as string;
  return { name, labels, tld, sld, root: `${sld}.${tld}`, isSubdomain: labels.length > suffixLabels + 1 };
}

/** True when every label is at most 63 characters (the DNS limit). */
export function labelsFit(parsed: ParsedDomain): boolean {
  return parsed.labels.every((l) => l.length <= 63);
}

/** TLDs the sandbox sells through Domain Search and Create Registered Domain. */
export function isSupportedTld(tld: string): boolean {
  return (SUPPORTED_TLDS as readonly string[]).includes(tld);
}

/**
 * TLDs a registration may name: the sold ones plus any TLD a catalog DOMAIN product covers (the legacy `.xyz`
 * product exists so that SKU_NOT_FOUND can be reached).
 */
export function isRegistrableTld(world: World, tld: string): boolean {
  if (isSupportedTld(tld)) return true;
  return [...world.catalog.values()].some((p) => p.type === 'DOMAIN' && p.tlds.includes(tld));
}

/** True when a Wix registration holds the name (any status except FAILED_REGISTRATION). */
export function isWixRegistered(world: World, root: string): boolean {
  const rd = world.registeredDomains.get(root);
  return rd !== undefined && rd.status !== 'FAILED_REGISTRATION';
}

/** True when the root domain is not available for purchase (see the module rules). */
export function isTaken(world: World, root: string): boolean {
  const parsed = parseDomain(root);
  if (!parsed) return false;
  if (world.externalDomains.has(parsed.root) || isWixRegistered(world, parsed.root)) return true;
  if (FAMOUS_SLDS.has(parsed.sld) || UNDELEGATED_DOMAINS.has(parsed.root)) return true;
  if (!isSupportedTld(parsed.tld)) return true;
  return hash32(parsed.root, world.seed) % 4 === 0;
}

/** True when an available name costs more than the standard price. */
export function isPremiumName(world: World, root: string): boolean {
  const parsed = parseDomain(root);
  if (!parsed || isTaken(world, parsed.root)) return false;
  return parsed.sld.length <= 4 || hash32(parsed.root, world.seed ^ PREMIUM_SALT) % 10 === 0;
}

/** The availability answer of Check Domain Availability for a valid root domain. */
export function availabilityOf(world: World, root: string) {
  const available = !isTaken(world, root);
  return { domain: root, available, premium: available && isPremiumName(world, root), premiumType: PREMIUM_TYPE };
}

/**
 * The registrar holding a root domain and its current name servers: `world.externalDomains` when listed, Wix for
 * Wix-registered names, otherwise one of a few registrars chosen by hash (stable per name and seed).
 */
export function registrarOf(world: World, root: string): { name: string; nameServers: string[] } {
  const external = world.externalDomains.get(root);
  if (external) return { name: external.registrar, nameServers: [...external.nameServers] };
  if (isWixRegistered(world, root)) return { name: 'WIX', nameServers: ['ns12.wixdns.net', 'ns13.wixdns.net'] };
  if (UNDELEGATED_DOMAINS.has(root)) return { name: 'OTHER', nameServers: [] };
  const pick = REGISTRARS[hash32(root, world.seed) % REGISTRARS.length] ?? REGISTRARS[0];
  return { name: pick?.registrar ?? 'OTHER', nameServers: [...(pick?.nameServers ?? [])] };
}
