import type { CallContext } from './auth/call-context.js';
import type { BudgetContext } from './budget/call-budget.js';
import type { RequestScope } from './observability/request-scope.js';

/**
 * What a request, flow run or poll carries down to the upstream calls it makes: who the calls are for (the audit
 * trail, src/auth/call-context.ts), the request's ID and counters (src/observability/request-scope.ts) and its
 * rate-budget class (src/budget/call-budget.ts).
 *
 * It travels explicitly: a session's data sources are built over `WixHttp.bound(ambient)`, which hands it to every
 * call (src/upstream-services.ts). It used to travel in an AsyncLocalStorage, but while any store is in use Node runs
 * a hook on every promise the process makes: about 15 % of the dashboard's CPU at one connection, and a tenth of the
 * memory a `site(id:)` request allocates (docs/performance.md).
 */
export interface Ambient {
  /** Who the calls are for; absent for work of no caller (start-up and readiness checks, polls). */
  readonly call?: CallContext;
  /** The request (or flow run) the calls belong to: its ID goes upstream as `x-request-id`. */
  readonly scope?: RequestScope;
  /** The rate-budget class and tenant of the calls, and where they are counted. */
  readonly budget?: BudgetContext;
}

/** No caller, no request, no budget class (the calls default to the flow class). */
export const NO_AMBIENT: Ambient = Object.freeze({});
