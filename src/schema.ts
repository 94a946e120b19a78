import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { inputPaths } from './resolvers/input-paths.middleware.js';
import { AccountResolver } from './resolvers/account.resolver.js';
import { AuditResolver } from './resolvers/audit.resolver.js';
import { ConnectedDomainResolver } from './resolvers/connected-domain.resolver.js';
import { DnsZoneResolver } from './resolvers/dns-zone.resolver.js';
import { DomainAssignmentMutationsResolver } from './resolvers/domain-assignment-mutations.resolver.js';
import { DomainMutationsResolver } from './resolvers/domain-mutations.resolver.js';
import { DomainSearchResolver } from './resolvers/domain-search.resolver.js';
import { FlowResolver } from './resolvers/flow.resolver.js';
import { FolderResolver } from './resolvers/folder.resolver.js';
import { operationResultResolvers } from './resolvers/operation-result.resolver.js';
import { OperationResolver } from './resolvers/operation.resolver.js';
import { InstanceMutationsResolver } from './resolvers/instance-mutations.resolver.js';
import { NodeIdResolver, NodeResolver, type NodeTable } from './resolvers/node.resolver.js';
import { nodeTable } from './resolvers/node-table.js';
import { PackageResolver } from './resolvers/package.resolver.js';
import { ProductInstanceResolver } from './resolvers/product-instance.resolver.js';
import { RegisteredDomainResolver } from './resolvers/registered-domain.resolver.js';
import { ResellerMutationsResolver } from './resolvers/reseller-mutations.resolver.js';
import { SiteFolderMutationsResolver } from './resolvers/site-folder-mutations.resolver.js';
import { SiteMutationsResolver } from './resolvers/site-mutations.resolver.js';
import { SiteResolver } from './resolvers/site.resolver.js';
import { noPubSub, SubscriptionResolver } from './resolvers/subscription.resolver.js';
import { UpstreamBudgetResolver } from './resolvers/upstream-budget.resolver.js';

/** Every resolver class of the gateway. */
export const resolvers = [
  NodeResolver,
  NodeIdResolver,
  AccountResolver,
  SiteResolver,
  FolderResolver,
  PackageResolver,
  ProductInstanceResolver,
  DomainSearchResolver,
  RegisteredDomainResolver,
  ConnectedDomainResolver,
  DnsZoneResolver,
  SubscriptionResolver,
  DomainMutationsResolver,
  ResellerMutationsResolver,
  InstanceMutationsResolver,
  SiteMutationsResolver,
  SiteFolderMutationsResolver,
  DomainAssignmentMutationsResolver,
  FlowResolver,
  OperationResolver,
  AuditResolver,
  UpstreamBudgetResolver,
  ...operationResultResolvers,
] as const;

/**
 * The resolver instances type-graphql uses: one of each class, the NodeResolver built with the node table (so the
 * dependency is an argument, not a registry filled by imports).
 */
function resolverContainer(table: NodeTable): ContainerType {
  const instances = new Map<unknown, unknown>([[NodeResolver, new NodeResolver(table)]]);
  return {
    get(someClass: new () => unknown) {
      if (!instances.has(someClass)) instances.set(someClass, new someClass());
      return instances.get(someClass);
    },
  };
}

/**
 * Builds the executable schema. Validation is on explicitly (type-graphql 2 defaults it off), and rejected values
 * are not copied into errors. The node table (how `node(id)` refetches each type) is built here and given to the
 * NodeResolver through the resolver container.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    container: resolverContainer(nodeTable()),
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    emitSchemaFile: false,
    globalMiddlewares: [inputPaths],
    // Every subscription has its own `subscribe` (the pollers); type-graphql still insists on a PubSub.
    pubSub: noPubSub,
  });
  // type-graphql has no option for root type descriptions; GraphiQL shows them first.
  const roots = {
    Query: ROOT_DESCRIPTIONS.Query,
    Mutation: ROOT_DESCRIPTIONS.Mutation,
    Subscription: ROOT_DESCRIPTIONS.Subscription,
  };
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type) type.description = roots[type.name as keyof typeof roots];
  }
  return schema;
}

const ROOT_DESCRIPTIONS = {
  Query:
    "Reads over Wix's account-level APIs: accounts, sites, paid services, domains and DNS. Lists are Relay connections.",
  Mutation: 'Writes: one mutation per Wix write, and the business flows as retry-safe operations.',
  Subscription: 'Status changes found by polling Wix (it has no webhooks for these APIs).',
};
