import { ErrorCode, GatewayError } from '../errors.js';
import { fromGlobalId, toGlobalId } from '../schema/node.type.js';
import { WIX_GUID as GUID } from '../model/wix-guid.js';

/**
 * Accepts a global ID of `type` or a raw Wix GUID and returns the Wix ID; anything else is BAD_USER_INPUT naming
 * `field` (e.g. `id`, `filter.siteId`).
 */
export function wixIdOf(id: string, type: string, field: string): string {
  if (GUID.test(id)) return id;
  const decoded = fromGlobalId(id);
  if (decoded?.type === type && GUID.test(decoded.wixId)) return decoded.wixId;
  throw new GatewayError(ErrorCode.BAD_USER_INPUT, `${field} must be a ${type} ID or a Wix GUID`, {
    fields: [{ field, message: `is not a ${type} ID` }],
  });
}

/**
 * Global ID of a domain entity. Domain names are unique, but Wix answers only the account that owns them, so the ID
 * carries that account too: `node(id)` then asks the right account (after the tenancy check).
 */
export function domainGlobalId(type: string, accountId: string, domain: string): string {
  return toGlobalId(type, `${accountId}/${domain}`);
}

/** Splits the Wix part of a domain global ID into account and domain; undefined when it is not one. */
export function parseDomainKey(wixId: string): { accountId: string; domain: string } | undefined {
  const slash = wixId.indexOf('/');
  if (slash <= 0 || slash === wixId.length - 1) return undefined;
  return { accountId: wixId.slice(0, slash), domain: wixId.slice(slash + 1) };
}

/** The model fields global IDs are made of (each Node type uses some of them). */
interface IdFields {
  wixId?: string;
  storeId?: string;
  ownerAccountId?: string;
  domain?: string;
  domainName?: string;
}

/** How each Node type's global ID is made from its model object. */
const MINTERS: Record<string, (root: IdFields) => string> = {
  Account: (r) => toGlobalId('Account', String(r.wixId)),
  Site: (r) => toGlobalId('Site', String(r.wixId)),
  Folder: (r) => toGlobalId('Folder', String(r.wixId)),
  Package: (r) => toGlobalId('Package', String(r.wixId)),
  ProductInstance: (r) => toGlobalId('ProductInstance', String(r.wixId)),
  Operation: (r) => toGlobalId('Operation', String(r.storeId)),
  RegisteredDomain: (r) => domainGlobalId('RegisteredDomain', String(r.ownerAccountId), String(r.domain)),
  ConnectedDomain: (r) => domainGlobalId('ConnectedDomain', String(r.ownerAccountId), String(r.domain)),
  DnsZone: (r) => domainGlobalId('DnsZone', String(r.ownerAccountId), String(r.domainName)),
};

/** The global ID of a model object shown as the GraphQL type `typeName` (a Node type). */
export function globalIdOf(typeName: string, root: object): string {
  const mint = MINTERS[typeName];
  if (!mint) throw new Error(`${typeName} is not a Node type with a global ID`);
  return mint(root);
}
