import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { AccountFoldersDocument, CreateFolderDocument, UpstreamBudgetDocument } from '../../gql/graphql.js';
import type { Cluster, ClusterInstance } from '../../helpers/cluster.js';

/** An answer's data and its `extensions.upstream` (the Wix calls it made, and those served from the read cache). */
async function withUsage<TData, TVars>(
  instance: ClusterInstance,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Promise<{ data: TData; upstream: { calls: number; cached: number } }> {
  const res = await fetch(instance.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: TData; errors?: unknown[]; extensions?: { upstream?: never } };
  if (body.errors?.length || !body.data) throw new Error(`operation failed: ${JSON.stringify(body)}`);
  return { data: body.data, upstream: body.extensions?.upstream as never };
}

/**
 * The read cache shared through Redis (READ_CACHE=on, REDIS_URL), over three instances: an answer A read serves B
 * without a Wix call; a write through C empties every instance's cache and the shared one, so A's next read goes to Wix
 * and shows the write, and B then takes A's new answer from Redis.
 */
export async function expectReadCacheShared(cluster: Cluster): Promise<void> {
  const [a, b, c] = [cluster.at(0), cluster.at(1), cluster.at(2)];
  const vars = { id: cluster.sandbox.seed.mainAccountId, first: 50 };
  const names = (d: { account?: { folders?: { nodes: Array<{ name: string }> } | null } | null }) =>
    (d.account?.folders?.nodes ?? []).map((f) => f.name);
  await cluster.sandbox.clearCalls();

  const onA = await withUsage(a, AccountFoldersDocument, vars);
  expect(onA.upstream.calls).toBeGreaterThanOrEqual(1);
  const onB = await withUsage(b, AccountFoldersDocument, vars);
  expect(onB.data).toEqual(onA.data);
  expect(onB.upstream).toMatchObject({ calls: 0 });
  expect(onB.upstream.cached).toBeGreaterThanOrEqual(1);
  expect(await cluster.sandbox.calls('queryFolders')).toHaveLength(1);
  const budgetB = (await b.data(UpstreamBudgetDocument, {})).upstreamBudget;
  expect(budgetB.readCache?.sharedHits).toBeGreaterThanOrEqual(1);

  const name = `Shared ${Date.now()}`;
  const idempotencyKey = `shared-read-${Date.now()}`;
  const created = await c.data(CreateFolderDocument, { input: { idempotencyKey, name } });
  expect(created.createFolder.userErrors).toEqual([]);
  // The write is in A's next read (no wait): A's local copy and the shared one were dropped before C answered.
  const after = await withUsage(a, AccountFoldersDocument, vars);
  expect(names(after.data)).toContain(name);
  expect(after.upstream.calls).toBeGreaterThanOrEqual(1);
  // B's own copy went too; it takes A's new answer from Redis.
  const afterB = await withUsage(b, AccountFoldersDocument, vars);
  expect(names(afterB.data)).toContain(name);
  expect(afterB.upstream.calls).toBe(0);
  expect(await cluster.sandbox.calls('queryFolders')).toHaveLength(2);
}
