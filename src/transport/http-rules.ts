import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

/** The path of the API, for messages that point clients at it. */
const PATH = '/graphql';

/**
 * A JSON array body (Apollo Client's BatchHttpLink, graphql-request's `batchRequests`) is refused with this, rather
 * than served: a batch would multiply every per-request bound (cost, upstream calls) by its length. One operation
 * per request costs little over keep-alive, and DataLoader already batches the upstream calls inside a request.
 */
export function batchRefusal(body: unknown): GraphQLError | undefined {
  if (!Array.isArray(body)) return undefined;
  return new GraphQLError(
    `Batched requests are not served: send one operation per request (a JSON object, not an array of ${body.length}). ` +
      'Apollo Client: use HttpLink, not BatchHttpLink; graphql-request: request(), not batchRequests(). ' +
      'Fields of one operation are batched upstream already.',
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );
}

/**
 * Answers a subscription sent over HTTP with 400 and where to send it instead (Apollo would run it and answer 200
 * with a masked internal error, logging nothing).
 */
export function subscriptionsOverHttpPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, request }) => {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return Promise.resolve();
          const host = request.http?.headers.get('host') ?? 'localhost';
          throw new GraphQLError(
            `Subscriptions are served over WebSocket only: connect to ws://${host}${PATH} (wss:// behind TLS) with ` +
              'the graphql-transport-ws subprotocol (the graphql-ws library: createClient({ url }))',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      }),
  };
}
