import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { Node, fromGlobalId } from '../schema/node.type.js';

/** Loads one node of a type by its Wix ID; null when it does not exist for the tenant. */
export type NodeLoader = (ctx: GatewayContext, wixId: string) => Promise<Node | null>;

const loaders = new Map<string, NodeLoader>();

/** Registers how `node(id)` refetches a type. Each resolver module registers its own types. */
export function registerNodeLoader(type: string, loader: NodeLoader): void {
  loaders.set(type, loader);
}

/** Most IDs `nodes(ids)` takes at once. */
const MAX_NODES = 100;

/** `node(id)` and `nodes(ids)`: refetch any entity by global ID, through the loader its type registered. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Refetches any object by its global ID; null when it no longer exists or is not visible to this account.' })
  node(@Arg('id', () => ID, { description: 'A global ID, as returned in any `id` field.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Node | null> {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Refetches up to ${MAX_NODES} objects by global ID, in the order given (null where one is missing).` })
  nodes(
    @Arg('ids', () => [ID], { description: `Global IDs (at most ${MAX_NODES}).` }) ids: string[],
    @Ctx() ctx: GatewayContext,
  ): Promise<Array<Node | null>> {
    if (ids.length > MAX_NODES) throw new GatewayError(ErrorCode.BAD_USER_INPUT, `nodes takes at most ${MAX_NODES} IDs`, { fields: [{ field: 'ids', message: `must contain at most ${MAX_NODES} IDs` }] });
    return Promise.all(ids.map((id, i) => loadNode(ctx, id, `ids[${i}]`)));
  }
}

async function loadNode(ctx: GatewayContext, id: string, field: string): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  const loader = decoded ? loaders.get(decoded.type) : undefined;
  if (!decoded || !loader) throw new GatewayError(ErrorCode.BAD_USER_INPUT, `${field} is not a global ID of this API`, { fields: [{ field, message: 'is not a global ID' }] });
  return loader(ctx, decoded.wixId);
}

