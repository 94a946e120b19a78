import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCode, GatewayError } from '../errors.js';

/** What a GraphQL request names its document with: the text, or a persisted document's hash (APQ / documentId). */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** Thrown at start-up for a manifest that cannot be used; the message names TRUSTED_DOCUMENTS. */
export class TrustedDocumentsError extends Error {}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Trusted documents (`TRUSTED_DOCUMENTS=<manifest>`): only operations listed in the manifest run. The manifest is what
 * GraphQL Code Generator's client preset writes with `persistedDocuments: true` (`persisted-documents.json`): an
 * object of SHA-256 hash → document text. A request may send the text (it must hash to a listed entry) or only the
 * hash, as `documentId` (`sha256:<hash>` or `<hash>`) or Apollo's `extensions.persistedQuery.sha256Hash`; the
 * gateway then runs the listed text. Everything else is refused before parsing.
 */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /** Reads and checks a manifest: every key must be the SHA-256 of its text. */
  static load(path: string): TrustedDocuments {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TrustedDocumentsError(
        `Configuration error: TRUSTED_DOCUMENTS cannot be read as JSON (${path}): ${(error as Error).message.slice(0, 120)}`,
      );
    }
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
      throw new TrustedDocumentsError(`Configuration error: TRUSTED_DOCUMENTS must be an object of hash → document`);
    const byHash = new Map<string, string>();
    for (const [hash, text] of Object.entries(manifest as Record<string, unknown>)) {
      if (typeof text !== 'string' || sha256(text) !== hash.replace(/^sha256:/, '').toLowerCase())
        throw new TrustedDocumentsError(
          `Configuration error: TRUSTED_DOCUMENTS entry ${hash.slice(0, 20)}… is not the SHA-256 of its document`,
        );
      byHash.set(sha256(text), text);
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The listed text to run for this request, or the refusal (BAD_USER_INPUT / PERSISTED_QUERY_NOT_FOUND). */
  resolve(request: DocumentRequest): string | GatewayError {
    const hash = requestedHash(request);
    if (hash !== undefined) {
      const text = this.byHash.get(hash);
      if (text === undefined)
        return new GatewayError(
          ErrorCode.BAD_USER_INPUT,
          'PersistedQueryNotFound: this gateway runs trusted documents only, and this hash is not one of them',
        );
      if (typeof request.query === 'string' && request.query !== '' && sha256(request.query) !== hash)
        return new GatewayError(ErrorCode.BAD_USER_INPUT, 'The query text does not match its persisted hash');
      return text;
    }
    if (typeof request.query === 'string' && this.byHash.has(sha256(request.query))) return request.query;
    return new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      'This gateway runs trusted documents only (TRUSTED_DOCUMENTS), and this operation is not one of them',
    );
  }
}

/** The hash a request names, lower-case hex, if any. */
function requestedHash(request: DocumentRequest): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId.replace(/^sha256:/, '').toLowerCase();
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash.toLowerCase() : undefined;
}
