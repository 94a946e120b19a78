import { Field, ObjectType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';

/** Check Domain Availability's answer for one domain name. */
@ObjectType('DomainAvailability', { description: 'Whether a domain name can be bought through Wix.' })
export class DomainAvailability {
  @Field(() => String, { description: 'The domain name checked, as Wix normalised it (lower case).' })
  domain!: string;

  @Field(() => Boolean, { description: 'True when the name is free and can be registered through Wix.' })
  available!: boolean;

  @Field(() => Boolean, {
    description:
      'True when the name costs more than the standard price because of demand (unrelated to Wix Premium plans).',
  })
  premium!: boolean;
}

/** One name from Suggest Domains (every suggestion is available). */
@ObjectType('DomainSuggestion', {
  description: 'A domain name Wix suggests for a search phrase; every suggestion is available to buy.',
})
export class DomainSuggestion {
  @Field(() => String, { description: 'The suggested domain name, with its TLD.' })
  domain!: string;

  @Field(() => Boolean, { description: 'True when the name costs more than the standard price because of demand.' })
  premium!: boolean;
}

/** `DomainSuggestionEdge` and `DomainSuggestionConnection`. */
export const { EdgeType: DomainSuggestionEdge, ConnectionType: DomainSuggestionConnection } = connectionTypes(
  'DomainSuggestion',
  DomainSuggestion,
  'domain suggestion',
);
