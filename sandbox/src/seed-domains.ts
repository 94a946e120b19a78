import { domainProductId } from './catalog.js';
import type { ConnectedDomain, DnsRecord, DnsZone, RegisteredDomain } from './types.js';
import type { World } from './world.js';

const SEED_EPOCH = Date.parse('2025-02-03T10:00:00.000Z');
const DAY = 86_400_000;

/** Wix's DNS and pointing values as observed live (CONTRACT §7.6). */
export const WIX_NAMESERVERS = ['ns12.wixdns.net', 'ns13.wixdns.net'];
export const WIX_A_RECORD = '185.230.63.107';
export const WIX_POINTING_CNAME = 'pointing.wixdns.net';

interface SeedAccounts {
  main: string;
  subs: string[];
  mainSites: string[];
  subSites: string[][];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The zone Wix creates for a domain it hosts: NS + SOA, the site's A record and the www CNAME. */
export function defaultZone(domain: string): DnsZone {
  const records: DnsRecord[] = [
    { type: 'NS', hostName: domain, ttl: 86400, values: [...WIX_NAMESERVERS] },
    {
      type: 'SOA',
      hostName: domain,
      ttl: 3600,
      values: [`${WIX_NAMESERVERS[0]}. hostmaster.wixdns.net. 1 10800 3600 604800 3600`],
    },
    { type: 'A', hostName: domain, ttl: 3600, values: [WIX_A_RECORD] },
    { type: 'CNAME', hostName: `www.${domain}`, ttl: 3600, values: [`cdn1.wixdns.net`] },
  ];
  return { id: domain, domainName: domain, records, dnssecEnabled: false };
}

/** Seeds registered domains (every status), connected domains (every connection type and propagation state) and zones. */
export function seedDomains(world: World, a: SeedAccounts): void {
  const external: Array<[string, string, string[]]> = [
    ['example.com', 'OTHER', ['a.iana-servers.net', 'b.iana-servers.net']],
    ['mydomain.com', 'GO_DADDY', ['ns01.domaincontrol.com', 'ns02.domaincontrol.com']],
    ['nordicyoga.net', 'NAMECHEAP', ['dns1.registrar-servers.com', 'dns2.registrar-servers.com']],
    ['casaverde.org', 'GO_DADDY', ['ns01.domaincontrol.com', 'ns02.domaincontrol.com']],
    ['urbanstudio.io', 'OTHER', ['ns1.ihsdnsx28.com', 'ns2.ihsdnsx28.com']],
    ['goldengarden.info', 'GO_DADDY', ['ns51.domaincontrol.com', 'ns52.domaincontrol.com']],
    ['quietbistro.net', 'OTHER', ['ns1.example-dns.net', 'ns2.example-dns.net']],
    ['c-suite.com.tr', 'OTHER', ['ns1.ihsdnsx28.com', 'ns2.ihsdnsx28.com']],
    ['partner-owned.com', 'NAMECHEAP', ['dns1.registrar-servers.com', 'dns2.registrar-servers.com']],
    // The contract's test-vector domains (TV10/TV11): external, so they can be connected and not bought.
    ['mysite.com', 'GO_DADDY', []],
    ['mybusiness.com', 'GoDaddy', ['ns01.domaincontrol.com', 'ns02.domaincontrol.com']],
  ];
  for (const [domain, registrar, nameServers] of external)
    world.externalDomains.set(domain, { registrar, nameServers });

  const [sub1, sub2, sub3] = a.subs as [string, string, string];
  const s1 = a.subSites[0] as string[];
  const s2 = a.subSites[1] as string[];
  const s3 = a.subSites[2] as string[];
  const instanceOf = (accountId: string, tld: string) =>
    [...world.packages.values()]
      .filter((p) => p.accountId === accountId)
      .flatMap((p) => p.productInstances)
      .find((i) => i.catalogProductId === domainProductId(tld))?.instanceId ?? '';

  addRegistered(world, sub1, 'bluebakery.com', instanceOf(sub1, 'com'), s1[0], 'ACTIVE', 0);
  addRegistered(world, sub2, 'nordicyoga-shop.net', instanceOf(sub2, 'net'), s2[0], 'ACTIVE', 2);
  addRegistered(world, sub3, 'casaverde.co', instanceOf(sub3, 'co'), s3[0], 'FAILED_REGISTRATION', 4);
  addRegistered(world, a.main, 'pixelco-agency.com', instanceOf(a.main, 'com'), a.mainSites[0], 'ACTIVE', 6);

  addConnected(world, sub2, 'nordicyoga.net', 'NAMESERVERS', s2[1] as string, 'COMPLETED', 1);
  addConnected(world, sub3, 'casaverde.org', 'POINTING', s3[1] as string, 'IN_PROGRESS', 3);
  addConnected(world, a.main, 'urbanstudio.io', 'POINTING', a.mainSites[1] as string, 'COMPLETED', 5);
  addConnected(world, a.main, 'goldengarden.info', 'NAMESERVERS', a.mainSites[3] as string, 'IN_PROGRESS', 7);
  addConnected(
    world,
    a.main,
    'shop.quietbistro.net',
    'UNKNOWN_CONNECTION_TYPE',
    a.mainSites[5] as string,
    'UNKNOWN_DNS_PROPAGATION_STATUS',
    8,
  );
}

function addRegistered(
  world: World,
  accountId: string,
  domain: string,
  productInstanceId: string,
  siteId: string | undefined,
  status: RegisteredDomain['status'],
  day: number,
): void {
  const created = SEED_EPOCH + day * DAY;
  const registrant = {
    firstName: 'Alex',
    lastName: 'Morgan',
    email: `owner@${domain}`,
    address: '1 Main Street',
    city: 'Springfield',
    postalCode: '12345',
    countryCode: 'US',
    subdivisionCode: 'US-IL',
    phone: '+15551234567',
  };
  const rd: RegisteredDomain = {
    id: domain,
    domain,
    productInstanceId,
    createdDate: iso(created),
    updatedDate: iso(created + DAY),
    revision: status === 'ACTIVE' ? '3' : '2',
    ...(siteId ? { siteInfo: { id: siteId, assignmentType: 'PRIMARY' as const } } : {}),
    contacts: { registrant },
    status,
    ...(status === 'FAILED_REGISTRATION'
      ? { failedRegistrationInfo: { code: 'OTHER' as const, message: 'The registrar rejected the registrant contact' } }
      : { pendingRegistrationInfo: { latestAttempt: { number: 1, timestamp: iso(created + 1000) } } }),
    icannConfirmationStatus: status === 'ACTIVE' ? 'CONFIRMED_BY_ALL' : 'UNKNOWN_ICANN_CONFIRMATION_STATUS',
    icannConfirmationStatusInfo: null,
    dnsPropagationStatus: status === 'ACTIVE' ? 'COMPLETED' : 'UNKNOWN_DNS_PROPAGATION_STATUS',
    ...(status === 'ACTIVE' ? { expirationDate: iso(created + 365 * DAY) } : {}),
  };
  world.registeredDomains.set(domain, rd);
  world.registeredOwner.set(domain, accountId);
  if (status === 'ACTIVE') {
    world.dnsZones.set(domain, defaultZone(domain));
    const site = siteId ? world.sites.get(siteId) : undefined;
    if (site) site.domainConnected = true;
  }
}

function addConnected(
  world: World,
  accountId: string,
  domain: string,
  connectionType: ConnectedDomain['connectionType'],
  siteId: string,
  status: ConnectedDomain['dnsPropagationStatus'],
  day: number,
): void {
  const created = SEED_EPOCH + day * DAY;
  world.connectedDomains.set(domain, {
    id: domain,
    domain,
    connectionType,
    siteInfo: { id: siteId, assignmentType: 'PRIMARY' },
    suppressNotifications: false,
    dnsPropagationStatus: status,
    createdDate: iso(created),
    updatedDate: iso(created + DAY),
  });
  world.connectedOwner.set(domain, accountId);
  if (connectionType === 'NAMESERVERS') world.dnsZones.set(domain, defaultZone(domain));
  const site = world.sites.get(siteId);
  if (site && status === 'COMPLETED') site.domainConnected = true;
}
