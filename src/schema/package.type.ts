import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.type.js';
import { ProductInstance } from './product-instance.type.js';

/** A reseller package: the paid services bought for a customer in one Create Package call. */
@ObjectType('Package', {
  implements: Node,
  description: 'A reseller package: one or more paid services (product instances) bought together for an account.',
})
export class Package extends Node {
  @Field(() => ID, { description: 'Wix package ID (GUID).' })
  wixId!: string;

  @Field(() => ID, { description: 'Wix ID of the account that owns the package.' })
  accountId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The reseller's own reference for the package (e.g. an external subscription ID).",
  })
  externalId?: string | null;

  @Field(() => GraphQLDateTime, { description: 'When the package was created.' })
  createdDate!: Date;

  @Field(() => GraphQLDateTime, { description: 'When the package was last updated.' })
  updatedDate!: Date;

  @Field(() => [ProductInstance], { description: 'The paid services of the package, in every status.' })
  productInstances!: ProductInstance[];
}

/** `PackageEdge` and `PackageConnection`. */
export const { EdgeType: PackageEdge, ConnectionType: PackageConnection } = connectionTypes(
  'Package',
  Package,
  'package',
);
