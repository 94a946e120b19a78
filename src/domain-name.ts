import { parse } from 'tldts';

/**
 * The one reading of domain names in the gateway (input validation and Wix's answers alike): labels checked by shape,
 * the registrable part found with the ICANN public suffix list (tldts), so `shop.com.tr` and `shop.co.uk` are root
 * domains and `blog.shop.co.uk` a subdomain. Private suffixes (`blogspot.com`) are not suffixes here: Wix sells and
 * connects ICANN names.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** A host name split into its parts. */
export interface DomainShape {
  labels: string[];
  /** The registrable label (second-level domain, left of the public suffix). */
  sld: string;
  /** The public suffix, e.g. `com` or `co.uk`. */
  suffix: string;
  isSubdomain: boolean;
}

/** The shape of a host name with a TLD; undefined when it is not one. */
export function domainShape(name: string): DomainShape | undefined {
  if (typeof name !== 'string' || name.length > 253) return undefined;
  const labels = name.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels[labels.length - 1] as string))
    return undefined;
  const parsed = parse(labels.join('.'), { allowPrivateDomains: false, extractHostname: false });
  if (!parsed.publicSuffix || !parsed.domainWithoutSuffix) return undefined;
  return {
    labels,
    sld: parsed.domainWithoutSuffix,
    suffix: parsed.publicSuffix,
    isSubdomain: Boolean(parsed.subdomain),
  };
}

/** True for a subdomain (a name with labels left of its registrable domain). */
export function isSubdomain(name: string): boolean {
  return domainShape(name)?.isSubdomain ?? false;
}
