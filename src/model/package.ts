import type { ProductInstance } from './product-instance.js';

/** A reseller package: the paid services bought for an account in one Create Package call. */
export interface Package {
  /** Wix package ID. */
  wixId: string;
  /** Account that owns the package. */
  accountId: string;
  /** The reseller's own reference for the package. */
  externalId?: string | null;
  createdDate: Date;
  updatedDate: Date;
  /** Every instance of the package, in every status. */
  productInstances: ProductInstance[];
}
