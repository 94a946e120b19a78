/** One item of a page with its opaque cursor (resume after it with `after`). */
export interface PageItem<T> {
  cursor: string;
  node: T;
}

/**
 * One page of a list, as the data sources serve it: the items with their cursors and where the page sits. The
 * resolvers turn it into a Relay connection (edges, nodes, pageInfo).
 */
export interface Page<T> {
  items: Array<PageItem<T>>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Number of items in the whole list when upstream reports it; null when it does not. */
  totalCount: number | null;
}
