import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.type.js';

/** A Wix account: the configured main (agency) account or one of its sub-accounts. */
@ObjectType('Account', {
  implements: Node,
  description: 'A Wix account: the main (agency) account or one of its sub-accounts (customers).',
})
export class Account extends Node {
  @Field(() => ID, { description: 'Wix account ID (GUID), as sent in the `wix-account-id` header.' })
  wixId!: string;
}
