import type { DomainAvailability, DomainSuggestion } from '../model/domain.js';
import type { WixDomainPaging } from './domain-common.dto.js';

/** Check Domain Availability answer (CONTRACT §5.1). */
export interface CheckAvailabilityResponse {
  availability: { domain: string; available: boolean; premium?: boolean; premiumType?: string };
}

/** Suggest Domains answer (CONTRACT §5.2); old-style answers omit `premium` and `pagingMetadata`. */
export interface SuggestDomainsResponse {
  suggestions: Array<{ domain: string; premium?: boolean }>;
  pagingMetadata?: WixDomainPaging;
}

/** Maps an availability answer (`premium` absent ⇒ false). */
export function toAvailability(raw: CheckAvailabilityResponse['availability']): DomainAvailability {
  return { domain: raw.domain, available: raw.available, premium: raw.premium ?? false };
}

/** Maps one suggestion (`premium` absent ⇒ false). */
export function toSuggestion(raw: SuggestDomainsResponse['suggestions'][number]): DomainSuggestion {
  return { domain: raw.domain, premium: raw.premium ?? false };
}
