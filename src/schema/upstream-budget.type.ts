import { Field, Float, Int, ObjectType } from 'type-graphql';

/** One class of upstream work in the budget. */
@ObjectType('UpstreamBudgetClass', { description: 'Upstream calls of one class of work in the rate budget.' })
export class UpstreamBudgetClass {
  @Field(() => String, {
    description:
      'The class, in the order it is served: `interactive` (queries, mutations), `flow` (flow steps), `poll` (status polls and background cache refreshes).',
  })
  name!: string;

  @Field(() => Int, { description: 'Calls of this class given budget in the last window.' })
  callsInWindow!: number;

  @Field(() => Int, { description: 'Calls of this class waiting for budget now.' })
  queued!: number;
}

/** One tenant's use of the budget. */
@ObjectType('UpstreamBudgetTenant', { description: "One tenant's upstream calls in the last window." })
export class UpstreamBudgetTenant {
  @Field(() => String, { description: 'The tenant (account ID the requests acted as; `main` for the main account).' })
  tenantId!: string;

  @Field(() => Int, { description: 'Calls made for it in the last window.' })
  calls!: number;
}

/** The polls' share, spread over the watched resources. */
@ObjectType('UpstreamPollPace', { description: 'How often watched resources are polled now, given the budget.' })
export class UpstreamPollPace {
  @Field(() => Int, { description: 'Shortest delay between polls of a resource a running flow waits on, in ms.' })
  flowIntervalMs!: number;

  @Field(() => Int, { description: 'Shortest delay between polls of a resource only subscribers watch, in ms.' })
  subscriptionIntervalMs!: number;

  @Field(() => Int, { description: 'Resources polled because a flow waits on them.' })
  flowResources!: number;

  @Field(() => Int, { description: 'Resources polled for subscribers only.' })
  subscriptionResources!: number;
}

/** The read cache's counters. */
@ObjectType('UpstreamReadCache', { description: 'The read cache in front of Wix reads (READ_CACHE).' })
export class UpstreamReadCache {
  @Field(() => Int, { description: 'Answers held now.' })
  entries!: number;

  @Field(() => Float, { description: 'Reads answered fresh from the cache since start.' })
  hits!: number;

  @Field(() => Float, { description: 'Reads answered stale from the cache (while being refreshed) since start.' })
  staleHits!: number;

  @Field(() => Float, { description: 'Cacheable reads this instance did not hold (fresh or stale) since start.' })
  misses!: number;

  @Field(() => Float, {
    description:
      'Of those misses, reads answered by the cache the instances share through Redis (REDIS_URL) since start.',
  })
  sharedHits!: number;
}

/** The rate budget as it stands: what `upstreamBudget` answers. */
@ObjectType('UpstreamBudget', {
  description:
    "The gateway's budget of Wix calls (WIX_RATE_LIMIT_PER_MINUTE): its limit, its use, its queues, the poll pace.",
})
export class UpstreamBudget {
  @Field(() => Int, { description: 'Calls allowed per window (the configured limit).' })
  limit!: number;

  @Field(() => String, {
    description:
      '`local` (this instance alone), `shared` (every instance on REDIS_URL takes from one budget) or `degraded` (Redis away: this instance keeps to limit / GATEWAY_INSTANCES).',
  })
  mode!: string;

  @Field(() => Int, { description: 'The limit in force now: lower than `limit` for a while after Wix answered 429.' })
  effectiveLimit!: number;

  @Field(() => Int, { description: 'The window the limit counts over, in seconds (60).' })
  windowSeconds!: number;

  @Field(() => Int, { description: 'Calls that may go at once after a quiet spell.' })
  burst!: number;

  @Field(() => Int, { description: 'Calls that could go right now without waiting.' })
  tokens!: number;

  @Field(() => Int, { description: 'Milliseconds left of a pause Wix asked for (Retry-After of a 429); 0 when none.' })
  pausedForMs!: number;

  @Field(() => Float, { description: 'Times Wix answered 429 since start.' })
  throttled!: number;

  @Field(() => Float, {
    description: 'Calls refused since start because no budget would come in time (UPSTREAM_RATE_LIMITED).',
  })
  rejected!: number;

  @Field(() => Int, { description: 'Calls given budget in the last window.' })
  callsInWindow!: number;

  @Field(() => [UpstreamBudgetClass], { description: 'Use and queue of each class, in the order they are served.' })
  classes!: UpstreamBudgetClass[];

  @Field(() => [UpstreamBudgetTenant], {
    description: 'The tenants that used the most in the last window (at most 20).',
  })
  tenants!: UpstreamBudgetTenant[];

  @Field(() => UpstreamPollPace, { nullable: true, description: 'The poll intervals the budget allows now.' })
  pollPace?: UpstreamPollPace | null;

  @Field(() => UpstreamReadCache, { nullable: true, description: 'The read cache; null when READ_CACHE=off.' })
  readCache?: UpstreamReadCache | null;
}
