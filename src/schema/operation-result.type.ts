import { createUnionType, Field, ID, ObjectType } from 'type-graphql';

/**
 * What each flow produced, one type per flow (a union, so a client asks for exactly the fields of the flow it ran).
 * The Wix IDs are stored with the operation; the links (`site`, `package`…) are read fresh from Wix when asked for.
 */
@ObjectType('SetUpCustomerSiteResult', {
  description: "Result of `setUpCustomerSite`: the site, now in the customer's account, and the package bought for it.",
})
export class SetUpCustomerSiteResult {
  @Field(() => ID, { description: 'Wix ID of the site.' })
  siteWixId!: string;

  @Field(() => ID, { description: "Wix ID of the customer's account (the site's owner now)." })
  accountId!: string;

  @Field(() => ID, { description: 'Wix ID of the package bought for the site.' })
  packageWixId!: string;
}

@ObjectType('ReassignPaidServiceResult', {
  description: 'Result of `reassignPaidService`: the product instance on its new site.',
})
export class ReassignPaidServiceResult {
  @Field(() => ID, { description: 'Wix ID of the product instance.' })
  productInstanceWixId!: string;

  @Field(() => ID, { description: 'Wix ID of the site it is assigned to now.' })
  siteWixId!: string;

  @Field(() => ID, { description: 'Wix ID of the account that owns the instance and the site.' })
  accountId!: string;
}

@ObjectType('PurchaseDomainResult', {
  description: 'Result of `purchaseDomain`: the registered domain, ACTIVE on the site.',
})
export class PurchaseDomainResult {
  @Field(() => String, { description: 'The domain registered.' })
  domain!: string;

  @Field(() => ID, { description: 'Wix ID of the site the domain is assigned to.' })
  siteWixId!: string;

  @Field(() => ID, { description: 'Wix ID of the account that owns the site and the domain.' })
  accountId!: string;

  @Field(() => ID, { description: 'Wix ID of the domain product instance the registration used.' })
  domainProductInstanceWixId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the Premium plan package the flow bought; null when the site already had a plan.',
  })
  planPackageWixId?: string | null;
}

@ObjectType('ConnectDomainResult', {
  description: 'Result of `connectDomain`: the connected domain, with DNS propagation COMPLETED.',
})
export class ConnectDomainResult {
  @Field(() => String, { description: 'The domain (or subdomain) connected.' })
  domain!: string;

  @Field(() => ID, { description: 'Wix ID of the site it is connected to.' })
  siteWixId!: string;

  @Field(() => ID, { description: 'Wix ID of the account that owns the site and the connection.' })
  accountId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Wix ID of the Premium plan package the flow bought; null when none was asked for or the site already had a plan.',
  })
  planPackageWixId?: string | null;
}

/** The result of any flow. */
export const OperationResult = createUnionType({
  name: 'OperationResult',
  description: 'What a flow produced; one type per flow.',
  types: () => [SetUpCustomerSiteResult, ReassignPaidServiceResult, PurchaseDomainResult, ConnectDomainResult] as const,
});
export type OperationResult =
  SetUpCustomerSiteResult | ReassignPaidServiceResult | PurchaseDomainResult | ConnectDomainResult;
