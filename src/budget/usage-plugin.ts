import type { ApolloServerPlugin } from '@apollo/server';
import type { Ambient } from '../ambient.js';

/**
 * Adds `extensions.upstream` to every single-result answer over HTTP: the Wix calls the request made, the reads
 * answered from the read cache or shared with an identical call in flight, and the time it waited for the rate budget.
 * The counts come from the budget context of the request's ambient (http-handler.ts makes it).
 */
export function upstreamUsagePlugin<T extends { ambient?: Ambient }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const usage = contextValue.ambient?.budget?.usage;
          if (!usage || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, upstream: usage.toJSON() };
        },
      };
    },
  };
}
