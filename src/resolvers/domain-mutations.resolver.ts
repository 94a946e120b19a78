import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { domainGlobalId, wixIdOf } from './ids.js';
import type { ConnectRequest } from '../datasources/connected-domains.dto.js';
import type { DnsRecordChange } from '../datasources/domain-dns.dto.js';
import type { RegistrationContact, RegistrationRequest } from '../datasources/registered-domains.dto.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { DomainContactInput, DomainContactsInput } from '../schema/domain-contact.input.js';
import {
  CreateConnectedDomainInput,
  DeleteConnectedDomainInput,
  RegisterDomainInput,
  UpdateDnsZoneInput,
  type DnsRecordInput,
} from '../schema/domain-mutations.input.js';
import {
  CreateConnectedDomainPayload,
  DeleteConnectedDomainPayload,
  RegisterDomainPayload,
  UpdateDnsZonePayload,
} from '../schema/domain-mutations.payload.js';
import { CONNECTED_DOMAIN_ERRORS, DNS_ZONE_ERRORS, REGISTERED_DOMAIN_ERRORS } from '../user-errors/domains.js';
import { accountScopeOf } from './account-input.js';
import { runMutation } from './mutation-runner.js';

/**
 * One mutation per domain and DNS write of Wix (CONTRACT §6.2, §7.2, §7.5, §8.3). Inputs are validated before any
 * call; the account is the tenant or `input.accountId` (tenancy-checked: FORBIDDEN otherwise); Wix's refusals are
 * user errors. Idempotency: `registerDomain` (paid) and `deleteConnectedDomain` (irreversible) require a key, the
 * other two take one optionally. None of these Wix calls carries an idempotency key upstream, so none is repeated by
 * the HTTP layer; `registerDomain` also reads the domain first and does not register what the account already holds.
 */
@Resolver()
export class DomainMutationsResolver {
  @RequiresScope('purchase')
  @Mutation(() => RegisterDomainPayload, {
    description:
      'Buys a domain through Wix (Create Registered Domain) with a product instance covering its TLD, optionally for a Premium site. Paid: requires an idempotencyKey. Registration is asynchronous (up to 48 hours): the domain starts PENDING_REGISTRATION.',
  })
  async registerDomain(
    @Arg('input', () => RegisterDomainInput, {
      description: 'The domain, the product instance paying for it, the site and the contacts.',
    })
    input: RegisterDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegisterDomainPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const req: RegistrationRequest = {
      domain: input.domain.toLowerCase(),
      productInstanceId: wixIdOf(input.productInstanceId, 'ProductInstance', 'input.productInstanceId'),
      siteId: input.siteId ? wixIdOf(input.siteId, 'Site', 'input.siteId') : null,
      contacts: toContacts(input.contacts),
    };
    return runMutation(ctx, {
      mutation: 'registerDomain',
      key: input.idempotencyKey,
      input: { accountId: scope.accountId, ...req },
      errors: REGISTERED_DOMAIN_ERRORS,
      write: async () => {
        await scope.registeredDomains.ensureRegistered(req);
        scope.domainDns.forget(req.domain);
        return { domain: req.domain };
      },
      present: async (done) => ({
        registeredDomain: await scope.registeredDomains.byDomain.load(done.domain),
        userErrors: [],
      }),
      empty: (): RegisterDomainPayload => ({ registeredDomain: null, userErrors: [] }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => CreateConnectedDomainPayload, {
    description:
      'Connects an external domain to Wix (Create Connected Domain): a root domain by NAMESERVERS or POINTING, a subdomain without a connection type. Its `setupInfo` lists what the owner must set; the `connectDomain` flow also waits for propagation.',
  })
  async createConnectedDomain(
    @Arg('input', () => CreateConnectedDomainInput, { description: 'The domain, how to connect it, and the site.' })
    input: CreateConnectedDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CreateConnectedDomainPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const req: ConnectRequest = {
      domain: input.domain.toLowerCase(),
      connectionType: input.connectionType ?? null,
      siteId: input.siteId ? wixIdOf(input.siteId, 'Site', 'input.siteId') : null,
      assignmentType: input.assignmentType,
      suppressNotifications: input.suppressNotifications,
    };
    return runMutation(ctx, {
      mutation: 'createConnectedDomain',
      key: input.idempotencyKey,
      input: { accountId: scope.accountId, ...req },
      errors: CONNECTED_DOMAIN_ERRORS,
      write: async () => {
        await scope.connectedDomains.create(req);
        scope.domainDns.forget(req.domain);
        return { domain: req.domain };
      },
      present: async (done) => ({
        connectedDomain: await scope.connectedDomains.byDomain.load(done.domain),
        userErrors: [],
      }),
      empty: (): CreateConnectedDomainPayload => ({ connectedDomain: null, userErrors: [] }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => DeleteConnectedDomainPayload, {
    description:
      "Disconnects an external domain (Delete Connected Domain): Wix removes its DNS records; a primary domain's site falls back to its free URL. Irreversible: requires an idempotencyKey.",
  })
  async deleteConnectedDomain(
    @Arg('input', () => DeleteConnectedDomainInput, { description: 'The connected domain to delete.' })
    input: DeleteConnectedDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DeleteConnectedDomainPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const domain = input.domain.toLowerCase();
    return runMutation(ctx, {
      mutation: 'deleteConnectedDomain',
      key: input.idempotencyKey,
      input: { accountId: scope.accountId, domain },
      errors: CONNECTED_DOMAIN_ERRORS,
      write: async () => {
        // Read first: the payload names the site it was connected to, and an unknown domain is refused without a delete.
        const before = await scope.connectedDomains.byDomain.load(domain);
        if (!before)
          throw new GatewayError(ErrorCode.NOT_FOUND, `No connected domain ${domain}`, { wixCode: 'NOT_FOUND' });
        await scope.connectedDomains.delete(domain);
        scope.domainDns.forget(domain);
        return { domain: before.domain, siteWixId: before.siteWixId ?? null };
      },
      present: async (done) => ({
        deletedConnectedDomainId: domainGlobalId('ConnectedDomain', scope.accountId, done.domain),
        domain: done.domain,
        site: done.siteWixId ? await scope.sites.byId.load(done.siteWixId) : null,
        userErrors: [],
      }),
      empty: (): DeleteConnectedDomainPayload => ({
        deletedConnectedDomainId: null,
        domain: null,
        site: null,
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => UpdateDnsZonePayload, {
    description:
      'Edits the DNS zone Wix hosts for a domain registered through Wix or connected by NAMESERVERS (Update DNS Zone): deletions first, then additions, and DNSSEC on or off. Not for POINTING connections (DOMAIN_NOT_PERMITTED).',
  })
  async updateDnsZone(
    @Arg('input', () => UpdateDnsZoneInput, { description: 'The zone and its changes.' }) input: UpdateDnsZoneInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<UpdateDnsZonePayload> {
    if (!input.additions?.length && !input.deletions?.length && typeof input.dnssecEnabled !== 'boolean')
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'Invalid input: nothing to change', {
        fields: [{ field: 'additions', message: 'give additions, deletions or dnssecEnabled' }],
      });
    const scope = await accountScopeOf(ctx, input.accountId);
    const domain = input.domain.toLowerCase();
    const change = {
      additions: (input.additions ?? []).map(toRecord),
      deletions: (input.deletions ?? []).map(toRecord),
      dnssecEnabled: input.dnssecEnabled ?? null,
    };
    return runMutation(ctx, {
      mutation: 'updateDnsZone',
      key: input.idempotencyKey,
      input: { accountId: scope.accountId, domain, ...change },
      errors: DNS_ZONE_ERRORS,
      write: async () => {
        await scope.domainDns.update(domain, change);
        return { domain };
      },
      present: async (done) => ({ dnsZone: await scope.domainDns.zone.load(done.domain), userErrors: [] }),
      empty: (): UpdateDnsZonePayload => ({ dnsZone: null, userErrors: [] }),
    });
  }
}

function toContact(c: DomainContactInput): RegistrationContact {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    address: c.address,
    city: c.city,
    countryCode: c.countryCode.toUpperCase(),
    phone: c.phone,
    subdivisionCode: c.subdivisionCode ?? null,
    postalCode: c.postalCode ?? null,
    company: c.company ?? null,
  };
}

function toContacts(contacts: DomainContactsInput): RegistrationRequest['contacts'] {
  return {
    registrant: toContact(contacts.registrant),
    admin: contacts.admin ? toContact(contacts.admin) : null,
    tech: contacts.tech ? toContact(contacts.tech) : null,
  };
}

function toRecord(r: DnsRecordInput): DnsRecordChange {
  return { type: r.type, hostName: r.hostName.toLowerCase(), ttl: r.ttl, values: [...r.values] };
}
