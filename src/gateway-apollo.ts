import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { GatewayAuth } from './auth/gateway-auth.js';
import { upstreamUsagePlugin } from './budget/usage-plugin.js';
import type { GatewayContext } from './context.js';
import { formatError } from './errors.js';
import { limitRules, parseOptions } from './limits.js';
import { boundedDocumentStore, limitsPlugin } from './limits/apollo.js';
import { subscriptionsOverHttpPlugin } from './transport/http-rules.js';

/** Apollo with the gateway's error masking and operation limits (HTTP; websocket.ts applies the same to WebSockets). */
export async function startApollo(
  schema: GraphQLSchema,
  auth: GatewayAuth,
  observers: ApolloServerPlugin<GatewayContext>[],
): Promise<ApolloServer<GatewayContext>> {
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    validationRules: limitRules,
    parseOptions,
    // Request limits (issue 13): a document cache bounded in bytes, source text included; shape, cost, upstream calls.
    documentStore: boundedDocumentStore(),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Apollo would otherwise catch SIGINT/SIGTERM itself, stop, and re-send the signal, killing the process before
    // Gateway.close() has closed the WebSockets and the operation store: main.ts owns the shutdown.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No field has a cache hint and no answer a Cache-Control header; Apollo's default cache-control plugin would
      // still wrap every field resolver of the schema to compute one (issue 18's profile).
      ApolloServerPluginCacheControlDisabled(),
      auth.apolloPlugin(schema),
      ...observers,
      limitsPlugin(schema),
      upstreamUsagePlugin(),
      subscriptionsOverHttpPlugin(),
    ],
    // GET queries as the GraphQL-over-HTTP spec has them (urql's default client sends them with no content type):
    // GET runs queries only (405 for a mutation), POST needs a JSON content type, and the gateway reads no ambient
    // credential (no cookies), so a cross-site page can neither act nor read as someone. Revisit if cookies come.
    csrfPrevention: false,
  });
  await apollo.start();
  return apollo;
}

/** Listens on `port` and `host`; rejects with the listen error (EADDRINUSE…) instead of emitting it. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
