import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The token a client of a gateway (by base URL) sends when the test gives none: TestStack registers its admin token
 * here, so subscription tests written before access control keep their assertions.
 */
export const defaultWsTokens = new Map<string, string>();

/**
 * The real graphql-ws client (`graphql-transport-ws`) over `ws`, against a gateway's `/graphql`. `params` become the
 * connection_init payload; `headers` go on the upgrade request. No reconnects: a refused connection surfaces as the
 * close event (code + reason).
 */
export function wsClient(
  gatewayUrl: string,
  options: { params?: Record<string, unknown>; headers?: Record<string, string>; token?: string | null } = {},
): Client {
  const headers = options.headers ?? {};
  const token = options.token === undefined ? defaultWsTokens.get(gatewayUrl) : options.token;
  const params = token ? { Authorization: `Bearer ${token}`, ...options.params } : options.params;
  class WebSocketWithHeaders extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocketWithHeaders,
    connectionParams: params,
    lazy: true,
    retryAttempts: 0,
    keepAlive: 0,
  });
}

/** One subscription read with timeouts: `next()` waits for the next result, `ended()` for completion. */
export class TestSubscription<TData> {
  private readonly iterator: AsyncIterableIterator<FormattedExecutionResult<TData, unknown>>;
  /** Every result received so far. */
  readonly results: Array<FormattedExecutionResult<TData, unknown>> = [];

  constructor(client: Client, document: TypedDocumentNode<TData, any>, variables?: Record<string, unknown>) {
    this.iterator = client.iterate<TData>({ query: print(document), variables });
  }

  /** The next result; fails after `timeoutMs` or when the stream ends first. */
  async next(timeoutMs = 5_000): Promise<FormattedExecutionResult<TData, unknown>> {
    const result = await withTimeout(this.iterator.next(), timeoutMs, 'next result');
    if (result.done) throw new Error(`the subscription completed; results so far: ${JSON.stringify(this.results)}`);
    this.results.push(result.value);
    return result.value;
  }

  /** The next result's data (fails on errors, printing them). */
  async data(timeoutMs?: number): Promise<TData> {
    const result = await this.next(timeoutMs);
    if (result.errors?.length || !result.data)
      throw new Error(`subscription answered errors: ${JSON.stringify(result)}`);
    return result.data;
  }

  /** Resolves when the server completes the stream (fails if another result arrives first). */
  async ended(timeoutMs = 5_000): Promise<void> {
    const result = await withTimeout(this.iterator.next(), timeoutMs, 'completion');
    if (!result.done) throw new Error(`expected completion, got ${JSON.stringify(result.value)}`);
  }

  /** The error the stream ends with (a close event or GraphQL errors), or fails if it yields or completes. */
  async error(timeoutMs = 5_000): Promise<unknown> {
    try {
      const result = await withTimeout(this.iterator.next(), timeoutMs, 'error');
      throw new Error(`expected an error, got ${JSON.stringify(result)}`);
    } catch (error) {
      if (error instanceof Error && /^expected an error|timed out/.test(error.message)) throw error;
      return error;
    }
  }

  /** Unsubscribes (sends `complete`). */
  async stop(): Promise<void> {
    await this.iterator.return?.();
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for the ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until `check` passes (polling every 10 ms), or fails with its last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
