import type { z } from 'zod/v4';
import * as common from './common.js';
import * as dns from './dns.js';
import * as domains from './domains.js';
import { dnsEndpoints } from './endpoints-dns.js';
import { domainEndpoints } from './endpoints-domains.js';
import { folderEndpoints } from './endpoints-folders.js';
import { resellerEndpoints } from './endpoints-resellers.js';
import { siteEndpoints } from './endpoints-sites.js';
import type { Endpoint } from './endpoint.js';
import * as folders from './folders-domains.js';
import * as resellers from './resellers.js';
import * as sites from './sites.js';

/** Every Wix endpoint of the contract (CONTRACT §1–§8, §13–§16), keyed `METHOD /path/{param}` as the contract writes it. */
export const WIX_ENDPOINTS: Record<string, Endpoint> = {
  ...resellerEndpoints,
  ...siteEndpoints,
  ...domainEndpoints,
  ...dnsEndpoints,
  ...folderEndpoints,
};

/**
 * The named schemas of the contract (resources, error bodies, request parts) a reader of `/openapi.json` finds under
 * components: `[schema, 'input' | 'output']`, input for what a client sends.
 */
export const NAMED_SCHEMAS: Record<string, [z.ZodType, 'input' | 'output']> = {
  Guid: [common.GUID, 'output'],
  FieldViolation: [common.FieldViolation, 'output'],
  ApplicationErrorBody: [common.ApplicationErrorBody, 'output'],
  ValidationErrorBody: [common.ValidationErrorBody, 'output'],
  SystemErrorBody: [common.SystemErrorBody, 'output'],
  Cursors: [common.Cursors, 'output'],
  CursorPagingMetadata: [common.CursorPagingMetadata, 'output'],
  SiteInfo: [common.SiteInfo, 'output'],
  BillingInfo: [resellers.BillingInfo, 'output'],
  ProductInstance: [resellers.ProductInstance, 'output'],
  Package: [resellers.Package, 'output'],
  PackageAnswer: [resellers.PackageAnswer, 'output'],
  NewProductInstance: [resellers.NewProductInstance, 'input'],
  QueryV2: [resellers.QueryV2, 'input'],
  PagingMetadataV2: [resellers.PagingMetadataV2, 'output'],
  SiteTransfer: [resellers.SiteTransfer, 'output'],
  Site: [sites.Site, 'output'],
  SiteQuery: [sites.SiteQuery, 'input'],
  SiteListMetadata: [sites.SiteListMetadata, 'output'],
  Account: [sites.Account, 'output'],
  OffsetPagingMetadata: [sites.OffsetPagingMetadata, 'output'],
  NewAccountUser: [sites.NewAccountUser, 'input'],
  ContactData: [domains.ContactData, 'output'],
  ContactInput: [domains.ContactInput, 'input'],
  RegisteredDomain: [domains.RegisteredDomain, 'output'],
  ConnectedDomain: [domains.ConnectedDomain, 'output'],
  ConnectedDomainSetupInfo: [domains.ConnectedDomainSetupInfo, 'output'],
  DnsRecord: [dns.DnsRecord, 'output'],
  DnsRecordInput: [dns.DnsRecordInput, 'input'],
  DnsZone: [dns.DnsZone, 'output'],
  Folder: [folders.Folder, 'output'],
  DomainAssignment: [folders.DomainAssignment, 'output'],
  DnsPropagation: [folders.DnsPropagation, 'output'],
};
