import { beforeAll, describe, expect, it } from 'vitest';
import { mapUpstreamFailure } from '../../src/errors.js';
import { CONNECTED_DOMAIN_ERRORS, DNS_ZONE_ERRORS, REGISTERED_DOMAIN_ERRORS } from '../../src/user-errors/domains.js';
import { toUserError, toUserErrorWith, type UserErrorSpec } from '../../src/user-errors/index.js';
import { ADJUST_ERRORS, ASSIGN_ERRORS, RESELLER_ERRORS, TRANSFER_ERRORS } from '../../src/user-errors/resellers.js';
import { ASSIGNMENT_ERRORS, FOLDER_ERRORS, PUBLISH_ERRORS } from '../../src/user-errors/sites.js';
import { endpointErrors, fetchSandboxOpenApi, type SandboxOpenApi } from '../helpers/sandbox-openapi.js';

/**
 * Every Wix write the mutations and flows make, with the user-error table they word its refusals with. The codes
 * come from the sandbox's OpenAPI document (`x-wix-error-codes`, which follows CONTRACT §1.13, §2, §4, §6.6, §7, §8.3
 * plus the sandbox's documented extras), so a code added to an endpoint fails here until it has a user error.
 */
const WRITES: Array<[endpoint: string, table: Record<string, UserErrorSpec>]> = [
  ['POST /resellers/v2/packages', RESELLER_ERRORS],
  ['DELETE /resellers/v1/packages/{id}', RESELLER_ERRORS],
  ['PATCH /resellers/v1/packages/product-instances/{instanceId}/{siteId}', ASSIGN_ERRORS],
  ['PATCH /resellers/v1/packages/product-instances/{instanceId}/unassign', RESELLER_ERRORS],
  ['PATCH /resellers/v1/packages/product-instances/{instanceId}', ADJUST_ERRORS],
  ['DELETE /resellers/v1/packages/product-instances/{instanceId}', RESELLER_ERRORS],
  ['PATCH /resellers/v1/packages/update/{packageId}/{externalId}', RESELLER_ERRORS],
  ['POST /b2b-site-management/v1/transfer-site', TRANSFER_ERRORS],
  // Create Account (ACCOUNT_ERRORS) has no documented application error left: Wix makes a new user for a known email.
  ['POST /site-folders/v2/folders', FOLDER_ERRORS],
  ['PATCH /site-folders/v2/folders/{id}', FOLDER_ERRORS],
  ['DELETE /site-folders/v2/folders/{folderId}', FOLDER_ERRORS],
  ['POST /site-folders/v2/folders/bulk/sites/move', FOLDER_ERRORS],
  ['POST /site-actions/v1/sites/publish', PUBLISH_ERRORS],
  ['PUT /site-actions/v1/sites/unpublish', PUBLISH_ERRORS],
  ['POST /domains/v1/domain-assignments', ASSIGNMENT_ERRORS],
  ['PATCH /domains/v1/domain-assignments/{domainAssignmentId}', ASSIGNMENT_ERRORS],
  ['DELETE /domains/v1/domain-assignments/{domainAssignmentId}', ASSIGNMENT_ERRORS],
  ['POST /domains/v1/registered-domains', REGISTERED_DOMAIN_ERRORS],
  ['POST /domains/v1/connected-domains', CONNECTED_DOMAIN_ERRORS],
  ['DELETE /domains/v1/connected-domains/{connectedDomainId}', CONNECTED_DOMAIN_ERRORS],
  ['PATCH /domains/v1/dns-zones/{domainName}', DNS_ZONE_ERRORS],
];

const RAW = 'raw upstream text';
const CLEAN = /^[A-Z][A-Z0-9_]*$/;

let doc: SandboxOpenApi;

/** [status, code] of an endpoint's documented application errors (not the generic request validation). */
function documented(endpoint: string): Array<[number, string]> {
  return endpointErrors(doc, endpoint).filter(([, code]) => code !== 'VALIDATION');
}

describe('user errors of every Wix write', () => {
  beforeAll(async () => {
    doc = await fetchSandboxOpenApi();
  });

  it('reads a non-trivial list of codes for every write', () => {
    const all = new Set(WRITES.flatMap(([endpoint]) => documented(endpoint).map(([, code]) => code)));
    // Spot checks that the document is read at all: one code per family of the rule violations.
    for (const code of [
      'SITE_TRANSFER_NOT_SUPPORTED',
      'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE',
      'NON_PREMIUM_SITE',
      'REFERENCE_PRODUCT_INSTANCE_ALREADY_USED',
      'DOMAIN_NOT_PERMITTED',
      'FOLDER_ALREADY_EXISTS',
      'DOMAIN_IS_PRIMARY_OF_ANOTHER_SITE',
    ])
      expect(all).toContain(code);
    expect(all.size).toBeGreaterThan(50);
  });

  it.each(WRITES)(
    "%s: each documented code is a user error with a stable code and the table's message",
    (endpoint, table) => {
      const rows = documented(endpoint);
      expect(rows.length).toBeGreaterThan(0);
      for (const [status, code] of rows) {
        const error = mapUpstreamFailure({ kind: 'http', status, wixCode: code, wixMessage: RAW, operation: 'Test' });
        const spec = table[code];
        expect(spec, `${endpoint} ${status} ${code} has no entry in its table`).toBeDefined();
        const ue = toUserErrorWith(error, table);
        expect(ue, `${endpoint} ${status} ${code}`).toEqual({
          code: spec?.code ?? code,
          message: spec?.message,
          field: spec?.field ? `input.${spec.field}` : null,
        });
        expect(ue?.code).toMatch(CLEAN);
        expect(ue?.message).not.toContain(RAW);
        // The shared mapping (what a flow step falls back to without a table) also gives a user error with a stable code.
        const shared = toUserError(error);
        expect(shared?.code, `${code} via toUserError`).toMatch(CLEAN);
        expect(shared?.message.length, `${code} via toUserError`).toBeGreaterThan(0);
      }
    },
  );
});
