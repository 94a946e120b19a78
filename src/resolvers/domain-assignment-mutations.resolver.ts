import { RequiresScope } from '../auth/field-scopes.js';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { DomainAssignmentType } from '../model/domain.js';
import { AssignDomainInput, DomainAssignmentInput } from '../schema/domain-assignment-mutations.input.js';
import { DomainAssignmentPayload } from '../schema/domain-assignment-mutations.payload.js';
import { ASSIGNMENT_ERRORS } from '../user-errors/sites.js';
import { accountScopeOf } from './account-input.js';
import { runMutation } from './mutation-runner.js';
import { wixIdOf } from './ids.js';

const empty = (): DomainAssignmentPayload => ({ domainAssignment: null, userErrors: [] });

/**
 * Domain assignment writes (Wix Domain Assignments API): each one upstream write, once per idempotency key, expected
 * refusals as user errors. Wix changes the site's other assignments as documented (see the input descriptions).
 */
@Resolver()
export class DomainAssignmentMutationsResolver {
  @RequiresScope('write')
  @Mutation(() => DomainAssignmentPayload, {
    description:
      'Assign a domain of the account to a Premium site as PRIMARY or REDIRECT, or move a redirect from another site (Wix Upsert Domain Assignment). A domain already on that site is answered unchanged. Once per idempotency key.',
  })
  async assignDomain(
    @Arg('input', () => AssignDomainInput, { description: 'The domain, the site and the role.' })
    input: AssignDomainInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DomainAssignmentPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const siteId = wixIdOf(input.siteId, 'Site', 'input.siteId');
    return runMutation(ctx, {
      mutation: 'assignDomain',
      key: input.idempotencyKey,
      input,
      errors: ASSIGNMENT_ERRORS,
      empty,
      write: async () => {
        const domainAssignment = await scope.domainAssignments.upsert(
          input.domain.toLowerCase(),
          siteId,
          input.assignmentType,
        );
        scope.connectedDomains.byDomain.clearAll();
        return { domainAssignment, userErrors: [] };
      },
    });
  }

  @RequiresScope('write')
  @Mutation(() => DomainAssignmentPayload, {
    description:
      "Make an assigned domain its site's primary domain (Wix Set Domain As Primary): the old primary becomes a redirect and every redirect points at the new one. Once per idempotency key.",
  })
  async setPrimaryDomain(
    @Arg('input', () => DomainAssignmentInput, { description: 'The domain to make primary.' })
    input: DomainAssignmentInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DomainAssignmentPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    return runMutation(ctx, {
      mutation: 'setPrimaryDomain',
      key: input.idempotencyKey,
      input,
      errors: ASSIGNMENT_ERRORS,
      empty,
      write: async () => {
        const domainAssignment = await scope.domainAssignments.setPrimary(input.domain.toLowerCase());
        scope.connectedDomains.byDomain.clearAll();
        return { domainAssignment, userErrors: [] };
      },
    });
  }

  @RequiresScope('write')
  @Mutation(() => DomainAssignmentPayload, {
    description:
      "Unassign a domain from its site (Wix Delete Domain Assignment). Unassigning a site's primary domain unassigns all of the site's domains. Once per idempotency key.",
  })
  async unassignDomain(
    @Arg('input', () => DomainAssignmentInput, { description: 'The domain to unassign.' })
    input: DomainAssignmentInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DomainAssignmentPayload> {
    const scope = await accountScopeOf(ctx, input.accountId);
    const domain = input.domain.toLowerCase();
    return runMutation(ctx, {
      mutation: 'unassignDomain',
      key: input.idempotencyKey,
      input,
      errors: ASSIGNMENT_ERRORS,
      empty,
      write: async () => {
        await scope.domainAssignments.delete(domain);
        scope.connectedDomains.byDomain.clearAll();
        const domainAssignment = {
          domain,
          ownerAccountId: scope.accountId,
          assignmentType: DomainAssignmentType.UNASSIGNED,
          siteWixId: null,
        };
        return { domainAssignment, userErrors: [] };
      },
    });
  }
}
