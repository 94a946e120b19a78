import { EditorType, type Site } from '../model/site.js';

/** Site as Query Sites returns it (CONTRACT §3.1). */
export interface WixSite {
  id: string;
  name: string;
  displayName: string;
  createdDate: string;
  updatedDate: string;
  published: boolean;
  premium: boolean;
  viewUrl?: string;
  editUrl?: string;
  ownerAccountId: string;
  folderId?: string;
  editorType?: string;
  blocked?: boolean;
  domainConnected?: boolean;
}

/** Query Sites answer (CONTRACT §3.1): cursor-paged. */
export interface QuerySitesResponse {
  sites: WixSite[];
  metadata?: { count?: number; cursors?: { next?: string | null }; hasNext?: boolean };
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
    updatedDate: new Date(raw.updatedDate),
  };
}
