import { RequiresScope } from '../auth/field-scopes.js';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { Node, fromGlobalId } from '../schema/node.type.js';
import { globalIdOf } from './ids.js';

/** Loads the model object of one node of a type by its Wix ID; null when it does not exist for the tenant. */
export type NodeLoader = (ctx: GatewayContext, wixId: string) => Promise<object | null>;

/** How `node(id)` refetches each Node type: GraphQL type name → loader (see nodeTable, built with the schema). */
export type NodeTable = ReadonlyMap<string, NodeLoader>;

/** Most IDs `nodes(ids)` takes at once. */
const MAX_NODES = 100;

/**
 * `node(id)` and `nodes(ids)`: refetch any entity by global ID, through the loader the node table has for its type.
 * The table is given by buildGatewaySchema (through the resolver container), so which types are refetchable is
 * decided where the schema is built, not by which modules happen to be imported.
 */
@Resolver()
export class NodeResolver {
  constructor(private readonly table: NodeTable) {}

  @RequiresScope('read')
  @Query(() => Node, {
    nullable: true,
    description:
      'Refetches any object by its global ID; null when it no longer exists or is not visible to this account.',
  })
  node(
    @Arg('id', () => ID, { description: 'A global ID, as returned in any `id` field.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<object | null> {
    return this.load(ctx, id, 'id');
  }

  @RequiresScope('read')
  @Query(() => [Node], {
    nullable: 'items',
    description: `Refetches up to ${MAX_NODES} objects by global ID, in the order given: null where one is missing, and null with an error at its index (path nodes.i) where an id is malformed or its lookup fails.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: `Global IDs (at most ${MAX_NODES}).` }) ids: string[],
    @Ctx() ctx: GatewayContext,
  ): Promise<Array<object | Error | null>> {
    if (ids.length > MAX_NODES)
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, `nodes takes at most ${MAX_NODES} IDs`, {
        fields: [{ field: 'ids', message: `must contain at most ${MAX_NODES} IDs` }],
      });
    // A bad id fails its own index only: graphql-js reports an Error item as an error at `nodes[i]` and nulls that item.
    return Promise.all(ids.map((id, i) => this.load(ctx, id, `ids[${i}]`).catch((error: unknown) => asError(error))));
  }

  /** Loads the node and tags it with its type name, which Node's resolveType reads (the value is a plain object). */
  private async load(ctx: GatewayContext, id: string, field: string): Promise<object | null> {
    const decoded = fromGlobalId(id);
    const loader = decoded ? this.table.get(decoded.type) : undefined;
    if (!decoded || !loader)
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, `${field} is not a global ID of this API`, {
        fields: [{ field, message: 'is not a global ID' }],
      });
    const node = await loader(ctx, decoded.wixId);
    return node ? { ...node, __typename: decoded.type } : null;
  }
}

/** The `id` of every Node type, minted here from the model object's Wix IDs (see globalIdOf). */
@Resolver(() => Node)
export class NodeIdResolver {
  @FieldResolver(() => ID, { description: 'Global ID of the object (opaque; pass it to `node(id:)`).' })
  id(@Root() root: object, @Info() info: GraphQLResolveInfo): string {
    return globalIdOf(info.parentType.name, root);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('unknown error');
}
