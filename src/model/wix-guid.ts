/**
 * Wix IDs (accounts, sites, packages, instances, catalog products) are GUIDs: this is the one pattern the gateway
 * checks them with. Wix's IDs are GUID-shaped but not always RFC-4122 versioned, so there is no version check.
 */
export const WIX_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string shaped like a Wix GUID (any letter case). */
export function isWixGuid(value: string): boolean {
  return WIX_GUID.test(value);
}

/** Wix GUIDs are the same ID in any letter case. */
export function sameWixId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
