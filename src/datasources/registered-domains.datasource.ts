import type DataLoader from 'dataloader';
import type { Page } from '../model/page.js';
import { RegisteredDomainStatus, type RegisteredDomain } from '../model/registered-domain.js';
import { AccountDomainList, detailLoader, nullWhen } from './domain-loaders.js';
import type { UpstreamHttp } from './http.js';
import {
  toCreateRegisteredDomainBody,
  toRegisteredDomain,
  type GetRegisteredDomainResponse,
  type ListRegisteredDomainsResponse,
  type RegistrationRequest,
  type WixRegisteredDomain,
} from './registered-domains.dto.js';

const LIST_PATH = '/domains/v1/registered-domains';
/** Get Registered Domain answers an unknown (or another account's) domain with 400 REGISTERED_DOMAIN_NOT_FOUND. */
const NOT_FOUND_CODES = ['REGISTERED_DOMAIN_NOT_FOUND', 'NOT_FOUND'] as const;

/**
 * Wix Registered Domains API (CONTRACT §6) for one request and one account. Wix has no filter and no batch form:
 * `all()` reads the account's whole list once per request (every page) and serves every `Site.registeredDomains` of
 * the request from it; `byDomain` fetches single domains (deduped, bounded) and is primed from every list answer.
 */
export class RegisteredDomainsDataSource {
  /** Get Registered Domain by name, deduped and bounded per request, primed from lists (null: not this account's). */
  readonly byDomain: DataLoader<string, RegisteredDomain | null>;
  private readonly list: AccountDomainList<ListRegisteredDomainsResponse, WixRegisteredDomain, RegisteredDomain>;

  constructor(
    private readonly http: UpstreamHttp,
    readonly accountId: string,
  ) {
    this.byDomain = detailLoader((domain) => nullWhen(this.get(domain), NOT_FOUND_CODES));
    this.list = new AccountDomainList(http, {
      path: LIST_PATH,
      operation: 'List Registered Domains',
      accountId,
      list: 'registeredDomains',
      itemsOf: (res) => res.registeredDomains,
      toItem: (raw) => toRegisteredDomain(raw, accountId),
      onItem: (rd) => this.byDomain.prime(rd.domain, rd),
    });
  }

  /** Every registered domain of the account — List Registered Domains, `GET /domains/v1/registered-domains`, all pages; one call chain per request. */
  all(): Promise<RegisteredDomain[]> {
    return this.list.all();
  }

  /** The registered domains assigned to a site, from {@link all}. */
  forSite(siteId: string): Promise<RegisteredDomain[]> {
    return this.list.forSite(siteId);
  }

  /** One page of List Registered Domains (newest first) over Wix's cursor. */
  page(args: { first: number; after?: string | null }): Promise<Page<RegisteredDomain>> {
    return this.list.page(args);
  }

  /**
   * Create Registered Domain — `POST /domains/v1/registered-domains`, with `wix-site-id` when the domain is to be
   * assigned to a site. Paid, and Wix takes no idempotency key for it, so the call is never repeated by the HTTP
   * layer: callers guard it with their own idempotency (and {@link reload} before creating). Returns Wix's answer
   * (PENDING_REGISTRATION) and primes this request's loader with it.
   */
  async create(req: RegistrationRequest): Promise<RegisteredDomain> {
    let res: GetRegisteredDomainResponse;
    try {
      res = await this.http.post<GetRegisteredDomainResponse>(LIST_PATH, {
        operation: 'Create Registered Domain',
        accountId: this.accountId,
        siteId: req.siteId ?? undefined,
        json: toCreateRegisteredDomainBody(req),
      });
    } finally {
      // Whatever the answer (a lost one may still have registered), nothing read before stands.
      this.forget(req.domain);
    }
    const rd = toRegisteredDomain(res.registeredDomain, this.accountId);
    this.byDomain.prime(rd.domain, rd);
    return rd;
  }

  /**
   * Registers unless already done: reads the domain afresh (Get Registered Domain) and returns it when the account
   * already holds it with the same product instance and it did not fail (a lost answer or an earlier attempt);
   * otherwise calls {@link create} (which also retries a FAILED_REGISTRATION, as Wix allows).
   */
  async ensureRegistered(req: RegistrationRequest): Promise<{ registeredDomain: RegisteredDomain; created: boolean }> {
    const existing = await this.reload(req.domain);
    if (
      existing?.productInstanceId === req.productInstanceId &&
      existing.status !== RegisteredDomainStatus.FAILED_REGISTRATION
    )
      return { registeredDomain: existing, created: false };
    return { registeredDomain: await this.create(req), created: true };
  }

  /** Get Registered Domain — `GET /domains/v1/registered-domains/{domain}` — read afresh, past this request's loader; null when the account has none. */
  reload(domain: string): Promise<RegisteredDomain | null> {
    this.byDomain.clear(domain);
    return this.byDomain.load(domain);
  }

  /** Forgets what this request read (after a write). */
  forget(domain?: string): void {
    if (domain) this.byDomain.clear(domain);
    else this.byDomain.clearAll();
    this.list.forget();
  }

  /** Get Registered Domain — `GET /domains/v1/registered-domains/{domain}`. */
  private async get(domain: string): Promise<RegisteredDomain> {
    const res = await this.http.get<GetRegisteredDomainResponse>(`${LIST_PATH}/${encodeURIComponent(domain)}`, {
      operation: 'Get Registered Domain',
      accountId: this.accountId,
    });
    return toRegisteredDomain(res.registeredDomain, this.accountId);
  }
}
