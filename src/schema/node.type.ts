import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: every entity has a global ID that `node(id)` can refetch. The values behind it are plain model
 * objects, so type-graphql's default `instanceof` check cannot tell their type: `node(id)` tags what it returns with
 * `__typename` (the type its global ID names), and the type is read from there.
 */
@InterfaceType('Node', {
  description: 'An object with a global ID, refetchable with `node(id:)`.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  /** Computed by the resolvers from the model's Wix IDs (model objects do not carry it). */
  @Field(() => ID, { description: 'Global ID of the object (opaque; pass it to `node(id:)`).' })
  id?: string;
}

/** Encodes a global ID: base64url of "Type:wixId". */
export function toGlobalId(type: string, wixId: string): string {
  return Buffer.from(`${type}:${wixId}`, 'utf8').toString('base64url');
}

/** Decodes a global ID; returns undefined for anything that is not one. */
export function fromGlobalId(id: string): { type: string; wixId: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const at = text.indexOf(':');
  if (at <= 0) return undefined;
  const type = text.slice(0, at);
  if (!/^[A-Z][A-Za-z]+$/.test(type)) return undefined;
  return { type, wixId: text.slice(at + 1) };
}
