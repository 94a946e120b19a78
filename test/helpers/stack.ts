import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ALL_SCOPES, type AccountGrant, type Scope } from '../../src/auth/caller.js';
import type { GatewayAuthOptions } from '../../src/auth/gateway-auth.js';
import { Gateway, type GatewayOptions } from '../../src/server.js';
import { LogCapture, logProblems } from './logs.js';
import { TestSandbox } from './sandbox.js';
import { defaultWsTokens } from './ws.js';

export interface GraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  /** The answer's extensions (`upstream`: the Wix calls it cost). */
  extensions?: Record<string, unknown>;
}

export interface StackOptions {
  timeoutMs?: number;
  gateway?: Omit<GatewayOptions, 'upstream' | 'auth'>;
  /** Access control of the gateway: AUTH=tokens with an in-memory store unless given (`methods: []` is AUTH=none). */
  auth?: Partial<GatewayAuthOptions>;
}

/** What a test token may do (defaults: all accounts, read only, no expiry). */
export interface TestTokenSpec {
  name?: string;
  accounts?: AccountGrant;
  scopes?: Scope[];
  expiresAt?: string | null;
}

/**
 * The sandbox and a gateway pointed at it, each on an ephemeral loopback port, and a typed GraphQL client that
 * talks to the gateway over HTTP.
 */
export class TestStack {
  private constructor(
    readonly sandbox: TestSandbox,
    readonly gateway: Gateway,
    /** A token with every scope on all accounts: what `run` and `wsClient` send unless told otherwise. */
    readonly adminToken: string,
    /** The gateway's log lines (JSON), also written to the run's log files (test/helpers/logs.ts). */
    readonly logs: LogCapture,
  ) {}

  /** `gateway` adds Gateway options (e.g. small poll intervals for subscription tests). */
  static async start(options: StackOptions = {}): Promise<TestStack> {
    const sandbox = await TestSandbox.start();
    const logs = new LogCapture();
    const gateway = await Gateway.start({
      ...options.gateway,
      // Tests count upstream calls and run many requests at once: no rate budget to speak of and no read cache,
      // unless a test asks for them (the budget tests do) or the run is the read-cache project (vitest.config.ts),
      // which runs every write's test with the cache on to show each write is visible in the next read.
      budget: {
        limit: 1_000_000,
        readCache: process.env.TEST_READ_CACHE === 'on' ? {} : false,
        ...options.gateway?.budget,
      },
      observability: { logger: logs.logger, ...options.gateway?.observability },
      upstream: {
        baseUrl: sandbox.url,
        apiKey: sandbox.seed.apiKey,
        mainAccountId: sandbox.seed.mainAccountId,
        timeoutMs: options.timeoutMs ?? 5_000,
      },
      auth: { methods: ['tokens'], storePath: ':memory:', ...options.auth },
    });
    // The gateway's start-up check (Get Account) is not what a test counts.
    await sandbox.clearCalls();
    const admin = await gateway.auth.store.create({
      name: 'test admin',
      accounts: 'all',
      scopes: [...ALL_SCOPES],
      expiresAt: null,
    });
    defaultWsTokens.set(gateway.url, admin.token);
    return new TestStack(sandbox, gateway, admin.token, logs);
  }

  /** Mints a gateway token in the stack's store and returns its text (`wag_…`). */
  async token(spec: TestTokenSpec = {}): Promise<string> {
    const { token } = await this.gateway.auth.store.create({
      name: spec.name ?? 'test token',
      accounts: spec.accounts ?? 'all',
      scopes: spec.scopes ?? ['read'],
      expiresAt: spec.expiresAt ?? null,
    });
    return token;
  }

  /** The `Authorization` header of the admin token (or of `token`). */
  authHeaders(token = this.adminToken): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  get url(): string {
    return `${this.gateway.url}/graphql`;
  }

  /**
   * Runs an operation as the admin token; `headers` are added to the request (e.g. `wix-account-id`, or another
   * `authorization`; an empty `authorization` sends none).
   */
  async run<TData, TVars>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode,
    variables?: TVars,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult<TData>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: withoutEmpty({ 'content-type': 'application/json', ...this.authHeaders(), ...headers }),
      body: JSON.stringify({ query: print(document), variables }),
    });
    const text = await res.text();
    let body: GraphQLResult<TData>;
    try {
      body = JSON.parse(text) as GraphQLResult<TData>;
    } catch {
      throw new Error(`gateway answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
    }
    return { ...body, status: res.status };
  }

  /** Like {@link run} but fails (printing the operation and the answer) unless there is data and no error. */
  async data<TData, TVars>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode,
    variables?: TVars,
    headers?: Record<string, string>,
  ): Promise<TData> {
    const result = await this.run(document, variables, headers);
    if (result.errors?.length || !result.data) {
      throw new Error(
        `GraphQL operation failed.\n--- operation\n${print(document)}\n--- variables\n${JSON.stringify(variables)}\n--- answer (${result.status})\n${JSON.stringify(result, null, 2)}`,
      );
    }
    return result.data;
  }

  async close(): Promise<void> {
    defaultWsTokens.delete(this.gateway.url);
    await this.gateway.close();
    await this.sandbox.close();
    // Every line this gateway logged is JSON and names neither the Wix key nor the admin token.
    const problems = logProblems(this.logs.lines, [this.sandbox.seed.apiKey, this.adminToken]);
    if (problems.length > 0) throw new Error(`gateway logs:\n${problems.slice(0, 10).join('\n')}`);
  }
}

/**
 * Registers the hooks of a test file's stack and returns it: one stack per file whose sandbox is reset (and call log
 * cleared) before each test (`per: 'file'`, the default), or a fresh stack — empty gateway caches — per test
 * (`per: 'test'`). The returned object forwards to the stack of the running test.
 */
export function useStack(options: StackOptions & { per?: 'file' | 'test' } = {}): TestStack {
  let current: TestStack | undefined;
  const start = async () => {
    current = await TestStack.start(options);
  };
  const stop = async () => {
    await current?.close();
    current = undefined;
  };
  if (options.per === 'test') {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
    beforeEach(async () => {
      await current?.sandbox.reset();
      await current?.sandbox.clearCalls();
      // A new world is an edit made outside the gateway: its read cache (when on) would serve the old one until the
      // TTLs ran out, so it is dropped with it.
      current?.gateway.budget.readCache?.invalidate();
    });
  }
  return new Proxy({} as TestStack, {
    get(_target, prop) {
      if (!current) throw new Error('the test stack runs only inside tests and hooks');
      const value = Reflect.get(current, prop, current) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

function withoutEmpty(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
}
