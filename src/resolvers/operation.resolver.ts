import { RequiresScope } from '../auth/field-scopes.js';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { isFinal, type OperationRecord } from '../flows/operation.js';
import type { FlowOperations } from '../flows/operation-services.js';
import { CancelOperationInput } from '../schema/flow-domain.input.js';
import { CancelOperationPayload } from '../schema/flow.payload.js';
import { Operation } from '../schema/operation.type.js';
import { userError } from '../user-errors/index.js';
import { wixIdOf } from './ids.js';
import { toOperation } from './operation.map.js';

/** The stored operation of an ID (global or raw), if the request's tenant owns it; another tenant's is invisible. */
async function ownOperation(ctx: GatewayContext, id: string, field: string): Promise<OperationRecord | undefined> {
  const storeId = wixIdOf(id, 'Operation', field);
  const record = await ctx.operations.get(storeId.toLowerCase());
  return record?.tenantId === ctx.tenantId ? record : undefined;
}

@ArgsType()
export class OperationUpdatedArgs {
  @Field(() => ID, { description: "The operation's ID." })
  id!: string;
}

/** How often a subscription re-reads the store when the local runner has not pushed (the operation may run elsewhere). */
const STORE_POLL_MS = 1_000;
/** Saved states a slow subscriber may have queued before the oldest are dropped. */
const MAX_QUEUED = 50;

/**
 * The operation's states: the current one first, then every saved change (pushed by the runner that executes it,
 * or read from the store when another gateway runs it), ending after a final status. A hand-written iterator rather
 * than an async generator so that `return()` (the client unsubscribed) ends it at once, even while it idles.
 */
function operationStates(operations: FlowOperations, first: OperationRecord): AsyncIterableIterator<Operation> {
  const queue: OperationRecord[] = [];
  let wake: (() => void) | undefined;
  let version = -1;
  let ended = false;
  const unsubscribe = operations.subscribe(first.id, (op) => {
    queue.push(op);
    if (queue.length > MAX_QUEUED) queue.shift();
    wake?.();
  });
  const end = (): IteratorResult<Operation> => {
    if (!ended) {
      ended = true;
      unsubscribe();
      wake?.();
    }
    return { done: true, value: undefined };
  };
  const emit = (record: OperationRecord): IteratorResult<Operation> => {
    version = record.version;
    if (isFinal(record.status)) end();
    return { done: false, value: toOperation(record) };
  };
  return {
    async next() {
      if (version < 0) return emit(first);
      while (!ended) {
        if (queue.length === 0) await idle((resume) => (wake = resume));
        wake = undefined;
        const next = queue.shift() ?? (await operations.get(first.id));
        if (!ended && next && next.version > version) return emit(next);
      }
      return end();
    },
    async return() {
      return end();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Resolves on the next push (or end) or after STORE_POLL_MS. */
function idle(onPush: (resume: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, STORE_POLL_MS);
    onPush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function operationStream({
  args,
  context,
}: SubscribeResolverData<unknown, OperationUpdatedArgs, GatewayContext>): Promise<AsyncIterable<Operation>> {
  const record = await ownOperation(context, String(args.id ?? ''), 'id');
  if (!record) throw new GatewayError(ErrorCode.NOT_FOUND, 'This account has no such operation');
  return operationStates(context.operations, record);
}

/** Operations: look one up, cancel one, follow one. */
@Resolver(() => Operation)
export class OperationResolver {
  @RequiresScope('read')
  @Query(() => Operation, {
    nullable: true,
    description: 'An operation started by a flow mutation, by ID; null when this account has no such operation.',
  })
  async operation(
    @Arg('id', () => ID, { description: "The operation's ID (from the flow mutation's payload)." }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<Operation | null> {
    const record = await ownOperation(ctx, id, 'id');
    return record ? toOperation(record) : null;
  }

  @RequiresScope('write')
  @Mutation(() => CancelOperationPayload, {
    description:
      'Stops an operation: a waiting step stops waiting and no later step runs. What was already done (a transfer, a purchase) is not undone.',
  })
  async cancelOperation(
    @Arg('input', () => CancelOperationInput, { description: 'Which operation.' }) input: CancelOperationInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CancelOperationPayload> {
    const record = await ownOperation(ctx, input.id, 'input.id');
    if (!record)
      return {
        operation: null,
        userErrors: [userError('NOT_FOUND', 'This account has no such operation.', 'input.id')],
      };
    const after = await ctx.operations.cancel(record.id);
    return { operation: after ? toOperation(after) : null, userErrors: [] };
  }

  @RequiresScope('read')
  @Subscription(() => Operation, {
    subscribe: operationStream,
    description:
      "An operation's progress: its current state at once, then every saved change (step started, waiting, done…); completes when it SUCCEEDED, FAILED or was CANCELED. Errors NOT_FOUND when this account has no such operation.",
  })
  operationUpdated(
    @Root() operation: Operation,
    @Args(() => OperationUpdatedArgs) _args: OperationUpdatedArgs,
  ): Operation {
    return operation;
  }
}
