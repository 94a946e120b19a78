import { ErrorCode, GatewayError } from '../errors.js';
import { fromGlobalId } from '../schema/node.type.js';
import { WIX_GUID as GUID } from '../schema/wix-id.validator.js';

/**
 * Accepts a global ID of `type` or a raw Wix GUID and returns the Wix ID; anything else is BAD_USER_INPUT naming
 * `field` (e.g. `id`, `filter.siteId`).
 */
export function wixIdOf(id: string, type: string, field: string): string {
  if (GUID.test(id)) return id;
  const decoded = fromGlobalId(id);
  if (decoded?.type === type && GUID.test(decoded.wixId)) return decoded.wixId;
  throw new GatewayError(ErrorCode.BAD_USER_INPUT, `${field} must be a ${type} ID or a Wix GUID`, { fields: [{ field, message: `is not a ${type} ID` }] });
}
