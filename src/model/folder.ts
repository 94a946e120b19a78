/** A site folder of an account (Wix Site Folders API): a group of sites, possibly inside another folder. */
export interface Folder {
  wixId: string;
  name: string;
  /** Wix ID of the parent folder; null at the root. */
  parentWixId: string | null;
  /** The folders from the root down to the parent (empty at the root). */
  path: Array<{ wixId: string; name: string }>;
  /** Sites in the folder. */
  siteCount: number;
  /** The account the folder belongs to. */
  ownerAccountId: string;
  createdDate: Date;
  updatedDate: Date;
}
