/**
 * Status codes as the GraphQL-over-HTTP spec asks for a client that accepts only the legacy `application/json`
 * (no `application/graphql-response+json`): a document that does not parse, does not validate, or whose variables do
 * not coerce is still a well-formed GraphQL response, answered 200 (such clients read errors from the body). With
 * `application/graphql-response+json`, or no Accept header, Apollo's 4xx stands.
 */
export function statusForAccept(accept: string | undefined, status: number, body: string): number {
  if (status !== 400 || !accept) return status;
  const types = accept.toLowerCase();
  if (types.includes('application/graphql-response+json') || !types.includes('application/json')) return status;
  let errors: Array<{ message?: unknown; extensions?: { code?: unknown } }> | undefined;
  try {
    errors = (JSON.parse(body) as { errors?: typeof errors }).errors;
  } catch {
    return status;
  }
  const documentError = (e: { message?: unknown; extensions?: { code?: unknown } }) =>
    e.extensions?.code === 'GRAPHQL_PARSE_FAILED' ||
    e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ||
    (typeof e.message === 'string' && e.message.startsWith('Variable "$'));
  return errors?.length && errors.every(documentError) ? 200 : status;
}

/** Whether a POST's content type is JSON (the spec's `application/json`, any parameters). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/(json|graphql-response\+json)\s*(;|$)/i.test(contentType?.trim() ?? '');
}
