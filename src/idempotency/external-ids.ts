import { createHash } from 'node:crypto';

/**
 * A deterministic reference derived from the tenant and the client's idempotency key: used as the package
 * `externalId` (≤100 chars) so that a package bought by an earlier attempt is found again by Query Packages.
 */
export function externalIdFor(tenantId: string, idempotencyKey: string, suffix = ''): string {
  const digest = createHash('sha256').update(`${tenantId}\n${idempotencyKey}`).digest('hex').slice(0, 32);
  return `wag-${digest}${suffix ? `-${suffix}` : ''}`;
}
