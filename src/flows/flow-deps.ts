import type { UpstreamSession } from '../upstream-services.js';
import type { FlowDefinition } from './flow.js';

/**
 * What a flow step works with: the operation's tenant, and a new upstream session per call (fresh data sources as
 * that tenant, so no loader returns what was read before the previous step wrote). Never a GraphQL request context.
 */
export interface FlowDeps {
  tenantId: string;
  session(): UpstreamSession;
}

export type Flow = FlowDefinition<FlowDeps>;
