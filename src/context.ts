import type { Ambient } from './ambient.js';
import type { AuditStore } from './auth/audit-store.js';
import type { Caller } from './auth/caller.js';
import type { FlowOperations } from './flows/operation-services.js';
import type { UpstreamServices, UpstreamSession } from './upstream-services.js';

/**
 * What every resolver gets: the request's upstream session (its tenant, tenancy rules and fresh data sources per
 * account, bounded by the caller's account grants), the narrow operations interface (submit, plan, get, cancel,
 * subscribe, the mutation ledger), who is calling, and the audit trail.
 */
export interface GatewayContext extends UpstreamSession {
  /** Flow operations and the single mutations' idempotency ledger. */
  operations: FlowOperations;
  /** Who sent the request (access control: src/auth). */
  caller: Caller;
  /** The audit trail (read by `auditEvents`). */
  audit: AuditStore;
}

/** What createContext builds a request's context from: the gateway's shared services, the caller and its account. */
export interface ContextInput {
  upstream: UpstreamServices;
  operations: FlowOperations;
  /** The `wix-account-id` header of the request, if any. */
  requestedAccountId?: string;
  /** Who sent the request; its grants bound the accounts the context reaches (src/auth). */
  caller: Caller;
  /** The audit trail. */
  audit: AuditStore;
  /** What the request's upstream calls carry: its call context, request scope and budget (src/ambient.ts). */
  ambient?: Ambient;
}

/**
 * Builds the per-request context: a new upstream session (fresh data sources and loaders, so nothing leaks between
 * requests) after validating the requested tenant against the tree and the caller's grants (before any other
 * upstream call).
 */
export async function createContext(input: ContextInput): Promise<GatewayContext> {
  const session = await input.upstream.sessionFor(input.requestedAccountId, input.caller.accounts, input.ambient);
  return { ...session, operations: input.operations, caller: input.caller, audit: input.audit };
}
