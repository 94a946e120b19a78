import type { FlowOperations } from './flows/operation-services.js';
import type { UpstreamServices, UpstreamSession } from './upstream-services.js';

/**
 * What every resolver gets: the request's upstream session (its tenant, tenancy rules and fresh data sources per
 * account) and the narrow operations interface (submit, plan, get, cancel, subscribe, the mutation ledger).
 */
export interface GatewayContext extends UpstreamSession {
  /** Flow operations and the single mutations' idempotency ledger. */
  operations: FlowOperations;
}

/** What createContext builds a request's context from: the gateway's shared services and the requested account. */
export interface ContextInput {
  upstream: UpstreamServices;
  operations: FlowOperations;
  /** The `wix-account-id` header of the request, if any. */
  requestedAccountId?: string;
}

/**
 * Builds the per-request context: a new upstream session (fresh data sources and loaders, so nothing leaks between
 * requests) after validating the requested tenant (FORBIDDEN before any other upstream call).
 */
export async function createContext(input: ContextInput): Promise<GatewayContext> {
  const session = await input.upstream.sessionFor(input.requestedAccountId);
  return { ...session, operations: input.operations };
}
