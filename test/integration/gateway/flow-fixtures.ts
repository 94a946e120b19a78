import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { PRODUCT, type CallRecord } from '@wix-account-graph/sandbox';
import type { Gateway } from '../../../src/server.js';
import { FlowOperationDocument, type FlowOperationQuery, type SetUpCustomerSiteInput } from '../../gql/graphql.js';
import type { TestSandbox } from '../../helpers/sandbox.js';
import { TestStack, type StackOptions } from '../../helpers/stack.js';

/**
 * Fixtures of the flow tests: a stack whose pollers and retries are fast, a way to follow an operation to a status
 * (advancing the sandbox's manual clock where Wix works asynchronously), and the write calls of the call log.
 */
export type FlowOperation = NonNullable<FlowOperationQuery['operation']>;

/** Sandbox + gateway with 20 ms polls and 10 ms retry backoff, and an in-memory operation store. */
/** Stack options for flow tests: fast pollers and step retries, a throwaway operation store. */
export const FLOW_STACK: StackOptions = {
  gateway: {
    polling: { intervalMs: 20, maxIntervalMs: 50, jitter: 0 },
    operations: { storePath: ':memory:', retryDelayMs: 10 },
  },
};

export function startFlowStack(): Promise<TestStack> {
  return TestStack.start(FLOW_STACK);
}

/** The operation as `operation(id)` shows it now. */
export async function readOperation(
  stack: TestStack,
  id: string,
  headers?: Record<string, string>,
): Promise<FlowOperation> {
  const { operation } = await stack.data(FlowOperationDocument, { id }, headers);
  if (!operation) throw new Error(`operation ${id} not found`);
  return operation;
}

/**
 * Polls `operation(id)` until `done(op)`; each round without it may advance the sandbox clock by `advanceMs` (so
 * activation, registration and propagation happen). Fails after `timeoutMs` printing the last state.
 */
export async function until(
  stack: TestStack,
  id: string,
  done: (op: FlowOperation) => boolean,
  options: { advanceMs?: number; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<FlowOperation> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let op = await readOperation(stack, id, options.headers);
  while (!done(op)) {
    if (Date.now() > deadline)
      throw new Error(`operation did not get there in time; last state:\n${JSON.stringify(op, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    if (options.advanceMs && op.status === 'WAITING') await stack.sandbox.advance(options.advanceMs);
    op = await readOperation(stack, id, options.headers);
  }
  return op;
}

/** Follows the operation to a final status, advancing the clock by a minute per round while it waits. */
export function finished(
  stack: TestStack,
  id: string,
  options: { advanceMs?: number; headers?: Record<string, string> } = {},
): Promise<FlowOperation> {
  return until(stack, id, (op) => ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(op.status), {
    advanceMs: options.advanceMs ?? 60_000,
    headers: options.headers,
  });
}

/** Sandbox operations that change something (everything but reads). */
const READS = new Set(['querySites', 'queryPackages', 'getPackage', 'listChildAccounts', 'getAccount']);
export function writeCalls(calls: CallRecord[]): CallRecord[] {
  return calls.filter((c) => c.method !== 'GET' && !READS.has(c.operation));
}

/** Step statuses by name. */
export function stepStatuses(op: { steps: Array<{ name: string; status: string }> }): Record<string, string> {
  return Object.fromEntries(op.steps.map((s) => [s.name, s.status]));
}

/** Asserts the operation SUCCEEDED and returns it. */
export function expectSucceeded(op: FlowOperation): FlowOperation {
  expect(op.status, JSON.stringify(op, null, 2)).toBe('SUCCEEDED');
  expect(op.userErrors).toEqual([]);
  return op;
}

/** Runs an operation against a gateway started by the test itself; fails unless there is data and no error. */
export async function gatewayData<TData, TVars>(
  gateway: Gateway,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Promise<TData> {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: TData; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return body.data;
}

/**
 * A setUpCustomerSite input that buys one yearly Premium Core plan for a free main-account site with no instances,
 * moving it to the first sub-account.
 */
export async function customerSiteInput(sandbox: TestSandbox, idempotencyKey: string): Promise<SetUpCustomerSiteInput> {
  const main = sandbox.seed.mainAccountId;
  const world = await sandbox.world();
  const site = [...world.sites.values()].find(
    (s) => s.ownerAccountId === main && !s.premium && world.instancesOfSite(s.id).length === 0,
  )?.id as string;
  return {
    idempotencyKey,
    siteId: site,
    targetAccountId: sandbox.seed.subAccountIds[0] as string,
    products: [{ catalogProductId: PRODUCT.premiumCore, countryCode: 'US', billingCycle: { unit: 'YEAR', count: 1 } }],
  };
}

/** A registrant every domain flow test uses (valid for the sandbox's contact rules). */
export const REGISTRANT = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address: '1 Main Street',
  city: 'Springfield',
  countryCode: 'US',
  subdivisionCode: 'US-IL',
  postalCode: '62701',
  phone: '+15551234567',
};
