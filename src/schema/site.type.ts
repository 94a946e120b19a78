import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.type.js';
import { EditorType } from '../model/site.js';

/** The model's enums, registered below for the graph. */
export { EditorType };

registerEnumType(EditorType, {
  name: 'EditorType',
  description: 'The editor a site is built with.',
  valuesConfig: {
    UNKNOWN: { description: 'Wix did not say, or a newer editor this gateway does not know.' },
    EDITOR: { description: 'The classic Wix Editor.' },
    ADI: { description: 'Wix ADI (Artificial Design Intelligence).' },
    EDITORX: { description: 'Editor X.' },
    STUDIO: { description: 'Wix Studio.' },
  },
});

/** A Wix site (meta-site) in an account. */
@ObjectType('Site', { implements: Node, description: "A Wix site in an account, as listed by Wix's Sites API." })
export class Site extends Node {
  @Field(() => ID, { description: 'Wix site ID (GUID), as used in Wix URLs and APIs.' })
  wixId!: string;

  @Field(() => String, { description: 'Site name, used in its free URL.' })
  name!: string;

  @Field(() => String, { description: 'Name shown in the Wix dashboard.' })
  displayName!: string;

  @Field(() => Boolean, { description: 'True when the site is published.' })
  published!: boolean;

  @Field(() => Boolean, { description: 'True when the site has a Premium plan.' })
  premium!: boolean;

  @Field(() => Boolean, { description: 'True when a domain is connected to the site.' })
  domainConnected!: boolean;

  @Field(() => Boolean, { description: 'True when Wix blocked the site for legal reasons.' })
  blocked!: boolean;

  @Field(() => String, { nullable: true, description: 'The live URL.' })
  viewUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Editor URL, relative to https://manage.wix.com.' })
  editUrl?: string | null;

  @Field(() => String, { description: 'Dashboard URL of the site.' })
  dashboardUrl!: string;

  @Field(() => EditorType, { description: 'The editor the site is built with.' })
  editorType!: EditorType;

  @Field(() => ID, { description: 'Wix ID of the account that owns the site.' })
  ownerAccountId!: string;

  @Field(() => GraphQLDateTime, { description: 'When the site was created.' })
  createdDate!: Date;

  @Field(() => GraphQLDateTime, { description: 'When the site was last updated.' })
  updatedDate!: Date;
}

/** `SiteEdge` and `SiteConnection`. */
export const { EdgeType: SiteEdge, ConnectionType: SiteConnection } = connectionTypes('Site', Site, 'site');
