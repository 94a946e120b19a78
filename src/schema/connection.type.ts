import { type ClassType, Field, Int, ObjectType } from 'type-graphql';

/** Relay PageInfo. */
@ObjectType('PageInfo', { description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when items precede `startCursor` (Wix pages forwards only, so usually false).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
  })
  endCursor?: string | null;
}

/** One item of a connection with its cursor (the GraphQL type comes from connectionTypes). */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay connection as the resolvers build it from a model Page (the GraphQL type comes from connectionTypes). */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount?: number | null;
}

/**
 * Builds the Edge and Connection object types for `node` (e.g. SiteEdge, SiteConnection), with descriptions.
 */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a ${name}Connection, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s of this page, with cursors.` })
    edges!: EdgeType[];

    @Field(() => [node], { description: `The ${what}s of this page, without cursors.` })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: 'Total number of items when Wix reports it; null when it does not.',
    })
    totalCount?: number | null;
  }

  return { EdgeType, ConnectionType };
}
