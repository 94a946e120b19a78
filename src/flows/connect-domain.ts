import type { UpstreamSession } from '../upstream-services.js';
import type { DnsRecordChange } from '../datasources/domain-dns.dto.js';
import type { ConnectedDomain } from '../model/connected-domain.js';
import { DnsPropagationStatus } from '../model/domain.js';
import { CONNECTED_DOMAIN_ERRORS, DNS_ZONE_ERRORS } from '../user-errors/domains.js';
import { domainInput, findSite, premiumPlanStep, waitForPlanStep, type DomainFlowInput } from './domain-steps.js';
import type { RecordToSet } from './operation.js';
import type { Flow } from './flow-deps.js';
import { flowError, sessionOf, inputOf, wix, type Ctx, type Step } from './steps.js';

/**
 * connectDomain (Wix's sample flows "Connect an external domain using name servers / by pointing / a subdomain"):
 * optional Premium plan for a free site → Create Connected Domain (NAMESERVERS, POINTING, or no type for a subdomain)
 * → read the setup info and put the records the owner must set on the operation (NS values; A + www CNAME; CNAMEs)
 * → NAMESERVERS only: set the A/CNAME records the input asks for in the Wix DNS zone → poll until DNS propagation is
 * COMPLETED.
 */
export interface ConnectDomainFlowInput extends DomainFlowInput {
  method: 'NAMESERVERS' | 'POINTING' | 'SUBDOMAIN';
  dnsRecords: DnsRecordChange[];
}

const input = (ctx: Ctx) => inputOf<ConnectDomainFlowInput>(ctx);

/** The account's connection of the domain, read afresh; null when it has none. */
async function connectionOf(session: UpstreamSession, ctx: Ctx): Promise<ConnectedDomain | null> {
  const { accountId, domain } = input(ctx);
  return (await session.scope(accountId)).connectedDomains.byDomain.load(domain);
}

const createConnection: Step = {
  name: 'createConnectedDomain',
  description:
    'Connect the domain to the site (Wix Create Connected Domain), unless it is already connected the same way.',
  paid: false,
  async check(ctx) {
    const cd = await connectionOf(sessionOf(ctx), ctx);
    const { siteId, method } = input(ctx);
    // Connected otherwise (another site or method): Wix answers DOMAINS_ALREADY_EXISTS when the step acts.
    return cd?.siteWixId === siteId && String(cd.connectionType) === method
      ? `${cd.domain} is already connected to site ${siteId} (${method}).`
      : null;
  },
  async act(ctx) {
    const { accountId, domain, siteId, method } = input(ctx);
    const scope = await sessionOf(ctx).scope(accountId);
    const cd = await wix(
      () =>
        scope.connectedDomains.create({
          domain,
          siteId,
          connectionType: method === 'SUBDOMAIN' ? null : method,
          assignmentType: 'PRIMARY',
        }),
      'input.domain',
      CONNECTED_DOMAIN_ERRORS,
    );
    return `Connected ${cd.domain} to site ${siteId} (${method}); DNS propagation ${cd.dnsPropagationStatus}.`;
  },
};

/** Reads the setup info and puts the records the owner must set on the operation; null when not connected yet. */
async function readRecords(ctx: Ctx): Promise<string | null> {
  const session = sessionOf(ctx);
  if (!(await connectionOf(session, ctx))) return null;
  const { accountId, domain } = input(ctx);
  const info = await (await session.scope(accountId)).connectedDomains.setupInfo.load(domain);
  if (!info) return null;
  const records: RecordToSet[] = info.records.map((r) => ({
    type: r.type as RecordToSet['type'],
    hostName: r.hostName,
    values: [...r.values],
    ttl: r.ttl,
  }));
  ctx.addRecordsToSet(records);
  return `The owner must set: ${records.map((r) => `${r.type} ${r.hostName} → ${r.values.join(', ')}`).join('; ')}.`;
}

const setupRecords: Step = {
  name: 'readSetupInfo',
  description:
    'Read the DNS records the owner must set at the registrar or DNS host (Wix Get Connected Domain Setup Info).',
  paid: false,
  // A read that hands the records over: it always runs (DONE), never "in place".
  check: async () => null,
  async act(ctx) {
    const detail = await readRecords(ctx);
    if (!detail) throw flowError('NOT_FOUND', `Wix has no setup info for ${input(ctx).domain}.`, 'input.domain');
    return detail;
  },
};

const sameValues = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

const updateZone: Step = {
  name: 'updateDnsZone',
  description:
    "Set the requested A/CNAME records in the domain's Wix DNS zone (Wix Update DNS Zone; NAMESERVERS only).",
  paid: false,
  applies: (ctx) => input(ctx).method === 'NAMESERVERS' && input(ctx).dnsRecords.length > 0,
  async check(ctx) {
    const { accountId, domain, dnsRecords } = input(ctx);
    const zone = await (await sessionOf(ctx).scope(accountId)).domainDns.zone.load(domain);
    if (!zone) return null;
    const has = (want: DnsRecordChange) =>
      zone.records.some(
        (r) =>
          r.type === want.type &&
          r.hostName.toLowerCase() === want.hostName.toLowerCase() &&
          sameValues(r.values, want.values),
      );
    return dnsRecords.every(has) ? `The Wix DNS zone of ${domain} already has the requested records.` : null;
  },
  async act(ctx) {
    const { accountId, domain, dnsRecords } = input(ctx);
    const scope = await sessionOf(ctx).scope(accountId);
    const zone = await scope.domainDns.zone.load(domain);
    // One record per (type, host name): replacing values means deleting the record and adding the new one at once.
    const deletions = (zone?.records ?? [])
      .filter((r) => dnsRecords.some((w) => w.type === r.type && w.hostName.toLowerCase() === r.hostName.toLowerCase()))
      .map((r) => ({ type: String(r.type), hostName: r.hostName, ttl: r.ttl, values: [...r.values] }));
    await wix(
      () => scope.domainDns.update(domain, { deletions, additions: dnsRecords }),
      'input.dnsRecords',
      DNS_ZONE_ERRORS,
    );
    return `Set ${dnsRecords.map((r) => `${r.type} ${r.hostName}`).join(', ')} in the Wix DNS zone of ${domain}.`;
  },
};

const waitForPropagation: Step = {
  name: 'waitForPropagation',
  description: 'Poll the connected domain until DNS propagation is COMPLETED (Wix Get Connected Domain).',
  paid: false,
  async check(ctx) {
    const cd = await connectionOf(sessionOf(ctx), ctx);
    if (cd) failIfFailed(cd);
    return cd?.dnsPropagationStatus === DnsPropagationStatus.COMPLETED
      ? `DNS propagation of ${cd.domain} is COMPLETED.`
      : null;
  },
  async act(ctx) {
    const { accountId, domain } = input(ctx);
    await ctx.waiting(
      `Waiting for DNS propagation of ${domain} (the owner sets the records listed on the operation; can take up to 48 hours).`,
    );
    const session = sessionOf(ctx);
    const cd = await session.watches.waitFor(
      session.watches.connectedDomain(accountId, domain),
      (d) => d.dnsPropagationStatus === DnsPropagationStatus.COMPLETED,
      ctx.signal,
    );
    failIfFailed(cd);
    return `DNS propagation of ${cd.domain} is COMPLETED.`;
  },
};

function failIfFailed(cd: ConnectedDomain): void {
  if (cd.dnsPropagationStatus === DnsPropagationStatus.FAILED)
    throw flowError(
      'DNS_PROPAGATION_FAILED',
      `DNS propagation of ${cd.domain} FAILED; check the records set at the registrar.`,
      'input.domain',
    );
}

const planGiven = (ctx: Ctx) => domainInput(ctx).planOrder !== null;

/** The connectDomain flow (see the module comment). */
export const connectDomainFlow: Flow = {
  kind: 'CONNECT_DOMAIN',
  steps: [
    findSite,
    premiumPlanStep(
      'Give the free site the requested Premium plan (Wix Create Package V2); skipped when the site has one.',
      planGiven,
    ),
    waitForPlanStep(planGiven),
    createConnection,
    setupRecords,
    updateZone,
    waitForPropagation,
  ],
  result: (op) => {
    const i = op.input as unknown as ConnectDomainFlowInput;
    return {
      domain: i.domain,
      siteWixId: i.siteId,
      accountId: i.accountId,
      planPackageWixId: (op.state.planPackage as { packageId?: string } | undefined)?.packageId ?? null,
    };
  },
};
