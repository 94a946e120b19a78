import { EditorType, Site } from '../schema/site.type.js';
import { toGlobalId } from '../schema/node.type.js';

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
  editorType?: string;
  blocked?: boolean;
  domainConnected?: boolean;
}

/** Query Sites answer (CONTRACT §3.1): cursor-paged. */
export interface QuerySitesResponse {
  sites: WixSite[];
  metadata?: { count?: number; cursors?: { next?: string | null }; hasNext?: boolean };
}

/** Maps a raw Wix site to the graph's Site. */
export function toSite(raw: WixSite): Site {
  const site = new Site();
  site.id = toGlobalId('Site', raw.id);
  site.wixId = raw.id;
  site.name = raw.name;
  site.displayName = raw.displayName;
  site.published = raw.published;
  site.premium = raw.premium;
  site.domainConnected = raw.domainConnected ?? false;
  site.blocked = raw.blocked ?? false;
  site.viewUrl = raw.viewUrl ?? null;
  site.editUrl = raw.editUrl ?? null;
  site.dashboardUrl = `https://manage.wix.com/dashboard/${raw.id}`;
  site.editorType = (Object.values(EditorType) as string[]).includes(raw.editorType ?? '') ? (raw.editorType as EditorType) : EditorType.UNKNOWN;
  site.ownerAccountId = raw.ownerAccountId;
  site.createdDate = new Date(raw.createdDate);
  site.updatedDate = new Date(raw.updatedDate);
  return site;
}
