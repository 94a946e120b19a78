import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** What a document asks for, counted before graphql-js validates it (so validation work stays bounded). */
export interface DocumentShape {
  /** Field selections, fragment spreads expanded (a fragment spread five times counts five times). */
  fields: number;
  /** Aliased fields, `__typename` included, fragment spreads expanded. */
  aliases: number;
  /** `__schema` and `__type` selections, fragment spreads expanded. */
  introspectionRoots: number;
  /** Deepest field nesting below an introspection root. */
  introspectionDepth: number;
}

interface Tally {
  fields: number;
  aliases: number;
  introspectionRoots: number;
  /** Depth of the deepest introspection selection counted from this selection set (0: none). */
  introspectionDepth: number;
  /** Depth of the deepest selection below this set (used for the introspection depth of a root). */
  depth: number;
}

const EMPTY: Tally = { fields: 0, aliases: 0, introspectionRoots: 0, introspectionDepth: 0, depth: 0 };

/**
 * Counts the fields, aliases and introspection selections of every operation of `document`, in time linear in its
 * size: each fragment is measured once and its tally multiplied by the number of times it is spread. Unknown or
 * cyclic fragments count as empty (validation refuses them afterwards).
 */
export function measureDocument(document: DocumentNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = new Map<string, Tally>();
  const inProgress = new Set<string>();

  const fragment = (name: string): Tally => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return EMPTY;
    inProgress.add(name);
    const tally = selectionSet(definition.selectionSet);
    inProgress.delete(name);
    measured.set(name, tally);
    return tally;
  };

  const selectionSet = (set: SelectionSetNode): Tally => {
    const sum = { ...EMPTY };
    for (const selection of set.selections) {
      let part: Tally;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionSet(selection.selectionSet) : EMPTY;
        const name = selection.name.value;
        const root = name === '__schema' || name === '__type';
        part = {
          fields: below.fields + 1,
          aliases: below.aliases + (selection.alias ? 1 : 0),
          introspectionRoots: below.introspectionRoots + (root ? 1 : 0),
          introspectionDepth: root ? below.depth + 1 : below.introspectionDepth,
          depth: below.depth + 1,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = selectionSet(selection.selectionSet);
      } else {
        part = fragment(selection.name.value);
      }
      sum.fields += part.fields;
      sum.aliases += part.aliases;
      sum.introspectionRoots += part.introspectionRoots;
      sum.introspectionDepth = Math.max(sum.introspectionDepth, part.introspectionDepth);
      sum.depth = Math.max(sum.depth, part.depth);
    }
    return sum;
  };

  const shape: DocumentShape = { fields: 0, aliases: 0, introspectionRoots: 0, introspectionDepth: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const tally = selectionSet(definition.selectionSet);
    shape.fields += tally.fields;
    shape.aliases += tally.aliases;
    shape.introspectionRoots += tally.introspectionRoots;
    shape.introspectionDepth = Math.max(shape.introspectionDepth, tally.introspectionDepth);
  }
  return shape;
}
