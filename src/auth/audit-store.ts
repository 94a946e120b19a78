/**
 * The audit trail: one event per upstream write, paid or not, whoever caused it (a mutation, a flow step). Events
 * are appended only — no API edits or deletes one; the store drops the oldest past its retention bounds.
 */

/** One upstream write and its outcome. */
export interface AuditEvent {
  /** Position in the trail (increasing); the cursor of `auditEvents`. */
  seq: number;
  /** ISO time the call finished. */
  time: string;
  /** `token:<id>`, `jwt:<subject>`, `anonymous` or `system`. */
  callerId: string;
  /** The token's name or the JWT's subject. */
  callerName: string;
  /** The account the request acted as (its `wix-account-id`). */
  tenantId: string | null;
  /** The account the Wix call was made as (its `wix-account-id` header). */
  accountId: string | null;
  /** The GraphQL operation name of the request, if it had one. */
  operationName: string | null;
  /** The mutation (root field) or flow that made the call. */
  mutation: string | null;
  /** The flow's operation ID, for calls made by a flow step. */
  operationId: string | null;
  idempotencyKey: string | null;
  /** The Wix endpoint, e.g. `Create Package V2`. */
  endpoint: string;
  /** HTTP method and path of the call, e.g. `POST /resellers/v2/packages`. */
  request: string;
  /** True for calls that can cost money. */
  paid: boolean;
  /** Wix's HTTP status; null when no answer came (timeout, network). */
  status: number | null;
  /** Wix's error code, when it refused. */
  wixCode: string | null;
  /** The gateway's error code when the call failed (`UPSTREAM_TIMEOUT`…); null on success. */
  errorCode: string | null;
  /** IDs of what the call created or changed (e.g. `package:…`), from Wix's answer. */
  createdIds: string[];
}

/** An event as recorded, before the store numbers it. */
export type NewAuditEvent = Omit<AuditEvent, 'seq'>;

/** Which events to read. */
export interface AuditFilter {
  since?: string | null;
  until?: string | null;
  /** Events whose tenant or call account is this one. */
  accountId?: string | null;
  /** Events of this caller id (`token:…`, `jwt:…`). */
  callerId?: string | null;
  paidOnly?: boolean | null;
}

/** Where the trail is kept (SQLite by default, sqlite-auth-store.ts; PostgreSQL later behind the same interface). */
export interface AuditStore {
  append(event: NewAuditEvent): Promise<void>;
  /** Newest first: up to `first` events older than the one numbered `before` (all when absent). */
  page(filter: AuditFilter, first: number, before?: number): Promise<{ events: AuditEvent[]; hasMore: boolean }>;
  /** Oldest first, from `since`: for the JSON lines export (read in chunks). */
  range(since: string | null, afterSeq: number, limit: number): Promise<AuditEvent[]>;
}
