/**
 * Raw Wix shapes as the sandbox stores and returns them (CONTRACT §1–§8). Internal bookkeeping lives beside them
 * in the World, never inside these objects, so that what is stored is exactly what is served.
 */
export type InstanceStatus = 'PENDING' | 'ENABLED' | 'CANCELED' | 'FAILED' | 'AWAITING_ACTION';
export type CycleUnit = 'UNKNOWN' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export interface BillingInfo {
  type: 'UNKNOWN' | 'ONE_TIME' | 'RECURRING';
  cycleDuration?: { unit: CycleUnit; count: number };
}

export interface ProductInstance {
  instanceId: string;
  siteId?: string;
  catalogProductId: string;
  status: InstanceStatus;
  failure?: { code: 'UNKNOWN' | 'DELIVERY_TIMEOUT' | 'EXTERNAL_FAILURE'; message: string };
  billingInfo?: BillingInfo;
  createdDate: string;
  updatedDate: string;
  countryCode?: string;
  expirationDate?: string;
  discountCode?: string;
  referenceProductInstanceId?: string;
}

export interface Package {
  id: string;
  accountId: string;
  externalId?: string;
  productInstances: ProductInstance[];
  createdDate: string;
  updatedDate: string;
  parentAccountId: string;
}

export interface Site {
  id: string;
  htmlAppId: string;
  name: string;
  displayName: string;
  createdDate: string;
  updatedDate: string;
  trashedDate?: string;
  published: boolean;
  premium: boolean;
  viewUrl: string;
  editUrl: string;
  thumbnail: string;
  ownerAccountId: string;
  contributorAccountIds: string[];
  editorType: 'UNKNOWN' | 'EDITOR' | 'ADI' | 'EDITORX' | 'STUDIO';
  blocked: boolean;
  folderId?: string;
  namespace: string;
  domainConnected: boolean;
  /** Not a Wix field of the Site object: used by the `state` filter. Stripped on output. */
  state?: 'ACTIVE' | 'TRASHED';
  /** Not a Wix field: apps installed, for the `appIds` filter. Stripped on output. */
  appIds?: string[];
}

export interface Account {
  accountId: string;
  slug: string;
  accountName: string;
  status: 'ACTIVE' | 'BLOCKED' | 'DELETED';
  accountOwner: string;
  accountProperties: {
    isTeam: boolean;
    coBranding: string;
    websiteUrl?: string;
    parentAccountId?: string;
  };
  dateCreated: string;
  dateUpdated: string;
}

export interface ContactData {
  firstName?: string;
  lastName?: string;
  email?: string;
  address?: string;
  city?: string;
  subdivisionCode?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  company?: string;
}

export interface SiteInfo {
  id?: string;
  assignmentType: 'UNKNOWN_ASSIGNMENT_TYPE' | 'PRIMARY' | 'REDIRECT';
  redirectInfo?: { primaryDomain: string };
}

export type DnsPropagationStatus = 'UNKNOWN_DNS_PROPAGATION_STATUS' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface RegisteredDomain {
  id: string;
  domain: string;
  productInstanceId: string;
  createdDate: string;
  updatedDate: string;
  revision: string;
  siteInfo?: SiteInfo;
  contacts: { registrant: ContactData; admin?: ContactData; tech?: ContactData };
  status: 'UNKNOWN_STATUS' | 'PENDING_REGISTRATION' | 'ACTIVE' | 'FAILED_REGISTRATION' | 'CANCELED';
  pendingRegistrationInfo?: { latestAttempt: { number: number; timestamp: string } };
  failedRegistrationInfo?: { code: 'UNKNOWN_FAILURE_CODE' | 'OTHER'; message: string };
  icannConfirmationStatus: 'UNKNOWN_ICANN_CONFIRMATION_STATUS' | 'PENDING' | 'CONFIRMED_BY_ALL' | 'EXPIRED';
  icannConfirmationStatusInfo: null | {
    pending?: { expirationDate: string; notConfirmedBy: string[] };
    expired?: { notConfirmedBy: string[] };
  };
  dnsPropagationStatus: DnsPropagationStatus;
  expirationDate?: string;
}

export type ConnectionType = 'UNKNOWN_CONNECTION_TYPE' | 'POINTING' | 'NAMESERVERS' | 'HIDDEN';

export interface ConnectedDomain {
  id: string;
  domain: string;
  connectionType: ConnectionType;
  siteInfo: SiteInfo;
  suppressNotifications: boolean;
  dnsPropagationStatus: DnsPropagationStatus;
  createdDate: string;
  updatedDate: string;
}

export type DnsRecordType =
  'UNKNOWN' | 'A' | 'AAAA' | 'NS' | 'SOA' | 'CNAME' | 'MX' | 'TXT' | 'SPF' | 'SRV' | 'PTR' | 'NAPTR';

export interface DnsRecord {
  type: DnsRecordType;
  hostName: string;
  ttl: number;
  values: string[];
}

export interface DnsZone {
  id: string;
  domainName: string;
  records: DnsRecord[];
  dnssecEnabled: boolean;
  dnssecInfo?: { keyTag: number; digest: string };
}

/** A product of the sandbox's catalog (Wix's real catalog is private to B2B sales). */
export interface CatalogProduct {
  id: string;
  name: string;
  /** PREMIUM_PLAN, DOMAIN (TLD + privacy) or BUSINESS_TOOL. */
  type: 'PREMIUM_PLAN' | 'DOMAIN' | 'BUSINESS_TOOL';
  /** Wix's "product type": at most one instance of a type per site. */
  productTypeId: string;
  /** Billing cycles the product supports; more than one ⇒ billingInfo is required on create. */
  cycles: BillingInfo[];
  /** DOMAIN: the TLDs it registers. PREMIUM_PLAN: the TLDs its free-domain voucher covers. */
  tlds: string[];
  /** DOMAIN products include WHOIS privacy. */
  privacy: boolean;
  /** Sold only to sites that already have an ENABLED/PENDING Premium plan. */
  requiresPremium: boolean;
  /** May be used as `referenceProductInstanceId` (entitles a free add-on). */
  canBeReference: boolean;
  /** False: listed in the catalog but not resellable (INVALID_PRODUCTS). */
  resellable: boolean;
  /** False: Wix-side settings missing (PRODUCT_SETTINGS_NOT_FOUND). */
  hasSettings: boolean;
  /** False: misconfigured SKU; registration with it fails with SKU_NOT_FOUND. */
  hasSku: boolean;
  /** Max active instances per account (PRODUCT_LIMIT_EXCEEDED); undefined = unlimited. */
  limitPerAccount?: number;
}

/** A site folder (CONTRACT §13). `accountId` is internal (the owning account) and stripped on output. */
export interface Folder {
  id: string;
  name: string;
  parentId?: string;
  createdDate: string;
  updatedDate: string;
  accountId: string;
}
