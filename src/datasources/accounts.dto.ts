import type {
  WireAccount,
  WireCreateAccountResponse,
  WireGetAccountResponse,
  WireListChildAccountsResponse,
} from '@wix-account-graph/sandbox/contract';
/** Wix's Accounts API (CONTRACT §4): answers typed by the sandbox's contract schemas. */
export type WixAccount = WireAccount;

/** List Child Accounts answer (CONTRACT §4.4): offset-paged. */
export type ListChildAccountsResponse = WireListChildAccountsResponse;

/** Get Account answer (CONTRACT §4). */
export type GetAccountResponse = WireGetAccountResponse;

/** The owner user of a new child account (Create Account's `user` and `roles`, flattened). */
export interface NewAccountSpec {
  email: string;
  /** The caller asserts it verified the address. */
  emailVerified?: boolean | null;
  firstName?: string | null;
  lastName?: string | null;
  /** ISO-639-1 language of the user. */
  language?: string | null;
  /** Roles of the user in the new account (Wix's default: OWNER). */
  roles?: string[] | null;
}

/** Create Account answer (CONTRACT §4): the new account's ID. */
export type CreateAccountResponse = WireCreateAccountResponse;

/** The Create Account body of a NewAccountSpec (absent optional fields are left out). */
export function toCreateAccountBody(spec: NewAccountSpec): Record<string, unknown> {
  const details = {
    ...(spec.firstName ? { firstName: spec.firstName } : {}),
    ...(spec.lastName ? { lastName: spec.lastName } : {}),
    ...(spec.language ? { language: spec.language } : {}),
  };
  return {
    user: {
      email: { emailAddress: spec.email, ...(spec.emailVerified != null ? { isVerified: spec.emailVerified } : {}) },
      ...(Object.keys(details).length > 0 ? { userDetails: details } : {}),
    },
    ...(spec.roles?.length ? { roles: spec.roles } : {}),
  };
}
