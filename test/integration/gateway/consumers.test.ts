import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, type TypePolicies } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { Client as UrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  introspectionFromSchema,
  isAbstractType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
} from 'graphql';
import { createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { useStack } from '../../helpers/stack.js';

/**
 * Issue 13: the clients people use, configured as the README's "Using it from Apollo Client, urql and codegen" says,
 * run the dashboard, page through sites, run a flow and follow it over a subscription, printing no warning.
 */
const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
/** The README's list: every object type without an `id` is a value type, stored inside its parent. */
const VALUE_TYPES = Object.values(schema.getTypeMap())
  .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !('id' in t.getFields()))
  .filter((t) => !['Query', 'Mutation', 'Subscription'].includes(t.name))
  .map((t) => t.name);
const POSSIBLE_TYPES = Object.fromEntries(
  Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .map((t) => [t.name, schema.getPossibleTypes(t).map((p) => p.name)]),
);

const example = (file: string) => gql(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8'));
const only = (document: DocumentNode, name: string): DocumentNode => ({
  ...document,
  definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d.name?.value === name),
});
const DASHBOARD = example('01-dashboard.graphql');
const REASSIGN = example('11-reassign-paid-service.graphql');
const REASSIGN_VARIABLES = JSON.parse(
  /# variables: (.*)$/m.exec(
    readFileSync(new URL('../../../examples/11-reassign-paid-service.graphql', import.meta.url), 'utf8'),
  )?.[1] ?? '{}',
) as { input: Record<string, unknown> };
const SITES_PAGE = gql`
  query SitesPage($first: Int!, $after: String) {
    viewer {
      id
      sites(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            wixId
            displayName
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

describe('consumers: Apollo Client and urql against the gateway', () => {
  // Transport and bounds as anonymous clients see them: access control has its own tests (test/integration/auth).
  const stack = useStack({ auth: { methods: [] } });
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    for (const level of ['warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      });
  });
  afterEach(() => vi.restoreAllMocks());

  const wsUrl = () => `${stack.gateway.url.replace(/^http/, 'ws')}/graphql`;
  /** How many sites the viewer has, asked directly. */
  const siteCount = async () => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { sites(first: 100) { nodes { id } } } }' }),
    });
    return ((await res.json()) as { data: { viewer: { sites: { nodes: unknown[] } } } }).data.viewer.sites.nodes.length;
  };

  it('Apollo Client (InMemoryCache, relayStylePagination over edges, GraphQLWsLink)', { timeout: 60_000 }, async () => {
    const typePolicies: TypePolicies = {
      // Value types merge into their parent; connections, edges and page info are the pagination policy's.
      ...Object.fromEntries(
        VALUE_TYPES.filter((t) => !/(Connection|Edge|PageInfo)$/.test(t)).map((t) => [
          t,
          { keyFields: false, merge: true },
        ]),
      ),
      Account: { fields: { sites: relayStylePagination(), packages: relayStylePagination() } },
      Query: { fields: { sites: relayStylePagination(), packages: relayStylePagination() } },
    };
    const ws = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
    const link = ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
      },
      new GraphQLWsLink(ws),
      new HttpLink({ uri: stack.url }),
    );
    const client = new ApolloClient({
      link,
      cache: new InMemoryCache({ typePolicies, possibleTypes: POSSIBLE_TYPES }),
    });
    try {
      const dashboard = await client.query({ query: only(DASHBOARD, 'Dashboard'), variables: { first: 5 } });
      expect(dashboard.error).toBeUndefined();
      expect((dashboard.data as { viewer: { sites: { edges: unknown[] } } }).viewer.sites.edges.length).toBeGreaterThan(
        0,
      );

      const first = await client.query({ query: SITES_PAGE, variables: { first: 5 } });
      type Page = {
        viewer: {
          sites: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      };
      let page = first.data as Page;
      const total = await siteCount();
      // Pages through fetchMore, as Apollo documents it (a plain query with `after` reads the merged list from cache).
      const observable = client.watchQuery({ query: SITES_PAGE, variables: { first: 5 } });
      for (let i = 0; i < 20 && page.viewer.sites.pageInfo.hasNextPage; i++) {
        const more = await observable.fetchMore({ variables: { after: page.viewer.sites.pageInfo.endCursor } });
        page = more.data as Page;
      }
      const merged = client.readQuery({ query: SITES_PAGE, variables: { first: 5 } }) as Page;
      expect(merged.viewer.sites.edges).toHaveLength(total);

      const ran = await client.mutate({
        mutation: only(REASSIGN, 'ReassignPaidService'),
        variables: { input: { ...REASSIGN_VARIABLES.input, dryRun: false, idempotencyKey: 'apollo-consumer' } },
      });
      const id = (ran.data as { reassignPaidService: { operation: { id: string } } }).reassignPaidService.operation.id;
      const final = await new Promise<{ status: string }>((resolve, reject) => {
        const sub = client
          .subscribe({ query: only(REASSIGN, 'FollowReassignPaidService'), variables: { id } })
          .subscribe({
            next: (result) => {
              const op = (result.data as { operationUpdated: { status: string } } | undefined)?.operationUpdated;
              if (op && ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(op.status)) {
                sub.unsubscribe();
                resolve(op);
              }
            },
            error: reject,
          });
      });
      expect(final.status).toBe('SUCCEEDED');
    } finally {
      client.stop();
      await ws.dispose();
    }
    expect(warnings).toEqual([]);
  });

  it(
    'urql with its default options and Graphcache (keys for the value types, relayPagination)',
    { timeout: 60_000 },
    async () => {
      const ws = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
      const client = new UrqlClient({
        url: stack.url,
        exchanges: [
          cacheExchange({
            schema: introspectionFromSchema(schema),
            keys: Object.fromEntries(VALUE_TYPES.map((t) => [t, () => null])),
            resolvers: { Account: { sites: relayPagination() } },
          }),
          fetchExchange,
          subscriptionExchange({
            forwardSubscription: (request) => ({
              subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
            }),
          }),
        ],
      });
      try {
        const dashboard = await client.query(only(DASHBOARD, 'Dashboard'), { first: 5 }).toPromise();
        expect(dashboard.error).toBeUndefined();
        expect(
          (dashboard.data as { viewer: { sites: { edges: unknown[] } } }).viewer.sites.edges.length,
        ).toBeGreaterThan(0);

        type Page = {
          viewer: {
            sites: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
          };
        };
        let page = (await client.query(SITES_PAGE, { first: 5 }).toPromise()).data as Page;
        const total = await siteCount();
        for (let i = 0; i < 20 && page.viewer.sites.pageInfo.hasNextPage; i++)
          page = (await client.query(SITES_PAGE, { first: 5, after: page.viewer.sites.pageInfo.endCursor }).toPromise())
            .data as Page;
        // relayPagination answers the last page's query with every edge so far.
        expect(page.viewer.sites.edges).toHaveLength(total);

        const ran = await client
          .mutation(only(REASSIGN, 'ReassignPaidService'), {
            input: { ...REASSIGN_VARIABLES.input, dryRun: false, idempotencyKey: 'urql-consumer' },
          })
          .toPromise();
        expect(ran.error).toBeUndefined();
        const id = (ran.data as { reassignPaidService: { operation: { id: string } } }).reassignPaidService.operation
          .id;
        const final = await new Promise<{ status: string }>((resolve, reject) => {
          const subscription = client
            .subscription(only(REASSIGN, 'FollowReassignPaidService'), { id })
            .subscribe((result) => {
              if (result.error) reject(result.error);
              const op = (result.data as { operationUpdated: { status: string } } | undefined)?.operationUpdated;
              if (op && ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(op.status)) {
                // The first result can arrive before `subscribe` returns; unsubscribe once it has.
                queueMicrotask(() => subscription.unsubscribe());
                resolve(op);
              }
            });
        });
        expect(final.status).toBe('SUCCEEDED');
      } finally {
        await ws.dispose();
      }
      expect(warnings).toEqual([]);
    },
  );
});
