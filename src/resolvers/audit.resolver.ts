import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RequiresScope } from '../auth/field-scopes.js';
import type { AuditEvent as AuditEventRecord } from '../auth/audit-store.js';
import type { GatewayContext } from '../context.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { AuditEvent, AuditEventConnection, AuditEventsArgs } from '../schema/audit.type.js';
import type { Connection } from '../schema/connection.type.js';
import { toGlobalId } from '../schema/node.type.js';

/** The audit trail, read-only: no field of the API edits or deletes an event. */
@Resolver()
export class AuditResolver {
  @RequiresScope('admin')
  @Query(() => AuditEventConnection, {
    description:
      'Every write the gateway made to Wix, newest first (Relay connection, at most 100 a page). Needs the `admin` scope on `all` accounts.',
  })
  async auditEvents(
    @Args(() => AuditEventsArgs) args: AuditEventsArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<Connection<AuditEvent>> {
    if (ctx.caller.accounts !== 'all')
      throw new GatewayError(ErrorCode.FORBIDDEN, 'auditEvents needs a credential for all accounts');
    const before = args.after ? seqOf(args.after) : undefined;
    const f = args.filter ?? {};
    const { events, hasMore } = await ctx.audit.page(
      {
        since: f.since?.toISOString(),
        until: f.until?.toISOString(),
        accountId: f.accountId,
        callerId: f.caller,
        paidOnly: f.paidOnly,
      },
      args.first,
      before,
    );
    const edges = events.map((e) => ({ cursor: cursorOf(e.seq), node: toAuditEvent(e) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: hasMore,
        hasPreviousPage: before !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: null,
    };
  }
}

function cursorOf(seq: number): string {
  return Buffer.from(`audit:${seq}`).toString('base64url');
}

function seqOf(cursor: string): number {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of auditEvents', {
      fields: [{ field: 'after', message: 'must be a pageInfo.endCursor of auditEvents' }],
    });
  return Number(match[1]);
}

function toAuditEvent(e: AuditEventRecord): AuditEvent {
  return Object.assign(new AuditEvent(), {
    time: new Date(e.time),
    caller: e.callerId,
    callerName: e.callerName,
    tenantId: e.tenantId,
    accountId: e.accountId,
    operationName: e.operationName,
    mutation: e.mutation,
    operationId: e.operationId ? toGlobalId('Operation', e.operationId) : null,
    idempotencyKey: e.idempotencyKey,
    endpoint: e.endpoint,
    request: e.request,
    paid: e.paid,
    status: e.status,
    wixCode: e.wixCode,
    errorCode: e.errorCode,
    createdIds: e.createdIds,
  });
}
