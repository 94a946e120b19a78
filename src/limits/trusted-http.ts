import type { GatewayError } from '../errors.js';
import type { DocumentRequest, TrustedDocuments } from './trusted-documents.js';

/**
 * Puts the trusted text in place of what an HTTP request sent (its body for a POST, its URL for a GET), or returns the
 * refusal. The persisted-query extension is dropped once resolved, so Apollo's own APQ store never sees it.
 */
export function applyTrustedDocuments(trusted: TrustedDocuments, body: unknown, url: URL): unknown {
  if (body !== undefined) {
    const request = (body ?? {}) as DocumentRequest & Record<string, unknown>;
    const text = trusted.resolve(request);
    if (typeof text !== 'string') return text;
    const { documentId: _id, extensions, ...rest } = request;
    const kept = withoutPersisted(extensions);
    return kept ? { ...rest, query: text, extensions: kept } : { ...rest, query: text };
  }
  const params = url.searchParams;
  let extensions: unknown;
  try {
    extensions = params.has('extensions') ? JSON.parse(params.get('extensions') as string) : undefined;
  } catch {
    extensions = undefined;
  }
  const text = trusted.resolve({
    query: params.get('query') ?? undefined,
    documentId: params.get('documentId') ?? undefined,
    extensions,
  });
  if (typeof text !== 'string') return text satisfies GatewayError;
  params.set('query', text);
  params.delete('documentId');
  const kept = withoutPersisted(extensions);
  if (kept === undefined) params.delete('extensions');
  else params.set('extensions', JSON.stringify(kept));
  return undefined;
}

function withoutPersisted(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _p, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
