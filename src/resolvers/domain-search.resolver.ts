import { RequiresScope } from '../auth/field-scopes.js';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { DomainAvailability as DomainAvailabilityModel } from '../model/domain.js';
import { DomainAvailabilityArgs, DomainSuggestionsArgs } from '../schema/domain.args.js';
import { DomainAvailability, DomainSuggestionConnection } from '../schema/domain-search.type.js';
import { toConnection } from './connection.js';

/** Domain Search root fields: availability of one name, and suggestions as a connection. */
@Resolver()
export class DomainSearchResolver {
  @RequiresScope('read')
  @Query(() => DomainAvailability, {
    nullable: true,
    description: 'Whether a domain name can be bought through Wix, and whether it costs more than the standard price.',
  })
  domainAvailability(
    @Args(() => DomainAvailabilityArgs) args: DomainAvailabilityArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<DomainAvailabilityModel> {
    return ctx.tenant.domainSearch.availability.load(args.domain.toLowerCase());
  }

  @RequiresScope('read')
  @Query(() => DomainSuggestionConnection, {
    nullable: true,
    description: "Available domain names Wix suggests for a search phrase, in Wix's order (pages of up to 20).",
  })
  async domainSuggestions(@Args(() => DomainSuggestionsArgs) args: DomainSuggestionsArgs, @Ctx() ctx: GatewayContext) {
    return toConnection(await ctx.tenant.domainSearch.suggest(args));
  }
}
