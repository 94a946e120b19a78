import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountGrant, Scope } from './caller.js';

/**
 * Gateway access tokens: `wag_<id>_<secret>`. The prefix lets secret scanners find a leaked one; the id (16 hex
 * digits) finds the stored record; the secret is 32 random bytes (base64url) of which only a SHA-256 is stored —
 * a fast hash is enough for 256 bits of entropy, and it is never recoverable.
 */
export const TOKEN_PREFIX = 'wag_';
const TOKEN_PATTERN = /^wag_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** What is kept of a token: everything but its secret. */
export interface TokenRecord {
  id: string;
  name: string;
  accounts: AccountGrant;
  scopes: Scope[];
  createdAt: string;
  /** ISO time after which the token is refused; null: never. */
  expiresAt: string | null;
  /** ISO time it was revoked; null while it is live. */
  revokedAt: string | null;
}

/** A new token's fields. */
export interface NewToken {
  name: string;
  accounts: AccountGrant;
  scopes: Scope[];
  expiresAt: string | null;
}

/**
 * Where tokens are kept. The SQLite store (sqlite-auth-store.ts) is the default; a PostgreSQL store for several
 * gateway instances implements the same interface.
 */
export interface TokenStore {
  /** Stores a new token and returns its record and its full text (the only time the secret exists). */
  create(token: NewToken): Promise<{ record: TokenRecord; token: string }>;
  /** The record of `token` when its secret matches (revoked and expired ones included: the caller decides). */
  verify(token: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  /** Marks a token revoked; false when there is no such token or it was revoked already. */
  revoke(id: string): Promise<boolean>;
}

/** A fresh token id and secret, and the text the client sends. */
export function mintToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `${TOKEN_PREFIX}${id}_${secret}` };
}

/** The columns of a stored token, in the order both stores insert them. */
export const TOKEN_COLUMNS = 'id, name, secret_hash, accounts, scopes, created_at, expires_at';

/**
 * A new token for a store: its record, the text the client gets once, and the row to insert (in
 * {@link TOKEN_COLUMNS} order; accounts and scopes as JSON, the secret only hashed).
 */
export function newTokenRow(token: NewToken): { record: TokenRecord; token: string; values: Array<string | null> } {
  const minted = mintToken();
  const record: TokenRecord = { id: minted.id, createdAt: new Date().toISOString(), revokedAt: null, ...token };
  const values = [
    record.id,
    record.name,
    hashSecret(minted.secret),
    JSON.stringify(record.accounts),
    JSON.stringify(record.scopes),
    record.createdAt,
    record.expiresAt,
  ];
  return { record, token: minted.token, values };
}

/** A stored token's columns as both stores read them (accounts and scopes already parsed). */
export interface StoredToken {
  id: string;
  name: string;
  secret_hash: string;
  accounts: TokenRecord['accounts'];
  scopes: TokenRecord['scopes'];
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** The record of a stored token whose row was found for a token when the token's secret matches; else undefined. */
export function matchingRecord(secret: string, row: StoredToken | undefined): TokenRecord | undefined {
  return row && secretMatches(secret, row.secret_hash) ? recordOf(row) : undefined;
}

/** The record of a stored token. */
export function recordOf(row: StoredToken): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    accounts: row.accounts,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** The id and secret of a token text, or undefined when it is not one. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

/** What is stored of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Parses `30d`, `12h`, `45m`, `90s` or `2w` into milliseconds; undefined when it is none of these. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})\s*([smhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 's'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : undefined;
}
