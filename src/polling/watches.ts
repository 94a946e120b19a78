import { BudgetClass } from '../budget/call-budget.js';
import type { WixHttp } from '../datasources/http.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { ConnectedDomain } from '../model/connected-domain.js';
import { DnsPropagationStatus } from '../model/domain.js';
import { ProductInstanceStatus, type ProductInstance } from '../model/product-instance.js';
import { IcannConfirmationStatus, RegisteredDomainStatus, type RegisteredDomain } from '../model/registered-domain.js';
import { AccountScope } from '../account-scope.js';
import type { PollerRegistry, Watch, WatchSpec } from './pollers.js';

/**
 * The resources the gateway watches, as WatchSpecs for the shared PollerRegistry: what one poll reads, which fields
 * count as a change, and which states are final. Used by the subscriptions and by flows that wait on a status
 * (`waitFor`). Every poll builds a fresh AccountScope — fresh data sources with empty loaders and no shared cache —
 * so a poll always reaches Wix; the WixHttp below it still shares identical in-flight GETs of one tenant.
 *
 * Final states (the stream completes after pushing one):
 * - registered domain: FAILED_REGISTRATION or CANCELED; or ACTIVE once DNS propagation has settled (COMPLETED or
 *   FAILED) and ICANN confirmation is no longer PENDING — until then ICANN or DNS can still change on their own;
 * - connected domain: DNS propagation COMPLETED or FAILED;
 * - product instance: ENABLED, CANCELED or FAILED (delivery is over; a later cancel is the reseller's own write).
 */
export class ResourceWatches {
  constructor(
    readonly registry: PollerRegistry,
    private readonly http: WixHttp,
    private readonly mainAccountId: string,
  ) {}

  /** Get Registered Domain as `accountId` (already checked against the tenant by the caller). */
  registeredDomain(accountId: string, domain: string): WatchSpec<RegisteredDomain> {
    const name = domain.toLowerCase();
    return {
      tenantId: accountId,
      resource: `registeredDomain:${name}`,
      fetch: async () =>
        orNotFound(
          await this.fresh(accountId).registeredDomains.byDomain.load(name),
          `No registered domain ${name} in account ${accountId}`,
        ),
      project: (rd) => [
        rd.status,
        rd.icannConfirmationStatus,
        rd.dnsPropagationStatus,
        rd.failure?.code ?? null,
        rd.latestRegistrationAttempt?.number ?? null,
      ],
      isFinal: isFinalRegisteredDomain,
    };
  }

  /** Get Connected Domain as `accountId` (already checked against the tenant by the caller). */
  connectedDomain(accountId: string, domain: string): WatchSpec<ConnectedDomain> {
    const name = domain.toLowerCase();
    return {
      tenantId: accountId,
      resource: `connectedDomain:${name}`,
      fetch: async () =>
        orNotFound(
          await this.fresh(accountId).connectedDomains.byDomain.load(name),
          `No connected domain ${name} in account ${accountId}`,
        ),
      project: (cd) => cd.dnsPropagationStatus,
      isFinal: (cd) =>
        cd.dnsPropagationStatus === DnsPropagationStatus.COMPLETED ||
        cd.dnsPropagationStatus === DnsPropagationStatus.FAILED,
    };
  }

  /** A product instance as the tenant sees it (Query Packages `productInstances.instanceId $hasSome`). */
  productInstance(tenantId: string, instanceId: string): WatchSpec<ProductInstance> {
    const id = instanceId.toLowerCase();
    return {
      tenantId,
      resource: `productInstance:${id}`,
      fetch: async () =>
        orNotFound(
          await this.fresh(tenantId).resellers.instance(id),
          `No product instance ${id} visible to account ${tenantId}`,
        ),
      project: (i) => [i.status, i.failure?.code ?? null],
      isFinal: (i) => FINAL_INSTANCE.has(i.status),
    };
  }

  /** Listens to a resource (see PollerRegistry.watch). */
  watch<T>(spec: WatchSpec<T>): Watch<T> {
    return this.registry.watch(spec);
  }

  /** Waits for a state (see PollerRegistry.waitFor). */
  waitFor<T>(spec: WatchSpec<T>, predicate: (value: T) => boolean, signal?: AbortSignal): Promise<T> {
    return this.registry.waitFor(spec, predicate, signal);
  }

  /**
   * Fresh data sources as `accountId`, whose calls are polls: the last class of the rate budget, waiting while callers
   * and flows are served.
   */
  private fresh(accountId: string): AccountScope {
    const polls = this.http.bound({ budget: { class: BudgetClass.POLL, tenantId: accountId } });
    return new AccountScope(accountId, this.mainAccountId, polls);
  }
}

const FINAL_INSTANCE: ReadonlySet<ProductInstanceStatus> = new Set([
  ProductInstanceStatus.ENABLED,
  ProductInstanceStatus.CANCELED,
  ProductInstanceStatus.FAILED,
]);

/** See {@link ResourceWatches}: nothing about the domain can still change on its own. */
export function isFinalRegisteredDomain(rd: RegisteredDomain): boolean {
  if (rd.status === RegisteredDomainStatus.FAILED_REGISTRATION || rd.status === RegisteredDomainStatus.CANCELED)
    return true;
  if (rd.status !== RegisteredDomainStatus.ACTIVE) return false;
  const dnsSettled =
    rd.dnsPropagationStatus === DnsPropagationStatus.COMPLETED ||
    rd.dnsPropagationStatus === DnsPropagationStatus.FAILED;
  return dnsSettled && rd.icannConfirmationStatus !== IcannConfirmationStatus.PENDING;
}

/** A vanished resource ends the stream with NOT_FOUND (not transient: polling on would not bring it back). */
function orNotFound<T>(value: T | null, message: string): T {
  if (value === null || value === undefined) throw new GatewayError(ErrorCode.NOT_FOUND, message);
  return value;
}
