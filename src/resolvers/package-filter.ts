import type { PackageListFilter } from '../datasources/resellers.datasource.js';
import type { PackageFilter } from '../schema/package.args.js';
import { wixIdOf } from './ids.js';

/** Reduces the GraphQL filter to the data source's (the site as its Wix ID). */
export function toPackageListFilter(filter?: PackageFilter | null): PackageListFilter | null {
  if (!filter) return null;
  return {
    status: filter.status ?? null,
    siteWixId: filter.siteId ? wixIdOf(filter.siteId, 'Site', 'filter.siteId') : null,
  };
}
