import { appError, invalidField, validationError, type FieldViolation } from '../errors.js';
import { readLimit } from '../query.js';
import type { RouteContext, RouteDef } from '../router.js';
import type { Account } from '../types.js';
import type { World } from '../world.js';

/**
 * Accounts (CONTRACT §4): Create Account (a child of the `wix-account-id` account), Create Account As Collaborator,
 * Get Account, List Child Accounts (offset `pagingMetadata`, limit default 20, max 50).
 * Documented rule: an owner email that already has a Wix user still gets a new user and a new account (Wix: "a new
 * user ID is created even if the email already has a Wix user"), so a repeated email is not an error.
 * Sandbox choices (UNCONFIRMED upstream):
 * Create Account As Collaborator is `POST /accounts/v1/accounts/create-as-collaborator` with body
 * `{user, siteId, roles?}` (the site must belong to the header account) and answers `{account: {accountId}}`;
 * Get Account sees every account of the key's tree and answers 404 ACCOUNT_NOT_FOUND for the rest.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface NewUser {
  email: string;
  firstName?: string;
  lastName?: string;
}

function optionalText(value: unknown, field: string, violations: FieldViolation[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') violations.push({ field, description: 'must be a string', violatedRule: 'FORMAT' });
  return typeof value === 'string' ? value : undefined;
}

function readDetails(details: unknown, violations: FieldViolation[]): { firstName?: string; lastName?: string } {
  if (details === undefined || details === null) return {};
  if (typeof details !== 'object' || Array.isArray(details)) {
    violations.push({ field: 'user.userDetails', description: 'must be an object', violatedRule: 'FORMAT' });
    return {};
  }
  const d = details as Record<string, unknown>;
  for (const key of ['profilePictureUrl', 'clientIp']) optionalText(d[key], `user.userDetails.${key}`, violations);
  const language = optionalText(d.language, 'user.userDetails.language', violations);
  if (language !== undefined && !/^[a-z]{2}$/i.test(language))
    violations.push({
      field: 'user.userDetails.language',
      description: 'must be an ISO-639-1 code',
      violatedRule: 'FORMAT',
    });
  return {
    firstName: optionalText(d.firstName, 'user.userDetails.firstName', violations),
    lastName: optionalText(d.lastName, 'user.userDetails.lastName', violations),
  };
}

/** Reads `user` (and `roles`) of a create body; all shape problems at once. */
function readUser(body: Record<string, unknown>): NewUser {
  const user = body.user;
  if (user === undefined || user === null) throw invalidField('user', 'is required', 'REQUIRED_FIELD');
  if (typeof user !== 'object' || Array.isArray(user)) throw invalidField('user', 'must be an object', 'FORMAT');
  const u = user as Record<string, unknown>;
  const violations: FieldViolation[] = [];
  const email = (u.email ?? {}) as Record<string, unknown>;
  const address = email.emailAddress;
  if (typeof address !== 'string' || address === '')
    violations.push({ field: 'user.email.emailAddress', description: 'is required', violatedRule: 'REQUIRED_FIELD' });
  else if (!EMAIL.test(address))
    violations.push({
      field: 'user.email.emailAddress',
      description: 'must be an email address',
      violatedRule: 'FORMAT',
    });
  if (email.isVerified !== undefined && typeof email.isVerified !== 'boolean')
    violations.push({ field: 'user.email.isVerified', description: 'must be a boolean', violatedRule: 'FORMAT' });
  if (u.ssoIdentities !== undefined && !Array.isArray(u.ssoIdentities))
    violations.push({ field: 'user.ssoIdentities', description: 'must be an array', violatedRule: 'FORMAT' });
  const details = readDetails(u.userDetails, violations);
  const roles = body.roles;
  if (roles !== undefined && (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || r === '')))
    violations.push({ field: 'roles', description: 'must be an array of role names', violatedRule: 'FORMAT' });
  if (violations.length > 0) throw validationError(violations);
  return { email: address as string, ...details };
}

function uniqueSlug(world: World, base: string): string {
  const taken = new Set([...world.accounts.values()].map((a) => a.slug));
  let slug = base || 'account';
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Creates a child account of `parentId` owned by a new user with the given email (a known email included). */
function addChildAccount(world: World, parentId: string, user: NewUser): Account {
  const email = user.email.toLowerCase();
  const local = email.split('@')[0] ?? 'account';
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || local;
  const now = world.now();
  const account: Account = {
    accountId: world.rng.uuid(),
    slug: uniqueSlug(
      world,
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
    ),
    accountName: name,
    status: 'ACTIVE',
    accountOwner: user.email,
    accountProperties: { isTeam: false, coBranding: 'CoBranded_Customer_New', parentAccountId: parentId },
    dateCreated: now,
    dateUpdated: now,
  };
  world.accounts.set(account.accountId, account);
  return account;
}

function createAccount(ctx: RouteContext) {
  const account = addChildAccount(ctx.world, ctx.accountId, readUser(ctx.body));
  return { account: { accountId: account.accountId } };
}

function createAsCollaborator(ctx: RouteContext) {
  const user = readUser(ctx.body);
  const siteId = ctx.body.siteId;
  if (typeof siteId !== 'string' || siteId === '') throw invalidField('siteId', 'is required', 'REQUIRED_FIELD');
  const site = ctx.world.sites.get(siteId);
  if (site?.ownerAccountId !== ctx.accountId)
    throw appError(404, 'SITE_NOT_FOUND', `Site ${siteId} not found in account ${ctx.accountId}`, { siteId });
  const account = addChildAccount(ctx.world, ctx.accountId, user);
  site.contributorAccountIds = [...site.contributorAccountIds, account.accountId];
  site.updatedDate = ctx.world.now();
  return { account: { accountId: account.accountId } };
}

function getAccount(ctx: RouteContext) {
  const id = ctx.params.accountId ?? '';
  const account = ctx.world.accounts.get(id);
  if (!account || !ctx.world.inTree(ctx.world.rootOf(ctx.keyAccountId), id))
    throw appError(404, 'ACCOUNT_NOT_FOUND', `Account ${id} not found`, { accountId: id });
  return { account };
}

function listChildAccounts(ctx: RouteContext) {
  const limit = readLimit(ctx.query.get('paging.limit') ?? undefined, 'paging.limit', 1, 50, 20);
  const offset = readLimit(ctx.query.get('paging.offset') ?? undefined, 'paging.offset', 0, Number.MAX_SAFE_INTEGER, 0);
  const children = ctx.world
    .childrenOf(ctx.accountId)
    .sort((a, b) =>
      a.dateCreated === b.dateCreated ? (a.accountId < b.accountId ? -1 : 1) : a.dateCreated < b.dateCreated ? -1 : 1,
    );
  const page = children.slice(offset, offset + limit);
  return {
    childAccounts: page.map((a) => ({ accountId: a.accountId })),
    pagingMetadata: {
      count: page.length,
      offset,
      total: children.length,
      tooManyToCount: false,
      hasNext: offset + page.length < children.length,
    },
  };
}

export const accountRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/accounts/v1/accounts/create',
    operation: 'createAccount',
    auth: 'account',
    handle: createAccount,
  },
  {
    method: 'POST',
    path: '/accounts/v1/accounts/create-as-collaborator',
    operation: 'createAccountAsCollaborator',
    auth: 'account',
    handle: createAsCollaborator,
  },
  {
    method: 'GET',
    path: '/accounts/v1/accounts/:accountId',
    operation: 'getAccount',
    auth: 'account',
    handle: getAccount,
  },
  {
    method: 'GET',
    path: '/accounts/v1/account/child-accounts',
    operation: 'listChildAccounts',
    auth: 'account',
    handle: listChildAccounts,
  },
];
