import type { UpstreamWrite } from '../datasources/http.js';
import type { AuditStore, NewAuditEvent } from './audit-store.js';

/** Wix endpoints that can cost money (the `paidOnly` filter). */
const PAID_ENDPOINTS = new Set([
  'Create Package V2',
  'Create Registered Domain',
  'Adjust Product Instance Specifications',
]);

/**
 * Turns every upstream write that http.ts reports into an audit event, attributed from the call context of the
 * request or flow that made it (call-context.ts). Appending never fails the write it records: a store failure is
 * logged (without the event's content) and the call's answer goes back as it is.
 */
export function auditRecorder(store: AuditStore): (write: UpstreamWrite) => void {
  return (write) => {
    const call = write.ambient.call;
    const event: NewAuditEvent = {
      time: new Date().toISOString(),
      callerId: call?.caller.id ?? 'unknown',
      callerName: call?.caller.name ?? 'no call context',
      tenantId: call?.tenantId ?? null,
      accountId: write.accountId ?? null,
      operationName: call?.operationName ?? null,
      mutation: call?.mutation ?? null,
      operationId: call?.operationId ?? null,
      idempotencyKey: call?.idempotencyKey ?? write.idempotencyKey ?? null,
      endpoint: write.operation,
      request: `${write.method.toUpperCase()} ${write.path}`,
      paid: PAID_ENDPOINTS.has(write.operation),
      status: write.status ?? null,
      wixCode: write.wixCode ?? null,
      errorCode: write.errorCode ?? null,
      createdIds: write.body === undefined ? [] : idsOf(write.body),
    };
    store.append(event).catch((error: unknown) => {
      console.error('gateway: audit event not stored:', error instanceof Error ? error.message : 'unknown error');
    });
  };
}

/**
 * `<key>:<id>` for each top-level object of a Wix answer that has an `id` or a `domain` (e.g. `package:…`,
 * `registeredDomain:example.com`).
 */
function idsOf(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const ids: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const { id, domain } = value as { id?: unknown; domain?: unknown };
    if (typeof id === 'string') ids.push(`${key}:${id}`);
    else if (typeof domain === 'string') ids.push(`${key}:${domain}`);
  }
  return ids.slice(0, 20);
}
