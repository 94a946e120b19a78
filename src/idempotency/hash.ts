import { createHash } from 'node:crypto';

/**
 * The one way the gateway hashes an input for idempotency (flow operations and single mutations alike): stable JSON
 * (keys sorted at every depth; undefined and null members dropped, so an omitted optional field and an explicit null
 * are the same input), prefixed by what the input is for.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of `kind` and the stable JSON of `input`: equal for equal inputs whatever their key order. */
export function inputHash(kind: string, input: object): string {
  return createHash('sha256')
    .update(`${kind}\n${stableJson(input)}`)
    .digest('hex');
}

/** The hash a single mutation's ledger entry is bound to: its name and its input without the idempotency key. */
export function mutationInputHash(mutation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return inputHash(mutation, rest);
}
