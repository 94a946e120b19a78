/**
 * Scrubs credentials out of text that may reach a client or a log: the gateway's own API key (registered when the
 * HTTP client is built), bearer tokens, Wix-style `IST.` keys, JWTs, `key=value` secrets and long opaque tokens.
 * Used on the little upstream-provided text the gateway keeps (failure messages of instances and registrations) and,
 * as a last line, on every error message it sends (errors.ts).
 */
const secrets = new Set<string>();
/** Keys of one process are few (one per configured upstream); a bound all the same. */
const MAX_SECRETS = 64;

/** The placeholder a scrubbed credential becomes. */
export const REDACTED = '[redacted]';

const PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[^\s"',;]+/gi,
  /\bBasic\s+[A-Za-z0-9+/=]{8,}/g,
  /\bIST\.[A-Za-z0-9._~+/=-]+/g,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?/g,
  /\b(api[-_ ]?key|authorization|access[-_ ]?token|token|secret|password|client[-_ ]?secret)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
  // Long opaque runs (40+ characters of a token alphabet with a digit in them); GUIDs and words are shorter.
  /\b(?=[A-Za-z0-9_+/=-]*\d)[A-Za-z0-9_+/=-]{40,}/g,
];

/** Registers a credential the gateway holds, so that it is scrubbed wherever it shows up. */
export function registerSecret(secret: string): void {
  if (secret.length < 8 || secrets.has(secret)) return;
  if (secrets.size >= MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
  secrets.add(secret);
}

/** `text` without registered secrets or anything credential-shaped. */
export function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const pattern of PATTERNS)
    out = out.replace(pattern, (match, name?: string, sep?: string) =>
      typeof name === 'string' && typeof sep === 'string' ? `${name}${sep}${REDACTED}` : REDACTED,
    );
  return out;
}
