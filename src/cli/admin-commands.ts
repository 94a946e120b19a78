import { parseArgs } from 'node:util';
import { isScope, parseAccountGrant, type Scope } from '../auth/caller.js';
import type { AuthStore } from '../auth/gateway-auth.js';
import { SqliteAuthStore } from '../auth/sqlite-auth-store.js';
import { parseDuration, type TokenRecord } from '../auth/tokens.js';
import { isWixGuid } from '../model/wix-guid.js';

/** Usage of the administration commands (part of `wix-account-graph --help`). */
export const ADMIN_USAGE = `  token create --name <name> --accounts <all|id,…> --scopes <read,write,purchase,admin> [--expires-in <30d|12h|…>]
            Create a gateway access token; prints it once, on the last line (only its hash is stored).
  token list                   List tokens (id, name, accounts, scopes, status); never their secrets.
  token revoke <id>            Revoke a token; refused from the gateway's next request on.
  audit export [--since <ISO time>]
            Print the audit trail as JSON lines, oldest first.
  These act on the token and audit store the gateway uses: PostgreSQL when DATABASE_URL is set, else the SQLite
  file at AUTH_STORE_PATH (default .data/auth.sqlite).`;

/** A mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Runs `token …` or `audit …`; `print` writes one line to stdout. */
export async function runAdminCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const [group, action, ...rest] = argv;
  const database = env.DATABASE_URL
    ? await (await import('../stores/pg-database.js')).PgDatabase.open(env.DATABASE_URL)
    : undefined;
  const store: AuthStore = database?.authStore() ?? new SqliteAuthStore(env.AUTH_STORE_PATH || '.data/auth.sqlite');
  try {
    if (group === 'token' && action === 'create') await createToken(store, rest, print);
    else if (group === 'token' && action === 'list') listTokens(await store.list(), print);
    else if (group === 'token' && action === 'revoke') await revokeToken(store, rest, print);
    else if (group === 'audit' && action === 'export') await exportAudit(store, rest, print);
    else
      throw new UsageError(`Unknown command "${[group, action].filter(Boolean).join(' ')}". Commands:\n${ADMIN_USAGE}`);
  } finally {
    await store.close();
    await database?.close();
  }
}

async function createToken(store: AuthStore, args: string[], print: (line: string) => void): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      accounts: { type: 'string' },
      scopes: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const name = values.name?.trim();
  if (!name) throw new UsageError('token create: --name <name> is required');
  if (!values.accounts) throw new UsageError('token create: --accounts <all|id,…> is required');
  const accounts = parseAccountGrant(values.accounts);
  if (accounts !== 'all' && (accounts.length === 0 || accounts.some((a) => !isWixGuid(a))))
    throw new UsageError('token create: --accounts must be "all" or Wix account IDs (GUIDs), comma-separated');
  const scopeNames = (values.scopes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopeNames.find((s) => !isScope(s));
  if (scopeNames.length === 0 || unknown)
    throw new UsageError(
      `token create: --scopes must list read, write, purchase, admin${unknown ? ` (got "${unknown}")` : ''}`,
    );
  let expiresAt: string | null = null;
  if (values['expires-in'] !== undefined) {
    const ms = parseDuration(values['expires-in']);
    if (!ms) throw new UsageError('token create: --expires-in must be like 90d, 12h, 30m or 2w');
    expiresAt = new Date(Date.now() + ms).toISOString();
  }
  const scopes = [...new Set(scopeNames)] as Scope[];
  const { record, token } = await store.create({ name, accounts, scopes, expiresAt });
  print(
    `Created token ${record.id} "${record.name}": accounts ${describeAccounts(record)}; scopes ${scopes.join(',')}; expires ${record.expiresAt ?? 'never'}.`,
  );
  print('Send it as "Authorization: Bearer <token>". It is shown only now; the gateway keeps only its hash:');
  print(token);
}

function listTokens(tokens: TokenRecord[], print: (line: string) => void): void {
  if (tokens.length === 0) return print('No tokens. Create one with: wix-account-graph token create --help');
  print(['ID', 'NAME', 'ACCOUNTS', 'SCOPES', 'CREATED', 'EXPIRES', 'STATUS'].join('\t'));
  const now = Date.now();
  for (const t of tokens) {
    const status = t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
    print(
      [t.id, t.name, describeAccounts(t), t.scopes.join(','), t.createdAt, t.expiresAt ?? 'never', status].join('\t'),
    );
  }
}

async function revokeToken(store: AuthStore, args: string[], print: (line: string) => void): Promise<void> {
  const id = args[0]?.trim();
  if (!id || args.length > 1) throw new UsageError('token revoke <id>: give one token id (from token list)');
  if (!(await store.revoke(id))) throw new UsageError(`token revoke: no live token with id ${id}`);
  print(`Revoked token ${id}; the gateway refuses it from its next request.`);
}

async function exportAudit(store: AuthStore, args: string[], print: (line: string) => void): Promise<void> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' } } });
  let since: string | null = null;
  if (values.since !== undefined) {
    const t = Date.parse(values.since);
    if (Number.isNaN(t)) throw new UsageError('audit export: --since must be a time, e.g. 2026-01-31T00:00:00Z');
    since = new Date(t).toISOString();
  }
  for (let after = 0; ;) {
    const events = await store.range(since, after, 1_000);
    for (const event of events) print(JSON.stringify(event));
    if (events.length < 1_000) return;
    after = events[events.length - 1]?.seq ?? after;
  }
}

function describeAccounts(t: TokenRecord): string {
  return t.accounts === 'all' ? 'all' : t.accounts.join(',');
}
