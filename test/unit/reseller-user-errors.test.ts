import { describe, expect, it } from 'vitest';
import { mapUpstreamFailure } from '../../src/errors.js';
import { toUserErrorWith as userErrorFrom } from '../../src/user-errors/index.js';
import {
  ACCOUNT_ERRORS,
  ADJUST_ERRORS,
  ASSIGN_ERRORS,
  RESELLER_ERRORS,
  TRANSFER_ERRORS,
  type UserErrorTable,
} from '../../src/user-errors/resellers.js';
import { codesUnder, fetchSandboxOpenApi } from '../helpers/sandbox-openapi.js';

/** The codes of CONTRACT §1.13 (Create Package and Adjust tables) with their HTTP statuses. */
const CONTRACT_RESELLERS: Array<[number, string]> = [
  [404, 'PRODUCT_NOT_FOUND'],
  [404, 'ACCOUNT_NOT_FOUND'],
  [428, 'PRODUCT_LIMIT_EXCEEDED'],
  [428, 'PRODUCT_SETTINGS_NOT_FOUND'],
  [428, 'MISSING_BILLING_CYCLE'],
  [428, 'INCOMPATIBLE_BILLING_CYCLE'],
  [428, 'INVALID_BILLING_CYCLE'],
  [428, 'INVALID_PRODUCTS'],
  [428, 'MULTIPLE_PRODUCT_ASSIGNMENTS'],
  [428, 'PRODUCT_TYPE_ALREADY_ASSIGNED'],
  [428, 'PRODUCT_NOT_SUPPORTED_ON_SITE'],
  [404, 'SITE_NOT_FOUND'],
  [428, 'PRODUCT_INSTANCE_NOT_FOUND'],
  [428, 'INCOMPATIBLE_PRODUCT_INSTANCE_STATUS'],
  [428, 'INCOMPATIBLE_PRODUCT'],
  [428, 'MISSING_PRODUCT_DETAILS'],
];
/** CONTRACT §2. */
const CONTRACT_TRANSFER: Array<[number, string]> = [
  [428, 'TARGET_ACCOUNT_ID_NOT_FOUND'],
  [403, 'SITE_TRANSFER_NOT_ALLOWED'],
  [400, 'SITE_NOT_FOUND'],
  [428, 'SITE_TRANSFER_NOT_SUPPORTED'],
];

const failure = (status: number, wixCode: string) =>
  mapUpstreamFailure({ kind: 'http', status, wixCode, wixMessage: 'raw upstream text', operation: 'Test' });

describe('user errors of the reseller, transfer and account writes', () => {
  it("maps every code of CONTRACT §1.13 and §2 to a user error with Wix's code and the table's message", () => {
    const check = (table: UserErrorTable, rows: Array<[number, string]>) => {
      for (const [status, code] of rows) {
        const ue = userErrorFrom(failure(status, code), table);
        expect(ue, code).toEqual({
          code,
          message: table[code]?.message,
          field: table[code]?.field ? `input.${table[code]?.field}` : null,
        });
        expect(ue?.message).not.toContain('raw upstream text');
      }
    };
    check(RESELLER_ERRORS, CONTRACT_RESELLERS);
    check(ADJUST_ERRORS, CONTRACT_RESELLERS);
    check(ASSIGN_ERRORS, CONTRACT_RESELLERS);
    check(TRANSFER_ERRORS, CONTRACT_TRANSFER);
  });

  it('covers every code the sandbox documents for these APIs (in its OpenAPI document)', async () => {
    const doc = await fetchSandboxOpenApi();
    const resellers = codesUnder(doc, '/resellers/');
    expect(resellers).toEqual(
      expect.arrayContaining([
        'IDEMPOTENCY_KEY_REUSED',
        'PACKAGE_NOT_FOUND',
        'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED',
      ]),
    );
    expect(resellers.filter((c) => !RESELLER_ERRORS[c])).toEqual([]);
    // Each list is checked non-empty first, so a document that stops listing codes cannot pass for want of them.
    const transfer = codesUnder(doc, '/b2b-site-management/');
    expect(transfer).toEqual(expect.arrayContaining(['SITE_TRANSFER_NOT_SUPPORTED', 'TARGET_ACCOUNT_ID_NOT_FOUND']));
    expect(transfer.filter((c) => !TRANSFER_ERRORS[c])).toEqual([]);
    const accounts = codesUnder(doc, '/accounts/');
    // Create Account documents no EMAIL_ALREADY_EXISTS any more (Wix makes a new user); Get Account's code remains.
    expect(accounts).toContain('ACCOUNT_NOT_FOUND');
    expect(accounts.filter((c) => !ACCOUNT_ERRORS[c] && c !== 'SITE_NOT_FOUND')).toEqual([]);
  });

  it('places a code on the field it concerns in each mutation', () => {
    expect(userErrorFrom(failure(404, 'SITE_NOT_FOUND'), RESELLER_ERRORS)?.field).toBe('input.products');
    expect(userErrorFrom(failure(404, 'SITE_NOT_FOUND'), ASSIGN_ERRORS)?.field).toBe('input.siteId');
    expect(userErrorFrom(failure(400, 'SITE_NOT_FOUND'), TRANSFER_ERRORS)?.field).toBe('input.siteId');
    expect(userErrorFrom(failure(428, 'MISSING_BILLING_CYCLE'), ADJUST_ERRORS)?.field).toBe('input.billing');
    expect(userErrorFrom(failure(409, 'EMAIL_ALREADY_EXISTS'), ACCOUNT_ERRORS)?.field).toBe('input.email');
  });

  it('leaves transient failures to be top-level errors', () => {
    expect(userErrorFrom(failure(503, ''), RESELLER_ERRORS)).toBeUndefined();
    expect(userErrorFrom(mapUpstreamFailure({ kind: 'timeout', operation: 'Test' }), RESELLER_ERRORS)).toBeUndefined();
    expect(userErrorFrom(new Error('boom'), RESELLER_ERRORS)).toBeUndefined();
  });
});
