/**
 * Tunables of the sandbox's asynchronous behaviour. Delays are in virtual milliseconds; shares are 0..1 and are
 * applied deterministically (an accumulator, not a coin toss) so that tests can rely on them.
 */
export interface SandboxSettings {
  /** Product instance PENDING → ENABLED (or FAILED / AWAITING_ACTION). */
  instanceActivationMs: number;
  /** Share of new instances that end FAILED (failure.code EXTERNAL_FAILURE). */
  instanceFailureShare: number;
  /** Share of new instances that go to AWAITING_ACTION (then ENABLED after another activation delay). */
  instanceAwaitingActionShare: number;
  /** After an instance is ENABLED, registrations answer AWAITING_PRODUCT_ACTIVATION for this long. */
  productActivationGraceMs: number;
  /** Registered domain PENDING_REGISTRATION → ACTIVE (or FAILED_REGISTRATION). */
  registrationMs: number;
  /** DNS propagation IN_PROGRESS → COMPLETED, for connected and registered domains. */
  propagationMs: number;
  /** A connected domain stays UNKNOWN_DNS_PROPAGATION_STATUS this long before IN_PROGRESS. */
  propagationStartMs: number;
}

/** Demo delays (real-time clock): a few seconds each, so a human watching GraphiQL sees the transitions. */
export const REAL_TIME_SETTINGS: SandboxSettings = {
  instanceActivationMs: 3_000,
  instanceFailureShare: 0,
  instanceAwaitingActionShare: 0,
  productActivationGraceMs: 0,
  registrationMs: 8_000,
  propagationMs: 10_000,
  propagationStartMs: 1_000,
};

/** Manual clock: realistic durations; tests advance the clock past them. */
export const MANUAL_SETTINGS: SandboxSettings = {
  instanceActivationMs: 60_000,
  instanceFailureShare: 0,
  instanceAwaitingActionShare: 0,
  productActivationGraceMs: 0,
  registrationMs: 10 * 60_000,
  propagationMs: 30 * 60_000,
  propagationStartMs: 60_000,
};
