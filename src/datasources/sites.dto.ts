import type { WireSite, WireQuerySitesResponse, WireSiteListMetadata } from '@wix-account-graph/sandbox/contract';
import { EditorType, type Site } from '../model/site.js';

/** Site as Query Sites returns it (CONTRACT §3.1). */
export type WixSite = WireSite;

/**
 * Query Sites answer (CONTRACT §3.1): cursor-paged. The paging object is read under `metadata` (what the contract
 * and the sandbox answer) or `pagingMetadata` (the name Wix's newer query endpoints use), whichever comes.
 */
export type QuerySitesResponse = Omit<WireQuerySitesResponse, 'metadata'> & {
  metadata?: WireSiteListMetadata;
  pagingMetadata?: WireSiteListMetadata;
};

/** The cursor of the next page of a Query Sites answer, or null on the last page. */
export function nextSitesCursor(res: QuerySitesResponse): string | null {
  const paging = res.metadata ?? res.pagingMetadata;
  return paging?.hasNext ? (paging.cursors?.next ?? null) : null;
}

/** Maps a raw Wix site to the model's Site. */
export function toSite(raw: WixSite): Site {
  return {
    wixId: raw.id,
    name: raw.name,
    displayName: raw.displayName,
    published: raw.published,
    premium: raw.premium,
    domainConnected: raw.domainConnected ?? false,
    blocked: raw.blocked ?? false,
    viewUrl: raw.viewUrl ?? null,
    editUrl: raw.editUrl ?? null,
    dashboardUrl: `https://manage.wix.com/dashboard/${raw.id}`,
    editorType: (Object.values(EditorType) as string[]).includes(raw.editorType ?? '')
      ? (raw.editorType as EditorType)
      : EditorType.UNKNOWN,
    ownerAccountId: raw.ownerAccountId,
    folderId: raw.folderId ?? null,
    createdDate: new Date(raw.createdDate),
    updatedDate: new Date(raw.updatedDate ?? raw.createdDate),
  };
}
