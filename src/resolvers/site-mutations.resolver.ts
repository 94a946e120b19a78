import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { CreateSubAccountInput, TransferSiteInput } from '../schema/site-mutations.input.js';
import { CreateSubAccountPayload, TransferSitePayload } from '../schema/site-mutations.payload.js';
import { ACCOUNT_ERRORS, TRANSFER_ERRORS } from '../user-errors/resellers.js';
import { accountNode } from './account.resolver.js';
import { runMutation } from './mutation-runner.js';
import { wixIdOf } from './ids.js';

/** Site transfer and sub-account creation: both irreversible, both once per idempotency key. */
@Resolver()
export class SiteMutationsResolver {
  @RequiresScope('write')
  @Mutation(() => TransferSitePayload, {
    description:
      "Move a site from one account of the tree to another (Wix Transfer Site; synchronous). Wix refuses while the site has paid services (SITE_TRANSFER_NOT_SUPPORTED): cancel them, transfer, then buy them again for the new owner. Both accounts must be within the request's reach (FORBIDDEN otherwise, before anything is written). A site already in the target account (e.g. a retry after a timeout) is answered as moved. Irreversible: requires an idempotency key.",
  })
  async transferSite(
    @Arg('input', () => TransferSiteInput, { description: 'The site, where it moves to, and where it is now.' })
    input: TransferSiteInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<TransferSitePayload> {
    const siteId = wixIdOf(input.siteId, 'Site', 'input.siteId');
    const targetId = input.targetAccountId
      ? wixIdOf(input.targetAccountId, 'Account', 'input.targetAccountId')
      : ctx.tenantId;
    const sourceId = input.sourceAccountId
      ? wixIdOf(input.sourceAccountId, 'Account', 'input.sourceAccountId')
      : ctx.mainAccountId;
    // Tenancy of both accounts first: a target or source outside the tree is FORBIDDEN with no upstream write.
    const target = await ctx.scope(targetId);
    const source = await ctx.scope(sourceId);
    const empty = (): TransferSitePayload => ({ site: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'transferSite',
      key: input.idempotencyKey,
      input,
      errors: TRANSFER_ERRORS,
      empty,
      write: async () => {
        try {
          await target.siteTransfer.transferSite({
            siteId,
            sourceAccountId: sourceId,
            enableNotifications: input.enableNotifications,
          });
        } catch (error) {
          // Not in the source account: when it is in the target already (an earlier call whose answer was lost, or a
          // retry after a timeout), the wanted state is there — answer it rather than a misleading SITE_NOT_FOUND.
          target.sites.byId.clear(siteId);
          if (!(
            error instanceof GatewayError &&
            error.wixCode === 'SITE_NOT_FOUND' &&
            (await target.sites.byId.load(siteId))
          ))
            throw error;
        }
        source.sites.byId.clear(siteId);
        target.sites.byId.clear(siteId);
        return { site: await target.sites.byId.load(siteId), userErrors: [] };
      },
    });
  }

  @RequiresScope('write')
  @Mutation(() => CreateSubAccountPayload, {
    description:
      'Create a sub-account (child account) of the main account, owned by a new user (Wix Create Account). Only the main account may do this (FORBIDDEN otherwise). The new account can be used at once. Irreversible: requires an idempotency key. Wix cannot deduplicate this call: when it fails without an answer (timeout, 5xx), a retry with the same key answers IDEMPOTENCY_OUTCOME_UNKNOWN instead of possibly creating a second account — check `subAccounts`, then use a new key if it was not created.',
  })
  async createSubAccount(
    @Arg('input', () => CreateSubAccountInput, { description: 'The owner of the new account.' })
    input: CreateSubAccountInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CreateSubAccountPayload> {
    if (ctx.tenantId !== ctx.mainAccountId)
      throw new GatewayError(
        ErrorCode.FORBIDDEN,
        'Only the main account creates sub-accounts; send the request as the main account',
      );
    const empty = (): CreateSubAccountPayload => ({ account: null, userErrors: [] });
    return runMutation(ctx, {
      mutation: 'createSubAccount',
      key: input.idempotencyKey,
      input,
      errors: ACCOUNT_ERRORS,
      empty,
      write: async () => {
        const accountId = await ctx.accounts.createChildAccount(ctx.mainAccountId, {
          email: input.email,
          emailVerified: input.emailVerified,
          firstName: input.firstName,
          lastName: input.lastName,
          language: input.language,
          roles: input.roles,
        });
        return { account: accountNode(accountId), userErrors: [] };
        // Wix takes no idempotency key for Create Account and a second call makes a second account: after a failure of
        // unknown outcome (timeout, lost connection, 5xx) the key is held, and a retry with it is not sent to Wix.
      },
      holdOnUnknownOutcome: true,
    });
  }
}
