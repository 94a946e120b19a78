/**
 * A retry budget (token bucket): every first attempt earns a fraction of a token, every retry spends one. When Wix is
 * failing broadly, retries stop once the budget is spent instead of multiplying the load on it; a small reserve keeps
 * retries available at low traffic.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    /** Tokens earned per first attempt (0.2 ⇒ at most one retry per five calls in the long run). */
    private readonly ratio = 0.2,
    /** Cap and starting balance. */
    private readonly reserve = 20,
  ) {
    this.tokens = reserve;
  }

  /** Called once per first attempt. */
  earn(): void {
    this.tokens = Math.min(this.reserve, this.tokens + this.ratio);
  }

  /** Takes a token for one retry; false when the budget is spent. */
  take(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens left (for tests and stats). */
  get balance(): number {
    return this.tokens;
  }
}
