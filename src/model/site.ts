/** The editor a site is built with (Wix's `editorType`; UNKNOWN for anything else). */
export const EditorType = {
  UNKNOWN: 'UNKNOWN',
  EDITOR: 'EDITOR',
  ADI: 'ADI',
  EDITORX: 'EDITORX',
  STUDIO: 'STUDIO',
} as const;
/** One of {@link EditorType}. */
export type EditorType = (typeof EditorType)[keyof typeof EditorType];

/** A Wix site (meta-site) in an account, as Query Sites lists it. */
export interface Site {
  wixId: string;
  name: string;
  displayName: string;
  published: boolean;
  premium: boolean;
  domainConnected: boolean;
  blocked: boolean;
  viewUrl?: string | null;
  /** Editor URL, relative to https://manage.wix.com. */
  editUrl?: string | null;
  dashboardUrl: string;
  editorType: EditorType;
  ownerAccountId: string;
  /** Wix ID of the site folder that holds the site; null at the root. */
  folderId?: string | null;
  createdDate: Date;
  updatedDate: Date;
}

/** What Query Sites can filter by (absent or null: any). */
export interface SiteFilter {
  premium?: boolean | null;
  published?: boolean | null;
  /** Search phrase matched against site name, display name and URL. */
  name?: string | null;
}
