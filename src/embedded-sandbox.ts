/**
 * The gateway's one door to `@wix-account-graph/sandbox`: the embedded mode (`serve` without a Wix key) and the
 * `sandbox` command. The package is loaded with a dynamic import so that a gateway talking to real Wix never loads
 * the emulator; everything the gateway learns from it afterwards comes over HTTP, as from Wix.
 */

/** Where and how to run the sandbox. */
export interface EmbeddedSandboxOptions {
  port: number;
  host: string;
  seed: number;
  clock: 'real' | 'manual';
  /** A file the world is kept in across restarts (the `sandbox` command's SANDBOX_STATE_FILE). */
  stateFile?: string;
  /** Wix's per-key rate limit, enforced by the sandbox (SANDBOX_RATE_LIMIT_PER_MINUTE); none when absent. */
  rateLimitPerMinute?: number;
}

/** A running sandbox as the gateway sees it: its URL, the demo credentials it seeded, and how to stop it. */
export interface EmbeddedSandbox {
  url: string;
  /** The main account's API key (the sandbox's demo key, sent as `Authorization`). */
  apiKey: string;
  mainAccountId: string;
  seed: number;
  close(): Promise<void>;
}

/** Starts the sandbox and reads its demo credentials from `GET /_sandbox/seed`. Listen errors pass through. */
export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<EmbeddedSandbox> {
  const { startSandbox } = await import('@wix-account-graph/sandbox');
  const sandbox = await startSandbox(options);
  try {
    const res = await fetch(`${sandbox.url}/_sandbox/seed`);
    if (!res.ok) throw new Error(`the sandbox answered ${res.status} to GET /_sandbox/seed`);
    const seed = (await res.json()) as { apiKey: string; mainAccountId: string; seed: number };
    return {
      url: sandbox.url,
      apiKey: seed.apiKey,
      mainAccountId: seed.mainAccountId,
      seed: seed.seed,
      close: () => sandbox.close(),
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
