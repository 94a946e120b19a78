import { createHash } from 'node:crypto';
import { ErrorCode, GatewayError } from '../errors.js';

/**
 * Gateway cursors: opaque wrappers around Wix's own cursors. An edge cursor names the Wix page it came from (the Wix
 * cursor that fetched that page, or null for the first page) and how many items of that page precede the next
 * item, plus a hash of the filter so a cursor cannot be replayed against another query.
 */
export interface CursorState {
  /** Wix cursor that fetched the page, null for the first page. */
  w: string | null;
  /** Items of that page to skip when resuming. */
  s: number;
  /** Hash of the query the cursor belongs to. */
  h: string;
}

/** A short hash of a list's query (filter, sort…), bound into its cursors. */
export function queryHash(query: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(query ?? null))
    .digest('base64url')
    .slice(0, 12);
}

/** The opaque cursor clients see for a state (base64url JSON). */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** Decodes `after`; a malformed cursor or one from another query is BAD_USER_INPUT. */
export function decodeCursor(after: string, hash: string): CursorState {
  let state: CursorState | undefined;
  try {
    const parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<CursorState>;
    if (
      (parsed.w === null || typeof parsed.w === 'string') &&
      Number.isInteger(parsed.s) &&
      (parsed.s ?? -1) >= 0 &&
      typeof parsed.h === 'string'
    )
      state = parsed as CursorState;
  } catch {
    state = undefined;
  }
  if (!state)
    throw new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      'Invalid cursor: pass `after` exactly as a previous `endCursor` or edge cursor',
      { fields: [{ field: 'after', message: 'is not a cursor of this list' }] },
    );
  if (state.h !== hash)
    throw new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      'Cursor belongs to a different filter; start again without `after`',
      { fields: [{ field: 'after', message: 'belongs to a different filter' }] },
    );
  return state;
}
