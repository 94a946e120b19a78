import type { BillingInfo, CatalogProduct } from './types.js';

/**
 * The sandbox's product catalog. Wix's real catalog is private to its B2B sales team; these IDs are the sandbox's
 * own (four of them are the IDs used in Wix's documentation examples, so the contract's test vectors work as-is).
 * The gateway's default catalog file (`catalog/sandbox.json`) lists the same products.
 */
const MONTH1: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'MONTH', count: 1 } };
const YEAR1: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 1 } };
const YEAR2: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 2 } };
const YEAR3: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 3 } };
const YEAR5: BillingInfo = { type: 'RECURRING', cycleDuration: { unit: 'YEAR', count: 5 } };
const ONE_TIME: BillingInfo = { type: 'ONE_TIME' };

/** TLDs the sandbox sells (Check Domain Availability answers DOMAINS_UNSUPPORTED_TLD for others). */
export const SUPPORTED_TLDS = [
  'com',
  'net',
  'org',
  'co',
  'io',
  'shop',
  'store',
  'online',
  'site',
  'info',
  'me',
  'love',
] as const;
/** TLDs a Premium plan's free-domain voucher covers. */
const VOUCHER_TLDS = ['com', 'net', 'org', 'co', 'shop', 'store', 'online', 'site', 'info', 'me'];

const base = {
  privacy: false,
  requiresPremium: false,
  canBeReference: false,
  resellable: true,
  hasSettings: true,
  hasSku: true,
} as const;

function plan(id: string, name: string): CatalogProduct {
  return {
    ...base,
    id,
    name,
    type: 'PREMIUM_PLAN',
    productTypeId: 'premium-plan',
    cycles: [MONTH1, YEAR1, YEAR2],
    tlds: VOUCHER_TLDS,
    canBeReference: true,
  };
}

function domain(id: string, tld: string, extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    ...base,
    id,
    name: `Domain .${tld} + privacy`,
    type: 'DOMAIN',
    productTypeId: 'domain',
    cycles: [YEAR1, YEAR2, YEAR3],
    tlds: [tld],
    privacy: true,
    requiresPremium: true,
    ...extra,
  };
}

function tool(
  id: string,
  name: string,
  productTypeId: string,
  cycles: BillingInfo[],
  extra: Partial<CatalogProduct> = {},
): CatalogProduct {
  return { ...base, id, name, type: 'BUSINESS_TOOL', productTypeId, cycles, tlds: [], ...extra };
}

export const PRODUCT = {
  premiumLight: 'a6bd9c54-7f3e-4c55-9d41-0b4f2c1e6a01',
  premiumCore: '92b27e42-4cb3-aa4a-9aff-29c87c8b905a',
  premiumBusiness: '00ba7923-2655-402a-852d-2b2100568bcf',
  premiumBusinessElite: '2c6db353-458a-41dd-b4f5-cb8a05be6bff',
  ascend: '040639ae-277e-4a73-a4d2-1b6801b92f45',
  googleWorkspace: '53cfc9f8-197a-4e12-b570-ad9ed0cb4e2c',
  siteBooster: 'b1f0c2d3-5e6f-4a7b-8c9d-0e1f2a3b4c05',
  emailMarketingPro: 'c2a1b3d4-6f70-4b8c-9dae-1f2a3b4c5d06',
  enterpriseStudio: 'd3b2c4e5-7081-4c9d-aebf-2a3b4c5d6e07',
  legacyVipPlan: 'e4c3d5f6-8192-4dae-bfc0-3b4c5d6e7f08',
  domainCom5y: 'f5d4e6a7-92a3-4ebf-80d1-4c5d6e7f8a09',
  domainXyzLegacy: '06e5f7b8-a3b4-4fc0-91e2-5d6e7f8a9b10',
} as const;

/** Domain product ID per TLD: 7d1f0000-0000-4000-8000-0000000000NN, NN = index in SUPPORTED_TLDS + 1. */
export function domainProductId(tld: string): string | undefined {
  const index = (SUPPORTED_TLDS as readonly string[]).indexOf(tld);
  return index === -1 ? undefined : `7d1f0000-0000-4000-8000-0000000000${String(index + 1).padStart(2, '0')}`;
}

/** Builds the full catalog, keyed by catalog product ID. */
export function buildCatalog(): Map<string, CatalogProduct> {
  const products: CatalogProduct[] = [
    plan(PRODUCT.premiumLight, 'Premium Light'),
    plan(PRODUCT.premiumCore, 'Premium Core'),
    plan(PRODUCT.premiumBusiness, 'Premium Business'),
    plan(PRODUCT.premiumBusinessElite, 'Premium Business Elite'),
    ...SUPPORTED_TLDS.map((tld) => domain(domainProductId(tld) as string, tld)),
    domain(PRODUCT.domainCom5y, 'com', { name: 'Domain .com + privacy (5 years)', cycles: [YEAR5] }),
    domain(PRODUCT.domainXyzLegacy, 'xyz', { name: 'Domain .xyz + privacy (legacy SKU)', hasSku: false }),
    tool(PRODUCT.ascend, 'Ascend by Wix', 'ascend', [MONTH1, YEAR1]),
    tool(PRODUCT.googleWorkspace, 'Google Workspace', 'google-workspace', [MONTH1]),
    tool(PRODUCT.siteBooster, 'Site Booster', 'site-booster', [ONE_TIME], { requiresPremium: true }),
    tool(PRODUCT.emailMarketingPro, 'Email Marketing Pro', 'email-marketing', [MONTH1], { limitPerAccount: 3 }),
    tool(PRODUCT.enterpriseStudio, 'Wix Studio Enterprise', 'enterprise', [YEAR1], { resellable: false }),
    tool(PRODUCT.legacyVipPlan, 'Legacy VIP Plan', 'legacy-vip', [YEAR1], { hasSettings: false }),
  ];
  return new Map(products.map((p) => [p.id, p]));
}
