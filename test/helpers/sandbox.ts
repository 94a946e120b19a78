import {
  startSandbox,
  type CallRecord,
  type DomainCheck,
  type RunningSandbox,
  type WorldSnapshot,
} from '@wix-account-graph/sandbox';
import { WorldView } from './sandbox-world.js';

export interface SeedInfo {
  apiKey: string;
  mainAccountId: string;
  subAccountIds: string[];
  siteIds: string[];
}

export interface WixResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A sandbox on an ephemeral loopback port with a manual clock, and a small client that talks to it over real HTTP.
 * Admin helpers go through the HTTP admin routes too, as an outside partner would: the gateway's tests never reach
 * into the sandbox's memory (its package does not even export it).
 */
export class TestSandbox {
  private constructor(
    private readonly running: RunningSandbox,
    readonly url: string,
    public seed: SeedInfo,
  ) {}

  static async start(options: { seed?: number } = {}): Promise<TestSandbox> {
    const sandbox = await startSandbox({ clock: 'manual', seed: options.seed ?? 1 });
    const seed = (await (await fetch(`${sandbox.url}/_sandbox/seed`)).json()) as SeedInfo;
    return new TestSandbox(sandbox, sandbox.url, seed);
  }

  /** Calls a Wix endpoint. Auth headers default to the main key and main account; pass null to omit one. */
  async call<T = any>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      accountId?: string | null;
      apiKey?: string | null;
      siteId?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<WixResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const apiKey = options.apiKey === undefined ? this.seed.apiKey : options.apiKey;
    const accountId = options.accountId === undefined ? this.seed.mainAccountId : options.accountId;
    if (apiKey !== null) headers.authorization = apiKey;
    if (accountId !== null) headers['wix-account-id'] = accountId;
    if (options.siteId) headers['wix-site-id'] = options.siteId;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async admin<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async reset(seed?: number): Promise<void> {
    await this.admin('POST', 'reset', seed === undefined ? {} : { seed });
    this.seed = await this.admin<SeedInfo>('GET', 'seed');
  }

  async calls(operation?: string): Promise<CallRecord[]> {
    const { calls } = await this.admin<{ calls: CallRecord[] }>(
      'GET',
      `calls${operation ? `?operation=${operation}` : ''}`,
    );
    return calls;
  }

  async clearCalls(): Promise<void> {
    await this.admin('DELETE', 'calls');
  }

  /** Wix's per-key rate limit (`POST /_sandbox/rate-limit`): `perMinute` calls per `windowMs` (0: none). */
  async setRateLimit(perMinute: number, windowMs?: number): Promise<void> {
    await this.admin('POST', 'rate-limit', windowMs === undefined ? { perMinute } : { perMinute, windowMs });
  }

  async advance(ms: number): Promise<void> {
    await this.admin('POST', 'clock/advance', { ms });
  }

  /** The sandbox's whole state now (`GET /_sandbox/world`), indexed for look-ups. */
  async world(): Promise<WorldView> {
    return new WorldView(await this.admin<WorldSnapshot>('GET', 'world'));
  }

  /** How the sandbox's registry rules see each name now (`POST /_sandbox/domains/check`; not a logged call). */
  async checkDomains(domains: string[]): Promise<DomainCheck[]> {
    return (await this.admin<{ domains: DomainCheck[] }>('POST', 'domains/check', { domains })).domains;
  }

  async close(): Promise<void> {
    await this.running.close();
  }
}
