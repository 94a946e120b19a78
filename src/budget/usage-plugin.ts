import type { ApolloServerPlugin } from '@apollo/server';
import { currentBudget } from './call-budget.js';

/**
 * Adds `extensions.upstream` to every single-result answer over HTTP: the Wix calls the request made, the reads
 * answered from the read cache or shared with an identical call in flight, and the time it waited for the rate budget.
 * The counts come from the request's budget context (http-handler.ts starts it).
 */
export function upstreamUsagePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const usage = currentBudget()?.usage;
          if (!usage || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, upstream: usage.toJSON() };
        },
      };
    },
  };
}
