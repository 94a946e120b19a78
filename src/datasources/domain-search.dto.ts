import type { WireCheckAvailabilityResponse, WireSuggestDomainsResponse } from '@wix-account-graph/sandbox/contract';
import type { DomainAvailability, DomainSuggestion } from '../model/domain.js';

/** Check Domain Availability answer (CONTRACT §5.1). */
export type CheckAvailabilityResponse = WireCheckAvailabilityResponse;

/** Suggest Domains answer (CONTRACT §5.2); old-style answers omit `premium` and `pagingMetadata`. */
export type SuggestDomainsResponse = WireSuggestDomainsResponse;

/** Maps an availability answer (`premium` absent ⇒ false). */
export function toAvailability(raw: CheckAvailabilityResponse['availability']): DomainAvailability {
  return { domain: raw.domain, available: raw.available, premium: raw.premium ?? false };
}

/** Maps one suggestion (`premium` absent ⇒ false). */
export function toSuggestion(raw: SuggestDomainsResponse['suggestions'][number]): DomainSuggestion {
  return { domain: raw.domain, premium: raw.premium ?? false };
}
