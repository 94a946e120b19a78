import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { instanceOf } from '../datasources/resellers.datasource.js';
import {
  AdjustProductInstanceInput,
  AssignProductInstanceInput,
  CancelProductInstanceInput,
  ReassignProductInstanceInput,
  UnassignProductInstanceInput,
} from '../schema/instance-mutations.input.js';
import {
  AdjustProductInstancePayload,
  AssignProductInstancePayload,
  CancelProductInstancePayload,
  ReassignProductInstancePayload,
  UnassignProductInstancePayload,
} from '../schema/reseller-mutations.payload.js';
import { GatewayUserErrorCode, toUserErrorWith, userError } from '../user-errors/index.js';
import { ADJUST_ERRORS, ASSIGN_ERRORS, RESELLER_ERRORS } from '../user-errors/resellers.js';
import { accountScopeOf } from './account-input.js';
import { runMutation } from './mutation-runner.js';
import { wixIdOf } from './ids.js';
import { toBillingSpec } from './reseller-mutations.resolver.js';

const instanceIdOf = (input: { productInstanceId: string }) =>
  wixIdOf(input.productInstanceId, 'ProductInstance', 'input.productInstanceId');
const siteIdOf = (input: { siteId: string }) => wixIdOf(input.siteId, 'Site', 'input.siteId');

/** Product-instance writes: assign, unassign, reassign, adjust, cancel. */
@Resolver()
export class InstanceMutationsResolver {
  @RequiresScope('write')
  @Mutation(() => AssignProductInstancePayload, {
    description:
      'Assign a product instance to a site (Wix Assign Product Instance To Site); the customer gets its features at once.',
  })
  async assignProductInstance(
    @Arg('input', () => AssignProductInstanceInput, { description: 'The instance and the site.' })
    input: AssignProductInstanceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<AssignProductInstancePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const [instanceId, siteId] = [instanceIdOf(input), siteIdOf(input)];
    const empty = (): AssignProductInstancePayload => ({ productInstance: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'assignProductInstance',
      errors: ASSIGN_ERRORS,
      empty,
      write: async () => ({
        productInstance: instanceOf(await scope.resellers.assignInstance(instanceId, siteId), instanceId),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => UnassignProductInstancePayload, {
    description:
      'Take a product instance off its site (Wix Unassign Product Instance From Site): it becomes floating, the customer loses its features at once, and dependants may break.',
  })
  async unassignProductInstance(
    @Arg('input', () => UnassignProductInstanceInput, { description: 'The instance.' })
    input: UnassignProductInstanceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<UnassignProductInstancePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const instanceId = instanceIdOf(input);
    const empty = (): UnassignProductInstancePayload => ({ productInstance: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'unassignProductInstance',
      errors: RESELLER_ERRORS,
      empty,
      write: async () => ({
        productInstance: instanceOf(await scope.resellers.unassignInstance(instanceId), instanceId),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => ReassignProductInstancePayload, {
    description:
      'Move a product instance to another site (Wix Assign on an assigned instance). Nothing is written when it is already there. When Wix refuses the move, the instance is re-read and returned with the user error: a failed move can leave it on the old site or floating.',
  })
  async reassignProductInstance(
    @Arg('input', () => ReassignProductInstanceInput, { description: 'The instance and the site to move it to.' })
    input: ReassignProductInstanceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<ReassignProductInstancePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const [instanceId, siteId] = [instanceIdOf(input), siteIdOf(input)];
    const empty = (): ReassignProductInstancePayload => ({
      productInstance: null,
      previousSiteWixId: null,
      userErrors: [],
    });
    return runMutation(ctx, {
      mutation: 'reassignProductInstance',
      errors: ASSIGN_ERRORS,
      empty,
      write: async () => {
        const current = await scope.resellers.instance(instanceId);
        if (!current)
          return {
            ...empty(),
            userErrors: [
              userError(
                GatewayUserErrorCode.NOT_FOUND,
                'The product instance does not exist or is not visible to this account.',
                'input.productInstanceId',
              ),
            ],
          };
        const previousSiteWixId = current.siteWixId ?? null;
        if (previousSiteWixId === siteId) return { productInstance: current, previousSiteWixId, userErrors: [] };
        try {
          return {
            productInstance: instanceOf(await scope.resellers.assignInstance(instanceId, siteId), instanceId),
            previousSiteWixId,
            userErrors: [],
          };
        } catch (error) {
          const refused = toUserErrorWith(error, ASSIGN_ERRORS);
          if (!refused) throw error;
          scope.resellers.forget();
          return {
            productInstance: await scope.resellers.instance(instanceId),
            previousSiteWixId,
            userErrors: [refused],
          };
        }
      },
    });
  }

  @RequiresScope('purchase')
  @Mutation(() => AdjustProductInstancePayload, {
    description:
      'Up- or downgrade a product instance or change its billing cycle (Wix Adjust Product Instance Specifications); features change at once. Paid: requires an idempotency key.',
  })
  async adjustProductInstance(
    @Arg('input', () => AdjustProductInstanceInput, { description: 'The instance and its new product and/or billing.' })
    input: AdjustProductInstanceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<AdjustProductInstancePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const instanceId = instanceIdOf(input);
    const change = {
      catalogProductId: input.catalogProductId ?? null,
      billing: toBillingSpec(input.billing),
      discountCode: input.discountCode ?? null,
    };
    const empty = (): AdjustProductInstancePayload => ({ productInstance: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'adjustProductInstance',
      key: input.idempotencyKey,
      input,
      errors: ADJUST_ERRORS,
      empty,
      write: async () => ({
        productInstance: instanceOf(
          await scope.resellers.adjustInstance(instanceId, change, input.idempotencyKey),
          instanceId,
        ),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('purchase')
  @Mutation(() => CancelProductInstancePayload, {
    description:
      'Cancel one paid service (Wix Cancel Product Instance); the customer loses it at once and dependants may break. Irreversible: requires an idempotency key.',
  })
  async cancelProductInstance(
    @Arg('input', () => CancelProductInstanceInput, { description: 'The instance to cancel.' })
    input: CancelProductInstanceInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CancelProductInstancePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const instanceId = instanceIdOf(input);
    const empty = (): CancelProductInstancePayload => ({ productInstance: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'cancelProductInstance',
      key: input.idempotencyKey,
      input,
      errors: RESELLER_ERRORS,
      empty,
      write: async () => ({
        productInstance: instanceOf(await scope.resellers.cancelInstance(instanceId, input.idempotencyKey), instanceId),
        userErrors: [],
      }),
    });
  }
}
