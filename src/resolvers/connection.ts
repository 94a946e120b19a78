import type { Page } from '../model/page.js';
import type { Connection } from '../schema/connection.type.js';

/** The Relay connection (edges, nodes, pageInfo, totalCount) of a page a data source served. */
export function toConnection<T>(page: Page<T>): Connection<T> {
  const edges = page.items;
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
