import { PRODUCT, buildCatalog, domainProductId } from './catalog.js';
import type { ClockMode } from './clock.js';
import { refreshPremium } from './lifecycle.js';
import { scheduleSeededTransitions } from './seed-clock.js';
import { seedDomains } from './seed-domains.js';
import { seedFolders } from './routes/site-folders.js';
import type { Account, BillingInfo, InstanceStatus, Package, ProductInstance, Site } from './types.js';
import { World } from './world.js';

/** Seeded data is dated before the manual clock's epoch, at fixed times, so the same seed gives the same world. */
const SEED_EPOCH = Date.parse('2025-01-06T09:00:00.000Z');
const DAY = 86_400_000;
const YEAR1: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } };
const MONTH1: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'MONTH', count: 1 } };

const ADJECTIVES = [
  'blue',
  'sunny',
  'urban',
  'golden',
  'quiet',
  'bright',
  'wild',
  'little',
  'happy',
  'north',
  'coastal',
  'modern',
];
const NOUNS = [
  'bakery',
  'studio',
  'yoga',
  'garden',
  'bistro',
  'gallery',
  'travel',
  'fitness',
  'books',
  'coffee',
  'design',
  'pottery',
];
const EDITORS = ['EDITOR', 'EDITOR', 'EDITORX', 'STUDIO', 'ADI'] as const;

export interface SeedSummary {
  /** The world's identity (new at every start and reset; also the `x-sandbox-world-id` header of every answer). */
  worldId: string;
  apiKey: string;
  mainAccountId: string;
  subAccountIds: string[];
  siteIds: string[];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Creates the deterministic world for `seed`: same seed, same accounts, sites, packages, domains and zones. */
export function seedWorld(seed: number, clockMode: ClockMode): World {
  const world = new World(seed, clockMode);
  const rng = world.rng;
  for (const [id, product] of buildCatalog()) world.catalog.set(id, product);

  const main = addAccount(world, 'Pixel & Co Agency', undefined, 0);
  world.mainAccountId = main;
  world.mainApiKey = `IST.sandbox.${rng.uuid().replaceAll('-', '')}`;
  world.apiKeys.set(world.mainApiKey, main);
  const subs = ['Blue Bakery', 'Nordic Yoga', 'Casa Verde'].map((name, i) => addAccount(world, name, main, i + 1));
  // An unrelated Wix account with its own key: the target of refused transfers and cross-tenant tests.
  const foreign = addAccount(world, 'Unrelated Studio', undefined, 9);
  world.apiKeys.set(`IST.sandbox.${rng.uuid().replaceAll('-', '')}`, foreign);

  let counter = 0;
  const mainSites = Array.from({ length: 16 }, () => addSite(world, main, counter++));
  const subSites = subs.map((sub) => Array.from({ length: 8 }, () => addSite(world, sub, counter++)));
  Array.from({ length: 3 }, () => addSite(world, foreign, counter++));

  // Packages on the main account: instances in every status, floating ones, a reference chain.
  const [m0, m1, m2, m3, m4, m5] = mainSites as [string, string, string, string, string, string];
  const plan0 = addPackage(world, main, 0, 'agency-0001', [
    [PRODUCT.premiumBusiness, m0, 'ENABLED', YEAR1],
    [PRODUCT.ascend, m0, 'CANCELED', MONTH1],
    [PRODUCT.googleWorkspace, undefined, 'FAILED', MONTH1],
  ]);
  addPackage(world, main, 3, 'agency-0002', [
    [PRODUCT.premiumCore, m1, 'ENABLED', YEAR1],
    [PRODUCT.siteBooster, m1, 'ENABLED', { type: 'ONE_TIME' }],
  ]);
  addPackage(world, main, 6, 'agency-0003', [[PRODUCT.premiumLight, m2, 'AWAITING_ACTION', MONTH1]]);
  addPackage(world, main, 9, 'agency-0004', [[PRODUCT.premiumBusinessElite, m3, 'ENABLED', YEAR1]]);
  addPackage(world, main, 12, 'agency-0005', [[PRODUCT.premiumBusiness, undefined, 'ENABLED', YEAR1]]);
  addPackage(world, main, 15, 'agency-0006', [
    [PRODUCT.premiumCore, m4, 'PENDING', YEAR1],
    [domainProductId('com') as string, undefined, 'ENABLED', YEAR1],
  ]);
  addPackage(world, main, 18, undefined, [[PRODUCT.premiumLight, m5, 'ENABLED', MONTH1]]);
  // The Business plan of site m0 entitled a free .com domain: a reference instance already used once.
  const ref = plan0.productInstances[0] as ProductInstance;
  const refPkg = addPackage(world, main, 21, 'agency-0007', [[domainProductId('com') as string, m0, 'ENABLED', YEAR1]]);
  (refPkg.productInstances[0] as ProductInstance).referenceProductInstanceId = ref.instanceId;
  world.usedReferences.add(ref.instanceId);

  // Each customer sub-account: a Premium plan on its first two sites, a domain product on the first.
  subs.forEach((sub, i) => {
    const sites = subSites[i] as string[];
    const tld = ['com', 'net', 'co'][i] as string;
    addPackage(world, sub, 30 + i * 5, `customer-${i + 1}-plan`, [
      [PRODUCT.premiumBusiness, sites[0], 'ENABLED', YEAR1],
      [domainProductId(tld) as string, sites[0], 'ENABLED', YEAR1],
    ]);
    addPackage(world, sub, 32 + i * 5, `customer-${i + 1}-second`, [
      [PRODUCT.premiumCore, sites[1], i === 0 ? 'PENDING' : 'ENABLED', MONTH1],
    ]);
  });
  for (const site of world.sites.values()) refreshPremium(world, site.id);
  seedDomains(world, { main, subs, mainSites, subSites });
  seedFolders(world);
  // Unused floating domain instances on the main account for registration flows and their error codes (added last
  // so that every ID seeded before keeps its value): one ENABLED per cycle, the 5-year and legacy-SKU products, a PENDING one.
  addPackage(world, main, 40, 'agency-domains', [
    [domainProductId('com') as string, undefined, 'ENABLED', YEAR1],
    [
      domainProductId('net') as string,
      undefined,
      'ENABLED',
      { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 2 } },
    ],
    [
      domainProductId('org') as string,
      undefined,
      'ENABLED',
      { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 3 } },
    ],
    [PRODUCT.domainCom5y, undefined, 'ENABLED', { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 5 } }],
    [PRODUCT.domainXyzLegacy, undefined, 'ENABLED', YEAR1],
    [domainProductId('com') as string, undefined, 'PENDING', YEAR1],
  ]);
  // Seeded PENDING / AWAITING_ACTION instances and unfinished domains move on the clock like new ones.
  scheduleSeededTransitions(world);
  return world;
}

function addAccount(world: World, name: string, parent: string | undefined, index: number): string {
  const id = world.rng.uuid();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const account: Account = {
    accountId: id,
    slug,
    accountName: name,
    status: 'ACTIVE',
    accountOwner: `owner@${slug}.example`,
    accountProperties: {
      isTeam: !parent,
      coBranding: parent ? 'CoBranded_Customer_New' : 'None',
      ...(parent ? { parentAccountId: parent } : {}),
    },
    dateCreated: iso(SEED_EPOCH - (400 - index * 30) * DAY),
    dateUpdated: iso(SEED_EPOCH - (100 - index * 10) * DAY),
  };
  world.accounts.set(id, account);
  return id;
}

/** Adds one site to an account; `n` makes its name and dates deterministic. Exported for the admin route. */
export function addSite(
  world: World,
  ownerAccountId: string,
  n: number,
  createdMs = SEED_EPOCH - (300 - n * 5) * DAY,
): string {
  const rng = world.rng;
  const id = rng.uuid();
  const adjective = ADJECTIVES[n % ADJECTIVES.length] as string;
  const noun = NOUNS[Math.floor(n / ADJECTIVES.length) % NOUNS.length] as string;
  const name = `${adjective}-${noun}${n >= ADJECTIVES.length * NOUNS.length ? `-${n}` : ''}`;
  const site: Site = {
    id,
    htmlAppId: rng.uuid(),
    name,
    displayName: name
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' '),
    createdDate: iso(createdMs),
    updatedDate: iso(createdMs + (n % 7) * DAY),
    published: n % 3 !== 2,
    premium: false,
    viewUrl: `https://${world.accounts.get(ownerAccountId)?.slug ?? 'user'}.wixsite.com/${name}`,
    editUrl: `/editor/${id}`,
    thumbnail: `/site-thumbnail/${id}`,
    ownerAccountId,
    contributorAccountIds: [ownerAccountId],
    editorType: EDITORS[n % EDITORS.length] as Site['editorType'],
    blocked: false,
    namespace: 'WIX',
    domainConnected: false,
    state: 'ACTIVE',
    appIds: n % 4 === 0 ? ['1380b703-ce81-ff05-f115-39571d94dfcd'] : [],
  };
  if (n % 5 === 4) site.folderId = rng.uuid();
  world.sites.set(id, site);
  return id;
}

type InstanceSpec = [
  catalogProductId: string,
  siteId: string | undefined,
  status: InstanceStatus,
  billing: BillingInfo,
];

function addPackage(
  world: World,
  accountId: string,
  dayOffset: number,
  externalId: string | undefined,
  specs: InstanceSpec[],
): Package {
  const created = iso(SEED_EPOCH + dayOffset * DAY);
  const pkg: Package = {
    id: world.rng.uuid(),
    accountId,
    ...(externalId ? { externalId } : {}),
    productInstances: specs.map(([catalogProductId, siteId, status, billingInfo]) => ({
      instanceId: world.rng.uuid(),
      ...(siteId ? { siteId } : {}),
      catalogProductId,
      status,
      ...(status === 'FAILED'
        ? { failure: { code: 'DELIVERY_TIMEOUT' as const, message: "delivery of product has reached it's deadline" } }
        : {}),
      billingInfo,
      countryCode: 'US',
      createdDate: created,
      updatedDate: created,
    })),
    createdDate: created,
    updatedDate: created,
    parentAccountId: world.rootOf(accountId),
  };
  world.putPackage(pkg);
  for (const instance of pkg.productInstances)
    if (instance.status === 'ENABLED') world.enabledAt.set(instance.instanceId, Date.parse(created));
  return pkg;
}

/** Recomputes `site.premium` (lives in lifecycle.ts, so that the lifecycle does not import the seed). */
export { refreshPremium };

/** The seed summary served by `GET /_sandbox/seed`. */
export function summarize(world: World): SeedSummary {
  return {
    worldId: world.id,
    apiKey: world.mainApiKey,
    mainAccountId: world.mainAccountId,
    subAccountIds: world.childrenOf(world.mainAccountId).map((a) => a.accountId),
    siteIds: [...world.sites.values()]
      .filter((s) => world.inTree(world.mainAccountId, s.ownerAccountId))
      .map((s) => s.id),
  };
}
