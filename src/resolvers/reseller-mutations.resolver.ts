import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { BillingSpec, NewPackageSpec } from '../datasources/resellers.dto.js';
import { externalIdFor } from '../idempotency/external-ids.js';
import {
  CancelPackageInput,
  CreatePackageInput,
  UpdatePackageExternalIdInput,
  type BillingInput,
} from '../schema/reseller-mutations.input.js';
import {
  CancelPackagePayload,
  CreatePackagePayload,
  UpdatePackageExternalIdPayload,
} from '../schema/reseller-mutations.payload.js';
import { RESELLER_ERRORS } from '../user-errors/resellers.js';
import { accountScopeOf } from './account-input.js';
import { runMutation } from './mutation-runner.js';
import { wixIdOf } from './ids.js';

/** A BillingInput as the data sources take it. */
export function toBillingSpec(billing?: BillingInput | null): BillingSpec | null {
  return billing
    ? { type: billing.type, cycle: billing.cycle ? { unit: billing.cycle.unit, count: billing.cycle.count } : null }
    : null;
}

/**
 * The package Create Package V2 is asked for, in Wix IDs. Without a client `externalId` the package gets one derived
 * from the tenant and the idempotency key, so a purchase whose answer was lost is found again rather than repeated.
 */
export function toNewPackage(
  input: CreatePackageInput,
  tenantId: string,
): NewPackageSpec & { derivedExternalId: boolean } {
  return {
    idempotencyKey: input.idempotencyKey,
    externalId: input.externalId ?? externalIdFor(tenantId, input.idempotencyKey, 'package'),
    derivedExternalId: !input.externalId,
    products: input.products.map((p, i) => ({
      catalogProductId: p.catalogProductId,
      countryCode: p.countryCode.toUpperCase(),
      siteId: p.siteId ? wixIdOf(p.siteId, 'Site', `input.products.${i}.siteId`) : null,
      billing: toBillingSpec(p.billing),
      discountCode: p.discountCode ?? null,
      referenceProductInstanceId: p.referenceProductInstanceId
        ? wixIdOf(p.referenceProductInstanceId, 'ProductInstance', `input.products.${i}.referenceProductInstanceId`)
        : null,
    })),
  };
}

/** Package-level reseller writes: createPackage, cancelPackage, updatePackageExternalId. */
@Resolver()
export class ResellerMutationsResolver {
  @RequiresScope('purchase')
  @Mutation(() => CreatePackagePayload, {
    description:
      'Buy a package of paid services for an account (Wix Create Package V2). Paid: requires an idempotency key; a retry with the same key returns the same package and never buys twice.',
  })
  async createPackage(
    @Arg('input', () => CreatePackageInput, { description: 'What to buy, and for which account.' })
    input: CreatePackageInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CreatePackagePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const spec = toNewPackage(input, ctx.tenantId);
    const empty = (): CreatePackagePayload => ({ package: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'createPackage',
      key: input.idempotencyKey,
      input,
      errors: RESELLER_ERRORS,
      empty,
      write: async () => {
        // A derived external ID is ours alone: a package carrying it was bought by an earlier attempt of this request.
        if (spec.derivedExternalId) {
          const earlier = (await scope.resellers.packagesByExternalId(spec.externalId as string)).find(
            (p) => p.accountId === scope.accountId,
          );
          if (earlier) return { package: earlier, userErrors: [] };
        }
        return { package: await scope.resellers.createPackage(spec), userErrors: [] };
      },
    });
  }

  @RequiresScope('purchase')
  @Mutation(() => CancelPackagePayload, {
    description:
      'Cancel every paid service of a package at once (Wix Cancel Package); the customer loses them immediately and dependants stop (e.g. a connected domain of a canceled plan). Irreversible: requires an idempotency key.',
  })
  async cancelPackage(
    @Arg('input', () => CancelPackageInput, { description: 'The package to cancel.' }) input: CancelPackageInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CancelPackagePayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const packageId = wixIdOf(input.packageId, 'Package', 'input.packageId');
    const empty = (): CancelPackagePayload => ({ package: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'cancelPackage',
      key: input.idempotencyKey,
      input,
      errors: RESELLER_ERRORS,
      empty,
      write: async () => ({
        package: await scope.resellers.cancelPackage(packageId, input.idempotencyKey),
        userErrors: [],
      }),
    });
  }

  @RequiresScope('write')
  @Mutation(() => UpdatePackageExternalIdPayload, {
    description: 'Set your own reference of a package (Wix Update Package External Id). Repeating it is harmless.',
  })
  async updatePackageExternalId(
    @Arg('input', () => UpdatePackageExternalIdInput, { description: 'The package and its new external ID.' })
    input: UpdatePackageExternalIdInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<UpdatePackageExternalIdPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const packageId = wixIdOf(input.packageId, 'Package', 'input.packageId');
    const empty = (): UpdatePackageExternalIdPayload => ({ package: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'updatePackageExternalId',
      errors: RESELLER_ERRORS,
      empty,
      write: async () => ({
        package: await scope.resellers.updateExternalId(packageId, input.externalId),
        userErrors: [],
      }),
    });
  }
}
