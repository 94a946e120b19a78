import type { AccountsDataSource } from './datasources/accounts.datasource.js';
import { ErrorCode, GatewayError } from './errors.js';

/** The upstream refused the gateway's own credentials at start: the gateway does not start (one line, exit ≠ 0). */
export class UpstreamRefusedError extends Error {}

/** One line of `/readyz`: a dependency, whether it works, and what was found. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** Ready, but running with less than it should (e.g. Redis away: this instance alone); `/readyz` says `degraded`. */
  degraded?: boolean;
}

/**
 * The truth about the upstream: one read at start (Get Account of the main account, as the main account) checks the
 * key and the account. A refused key or account stops start-up; an unreachable or failing upstream leaves the gateway
 * running but not ready (`/readyz` says so, the log says why) and is checked again every `retryMs` until it answers.
 */
export class UpstreamReadiness {
  private state: ReadinessCheck = { name: 'upstream', ok: false, detail: 'not checked yet' };
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private failed = false;
  /** When the upstream last answered (any call of the gateway, or a check); see {@link current}. */
  private lastAnswer = 0;
  private checking: Promise<string | undefined> | undefined;
  /**
   * The upstream's world (a sandbox's `x-sandbox-world-id`) as the first successful check found it; fixed for the
   * gateway's life, so every operation of this run binds to one world (see upstream-identity.ts).
   */
  world: string | undefined;

  constructor(
    private readonly accounts: AccountsDataSource,
    private readonly mainAccountId: string,
    private readonly options: {
      retryMs?: number;
      log?: (line: string) => void;
      /** Reads the world the last answer named (WixHttp.world). */
      worldOf?: () => string | undefined;
    } = {},
  ) {}

  /** The latest finding (for `/readyz`). */
  get check(): ReadinessCheck {
    return { ...this.state };
  }

  /** Any call of the gateway got an answer from the upstream (not a 5xx): it is reachable now. */
  noteAnswer(): void {
    this.lastAnswer = performance.now();
  }

  /**
   * The truth now, for `/readyz`: when ready but nothing has answered for `retryMs` (no traffic, or the upstream went
   * away), one check (Get Account) runs first — at most one at a time, so probes cost at most a call per `retryMs`.
   * A failed check starts the retries, as at start-up.
   */
  async current(): Promise<ReadinessCheck> {
    if (this.state.ok && !this.closed && performance.now() - this.lastAnswer > this.retryMs) {
      this.checking ??= this.probe().finally(() => (this.checking = undefined));
      const refused = await this.checking;
      if (refused) this.refusedLater(refused);
      if (!this.state.ok && !this.timer) this.retryLater();
    }
    return this.check;
  }

  /** The first check; throws UpstreamRefusedError for a refused key or account, else resolves (ready or not). */
  async start(): Promise<void> {
    const refused = await this.probe();
    if (refused) throw new UpstreamRefusedError(refused);
    if (!this.state.ok) this.retryLater();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Checks once; returns the start-up refusal message when the key or account is refused. */
  private async probe(): Promise<string | undefined> {
    try {
      await this.accounts.checkAccount(this.mainAccountId);
      // Said only when it was found not ready before: a start that is ready says so in its own banner.
      if (this.failed) this.options.log?.('upstream ready: Get Account of the main account answered');
      this.failed = false;
      this.lastAnswer = performance.now();
      this.state = { name: 'upstream', ok: true, detail: 'Get Account of the main account answered' };
      this.world ??= this.options.worldOf?.();
      return undefined;
    } catch (error) {
      const code = error instanceof GatewayError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
      const status = error instanceof GatewayError ? Number(error.extensions.upstreamStatus) || undefined : undefined;
      const at = status ? ` (HTTP ${status})` : '';
      if (code === ErrorCode.UNAUTHENTICATED) return `Start-up failed: Wix refused WIX_API_KEY${at}`;
      if (code === ErrorCode.FORBIDDEN || code === ErrorCode.NOT_FOUND)
        return `Start-up failed: WIX_ACCOUNT_ID ${this.mainAccountId} is not an account WIX_API_KEY can reach${at}`;
      const detail = error instanceof GatewayError ? error.message : 'the check failed';
      this.state = { name: 'upstream', ok: false, detail };
      this.failed = true;
      this.options.log?.(`upstream not ready: ${detail}; checking again in ${this.retryMs / 1000} s`);
      return undefined;
    }
  }

  private get retryMs(): number {
    return this.options.retryMs ?? 5_000;
  }

  private retryLater(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.probe().then((refused) => {
        if (refused) this.refusedLater(refused);
        if (!this.state.ok) this.retryLater();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  /** The key or account was refused after start (e.g. revoked while Wix was down): not ready, said loudly. */
  private refusedLater(refused: string): void {
    this.state = { name: 'upstream', ok: false, detail: refused.replace(/^Start-up failed: /, '') };
    this.failed = true;
    this.options.log?.(this.state.detail);
  }
}
