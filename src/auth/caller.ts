/**
 * Who is calling, and what it may do: the scopes of a credential and the accounts it names. Plain values; the
 * authenticator builds them from a gateway token or a JWT, the field rules and the tenancy check read them.
 */

/** What a credential may do. README.md's "Securing the gateway" has the table of which field needs which. */
export const Scope = {
  /** Queries and subscriptions; dry runs of the flows. */
  READ: 'read',
  /** Unpaid writes: transfer, assign/unassign, DNS, connected domains, sub-accounts, canceling operations. */
  WRITE: 'write',
  /** Every call that can cost money: packages, registrations, adjustments, flows that buy. */
  PURCHASE: 'purchase',
  /** Gateway administration: the audit trail (tokens are managed with the CLI). */
  ADMIN: 'admin',
} as const;
/** One of {@link Scope}. */
export type Scope = (typeof Scope)[keyof typeof Scope];

/** Every scope, in the order the README lists them. */
export const ALL_SCOPES: readonly Scope[] = [Scope.READ, Scope.WRITE, Scope.PURCHASE, Scope.ADMIN];

/** Which accounts a credential covers: `all` (the main account's tree) or a list of Wix account IDs. */
export type AccountGrant = 'all' | readonly string[];

/** Who sent a request: the identity the audit trail records and the grants every check reads. */
export interface Caller {
  /** `token:<id>` for a gateway token, `jwt:<sub>` for a JWT, `anonymous` with AUTH=none, `system` for the runner. */
  id: string;
  /** How the caller proved who it is. */
  kind: 'token' | 'jwt' | 'anonymous' | 'system';
  /** A readable name: the token's name, the JWT's subject. */
  name: string;
  accounts: AccountGrant;
  scopes: ReadonlySet<Scope>;
}

/** Whether `value` names a scope. */
export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

/**
 * The caller with AUTH=none (loopback only): every scope on every account, as the gateway behaved before access
 * control. Its writes are still audited, as `anonymous`.
 */
export const ANONYMOUS_CALLER: Caller = {
  id: 'anonymous',
  kind: 'anonymous',
  name: 'anonymous (AUTH=none)',
  accounts: 'all',
  scopes: new Set(ALL_SCOPES),
};

/**
 * The flow runner acting for an operation whose submission was authorized already (the requester's identity is on
 * the operation record and in the audit events, see call-context.ts).
 */
export const SYSTEM_CALLER: Caller = {
  id: 'system',
  kind: 'system',
  name: 'flow runner',
  accounts: 'all',
  scopes: new Set(ALL_SCOPES),
};

/** Whether `grant` covers the Wix account `accountId` (IDs compare in any letter case). */
export function grantCovers(grant: AccountGrant, accountId: string): boolean {
  if (grant === 'all') return true;
  const id = accountId.toLowerCase();
  return grant.some((g) => g.toLowerCase() === id);
}

/** Parses `all` or a comma-separated list of IDs (as the CLI and the JWT claim give them). */
export function parseAccountGrant(value: string | readonly string[]): AccountGrant {
  const items = (typeof value === 'string' ? value.split(',') : value).map((v) => v.trim()).filter(Boolean);
  if (items.length === 1 && items[0]?.toLowerCase() === 'all') return 'all';
  return [...new Set(items.map((i) => i.toLowerCase()))];
}
