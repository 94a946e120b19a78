import { RequiresScope } from '../auth/field-scopes.js';
import { validate } from 'class-validator';
import {
  ArgumentValidationError,
  Args,
  Resolver,
  Root,
  Subscription,
  type PubSub,
  type SubscribeResolverData,
} from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { ConnectedDomain as ConnectedDomainModel } from '../model/connected-domain.js';
import type { ProductInstance as ProductInstanceModel } from '../model/product-instance.js';
import type { RegisteredDomain as RegisteredDomainModel } from '../model/registered-domain.js';
import { ConnectedDomain } from '../schema/connected-domain.type.js';
import { DomainLookupArgs } from '../schema/domain.args.js';
import { ProductInstance } from '../schema/product-instance.type.js';
import { RegisteredDomain } from '../schema/registered-domain.type.js';
import { ProductInstanceUpdatedArgs } from '../schema/subscription.args.js';
import { accountScopeOf } from './account-input.js';
import { wixIdOf } from './ids.js';

type Data<A> = SubscribeResolverData<unknown, A, GatewayContext>;

/** Validates raw subscription arguments against an @ArgsType class, as type-graphql does for queries. */
async function checked<T extends object>(Type: new () => T, raw: object): Promise<T> {
  const args = Object.assign(new Type(), raw);
  const errors = await validate(args, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  if (errors.length > 0) throw new ArgumentValidationError(errors);
  return args;
}

async function registeredDomainStream({ args, context }: Data<DomainLookupArgs>) {
  const { domain, accountId } = await checked(DomainLookupArgs, args);
  const scope = await accountScopeOf(context, accountId, 'accountId');
  return context.watches.watch(context.watches.registeredDomain(scope.accountId, domain));
}

async function connectedDomainStream({ args, context }: Data<DomainLookupArgs>) {
  const { domain, accountId } = await checked(DomainLookupArgs, args);
  const scope = await accountScopeOf(context, accountId, 'accountId');
  return context.watches.watch(context.watches.connectedDomain(scope.accountId, domain));
}

async function productInstanceStream({ args, context }: Data<ProductInstanceUpdatedArgs>) {
  const id = wixIdOf((await checked(ProductInstanceUpdatedArgs, args)).id, 'ProductInstance', 'id');
  return context.watches.watch(context.watches.productInstance(context.tenantId, id));
}

/**
 * Status subscriptions, fed by the gateway's shared pollers (src/polling): each sends the current state, then every
 * change of its status fields, and completes after a final state (see ResourceWatches for which). Any number of
 * subscribers to one resource share one poller. type-graphql runs no argument validation for a `subscribe`
 * function, so the arguments are validated in the subscribe functions with the same class-validator rules as the
 * queries; the tenancy check is the queries' too (`accountScopeOf`).
 */
@Resolver()
export class SubscriptionResolver {
  @RequiresScope('read')
  @Subscription(() => RegisteredDomain, {
    subscribe: registeredDomainStream,
    description:
      "A registered domain's registration, ICANN and DNS status: the current state at once, then every change; completes after FAILED_REGISTRATION or CANCELED, or once the domain is ACTIVE with DNS propagation settled (COMPLETED or FAILED) and ICANN confirmation no longer PENDING. Errors NOT_FOUND when the account has no such domain.",
  })
  registeredDomainUpdated(
    @Root() domain: RegisteredDomainModel,
    @Args(() => DomainLookupArgs) _args: DomainLookupArgs,
  ): RegisteredDomainModel {
    return domain;
  }

  @RequiresScope('read')
  @Subscription(() => ConnectedDomain, {
    subscribe: connectedDomainStream,
    description:
      "A connected domain's DNS propagation status: the current state at once, then every change; completes when propagation is COMPLETED or FAILED. Errors NOT_FOUND when the account has no such connected domain.",
  })
  connectedDomainUpdated(
    @Root() domain: ConnectedDomainModel,
    @Args(() => DomainLookupArgs) _args: DomainLookupArgs,
  ): ConnectedDomainModel {
    return domain;
  }

  @RequiresScope('read')
  @Subscription(() => ProductInstance, {
    subscribe: productInstanceStream,
    description:
      "A product instance's status (PENDING, AWAITING_ACTION…): the current state at once, then every change; completes at ENABLED, CANCELED or FAILED. Errors NOT_FOUND when the instance is not visible to this account.",
  })
  productInstanceUpdated(
    @Root() instance: ProductInstanceModel,
    @Args(() => ProductInstanceUpdatedArgs) _args: ProductInstanceUpdatedArgs,
  ): ProductInstanceModel {
    return instance;
  }
}

/**
 * type-graphql refuses to build subscriptions without a PubSub, even when each has its own `subscribe`. Ours all do:
 * this one only fails loudly if a topic-based subscription is ever added by mistake.
 */
export const noPubSub: PubSub = {
  publish() {
    throw new Error('The gateway has no PubSub: subscriptions are fed by pollers (subscribe functions)');
  },
  subscribe() {
    throw new Error('The gateway has no PubSub: subscriptions are fed by pollers (subscribe functions)');
  },
};
