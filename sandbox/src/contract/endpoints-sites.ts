import {
  BulkDeleteSitesResponse,
  CountSitesResponse,
  CreateAccountResponse,
  CreateProjectResponse,
  DuplicateSiteResponse,
  GetAccountResponse,
  ListChildAccountsResponse,
  QuerySitesResponse,
} from './sites.js';
import { VALIDATION, type Endpoint } from './endpoint.js';

/** Endpoints of the Sites (CONTRACT §3) and Accounts (§4) APIs. */

const SITES = 'sites';
const ACCOUNTS = 'accounts';

/** Sites and Accounts operations, keyed `METHOD /path/{param}`. */
export const siteEndpoints: Record<string, Endpoint> = {
  'POST /site-list/v2/sites/query': {
    summary: 'Query Sites',
    tag: SITES,
    description:
      'Sites of the wix-account-id account, of the WIX namespace unless the filter names `namespace`. Cursor paging only (default 50, max 100 per page, 1,000 sites in all).',
    response: QuerySitesResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /site-list/v2/sites/count': {
    summary: 'Count Sites',
    tag: SITES,
    description: 'Same filters as Query Sites except premium and appIds.',
    response: CountSitesResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /funnel/projects/v1/create': {
    summary: 'Create Project',
    tag: SITES,
    description: 'Creates a site (project) in the wix-account-id account.',
    bodyRequired: true,
    response: CreateProjectResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /site-actions/v1/sites/duplicate': {
    summary: 'Duplicate Site',
    tag: SITES,
    description: 'Copies a site (no domain, no Premium) in the same account.',
    bodyRequired: true,
    response: DuplicateSiteResponse,
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
    ],
  },
  'POST /site-actions/v1/bulk/sites/delete': {
    summary: 'Bulk Delete Sites',
    tag: SITES,
    description:
      'Moves 1–20 sites to the trash. Per-item failures (200 answer): SITE_NOT_FOUND, PREMIUM_NOT_PERMITTED.',
    bodyRequired: true,
    response: BulkDeleteSitesResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /accounts/v1/accounts/create': {
    summary: 'Create Account',
    tag: ACCOUNTS,
    description:
      'Creates a child account of the wix-account-id account, owned by a new user (even when the email already has a Wix user).',
    bodyRequired: true,
    response: CreateAccountResponse,
    errors: [[400, VALIDATION]],
  },
  'POST /accounts/v1/accounts/create-as-collaborator': {
    summary: 'Create Account As Collaborator',
    tag: ACCOUNTS,
    description:
      'Creates a child account whose user becomes a collaborator of a site of the wix-account-id account. Path and body are the sandbox’s choice (UNCONFIRMED upstream).',
    bodyRequired: true,
    response: CreateAccountResponse,
    errors: [
      [400, VALIDATION],
      [404, 'SITE_NOT_FOUND'],
    ],
  },
  'GET /accounts/v1/accounts/{accountId}': {
    summary: 'Get Account',
    tag: ACCOUNTS,
    response: GetAccountResponse,
    errors: [
      [400, VALIDATION],
      [404, 'ACCOUNT_NOT_FOUND'],
    ],
  },
  'GET /accounts/v1/account/child-accounts': {
    summary: 'List Child Accounts',
    tag: ACCOUNTS,
    response: ListChildAccountsResponse,
    errors: [[400, VALIDATION]],
  },
};
