import { isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema.js';
import { fromGlobalId } from '../../src/schema/node.type.js';
import { globalIdOf } from '../../src/resolvers/ids.js';
import { nodeTable } from '../../src/resolvers/node-table.js';

/** Every object type of the schema that implements Node. */
function nodeTypes(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .map((type) => type.name)
    .sort();
}

describe('node table', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
  });

  it('lists exactly the Node types of the schema, so node(id) refetches every one of them', () => {
    expect([...nodeTable().keys()].sort()).toEqual(nodeTypes(schema));
  });

  it('mints a global ID for every Node type that decodes to the type it names', () => {
    const model = { wixId: 'w', storeId: 's', ownerAccountId: 'a', domain: 'd.com', domainName: 'd.com' };
    for (const type of nodeTypes(schema)) expect(fromGlobalId(globalIdOf(type, model))?.type).toBe(type);
  });
});
