import type { z } from 'zod/v4';
import { CreateAccountAsCollaboratorRequest, CreateAccountRequest, type NewAccountUser } from '../contract/sites.js';
import { appError } from '../errors.js';
import { ListChildAccountsQuery } from '../contract/queries.js';
import { withBody, withQuery, type RouteContext, type RouteDef } from '../router.js';
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
/** The new owner of a created account, from a validated `user`. */
interface NewUser {
  email: string;
  firstName?: string;
  lastName?: string;
}

function newUser(user: z.output<typeof NewAccountUser>): NewUser {
  return {
    email: user.email.emailAddress,
    firstName: user.userDetails?.firstName ?? undefined,
    lastName: user.userDetails?.lastName ?? undefined,
  };
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

function createAccount(ctx: RouteContext, body: z.output<typeof CreateAccountRequest>) {
  const account = addChildAccount(ctx.world, ctx.accountId, newUser(body.user));
  return { account: { accountId: account.accountId } };
}

function createAsCollaborator(ctx: RouteContext, body: z.output<typeof CreateAccountAsCollaboratorRequest>) {
  const user = newUser(body.user);
  const { siteId } = body;
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

function listChildAccounts(ctx: RouteContext, query: z.output<typeof ListChildAccountsQuery>) {
  const { 'paging.limit': limit, 'paging.offset': offset } = query;
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
    ...withBody(CreateAccountRequest, createAccount),
  },
  {
    method: 'POST',
    path: '/accounts/v1/accounts/create-as-collaborator',
    operation: 'createAccountAsCollaborator',
    auth: 'account',
    ...withBody(CreateAccountAsCollaboratorRequest, createAsCollaborator),
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
    ...withQuery(ListChildAccountsQuery, listChildAccounts),
  },
];
