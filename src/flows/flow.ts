import type { OperationKind, OperationRecord, RecordToSet, UserErrorRecord } from './operation.js';

/**
 * What a flow step gets: the operation (its input and saved state), helpers to keep state across restarts, and a
 * signal that fires when the operation is cancelled. `deps` is the flow's view of Wix (data sources as the tenant).
 */
export interface StepContext<Deps> {
  readonly op: OperationRecord;
  readonly deps: Deps;
  readonly signal: AbortSignal;
  /** Saves a value in the operation's state (persisted with the next save). */
  set(key: string, value: unknown): void;
  get<T>(key: string): T | undefined;
  /** Adds DNS records the owner must set; shown on the operation. */
  addRecordsToSet(records: RecordToSet[]): void;
  /** Marks the step as waiting (saved and pushed to subscribers) before a long wait. */
  waiting(detail: string): Promise<void>;
}

/**
 * One reconciling step: `check` reads upstream and says whether the wanted state is already there (returns a
 * sentence saying so) or not (null); `act` makes it so and says what it did. A dry run calls `check` only.
 */
export interface FlowStep<Deps> {
  name: string;
  description: string;
  /** Calls a paid Wix endpoint when it acts. */
  paid: boolean;
  /** Skip the step entirely for this input (e.g. the optional Premium plan when the site is already Premium). */
  applies?: (ctx: StepContext<Deps>) => boolean;
  check: (ctx: StepContext<Deps>) => Promise<string | null>;
  act: (ctx: StepContext<Deps>) => Promise<string>;
}

export interface FlowDefinition<Deps> {
  kind: OperationKind;
  steps: FlowStep<Deps>[];
  /** The result shown when the flow succeeded, from its saved state. */
  result: (op: OperationRecord) => Record<string, unknown>;
}

/** A business failure a step reports as a user error (and the operation FAILS): e.g. Wix's SITE_TRANSFER_NOT_SUPPORTED. */
export class FlowUserError extends Error {
  constructor(readonly userError: UserErrorRecord) {
    super(userError.message);
  }
}
