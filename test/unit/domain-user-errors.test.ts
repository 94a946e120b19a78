import { describe, expect, it } from 'vitest';
import { mapUpstreamFailure } from '../../src/errors.js';
import { domainShape } from '../../src/domain-name.js';
import { zoneChangeProblem } from '../../src/schema/domain-validators.js';
import { CONNECTED_DOMAIN_ERRORS, DNS_ZONE_ERRORS, REGISTERED_DOMAIN_ERRORS } from '../../src/user-errors/domains.js';
import { toUserErrorWith as domainUserError, toUserError, type UserErrorSpec } from '../../src/user-errors/index.js';
import { codesUnder, fetchSandboxOpenApi } from '../helpers/sandbox-openapi.js';

/** CONTRACT §6.3 + §6.6. */
const REGISTERED: Array<[number, string]> = [
  [400, 'INVALID_DOMAIN'],
  [400, 'DOMAIN_TOO_LONG'],
  [400, 'DOMAIN_TOO_SHORT'],
  [400, 'INVALID_TLD'],
  [400, 'TLD_NOT_SUPPORTED'],
  [403, 'PERMISSION_DENIED'],
  [400, 'CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE'],
  [400, 'PRODUCT_INSTANCE_NOT_FOUND'],
  [400, 'INVALID_PRODUCT_INSTANCE'],
  [400, 'PRODUCT_INSTANCE_NOT_ACTIVE'],
  [400, 'AWAITING_PRODUCT_ACTIVATION'],
  [400, 'REGISTERED_DOMAIN_ALREADY_EXISTS'],
  [400, 'DOMAIN_ALREADY_TAKEN'],
  [400, 'INVALID_BILLING_CYCLE'],
  [400, 'SUBDOMAIN_NOT_SUPPORTED'],
  [400, 'SKU_NOT_FOUND'],
  [400, 'REGISTERED_DOMAIN_NOT_FOUND'],
];
/** CONTRACT §7.2, §7.3, §7.6. */
const CONNECTED: Array<[number, string]> = [
  [400, 'Invalid domain'],
  [400, 'Invalid connection type'],
  [400, 'DOMAINS_GUID_NOT_VALID'],
  [409, 'DOMAINS_ALREADY_EXISTS'],
  [403, 'DOMAINS_PERMISSION_DENIED'],
  [403, 'DOMAINS_DOMAIN_NOT_PERMITTED'],
  [403, 'INVALID_DOMAINS_PREVIEW_RECORDS'],
  [403, 'DOMAINS_GUID_NOT_FOUND'],
  [403, 'NON_PREMIUM_SITE'],
  [404, 'NOT_FOUND'],
];
/** CONTRACT §8.3, §8.4. */
const DNS: Array<[number, string]> = [
  [404, 'USER_ID_NOT_FOUND'],
  [404, 'TARGET_ACCOUNT_NOT_FOUND'],
  [428, 'DOMAIN_NOT_PERMITTED'],
  [428, 'DOMAIN_DNS_EMPTY_RECORD_VALUE'],
  [428, 'DOMAIN_MX_RECORD_VALUE_INVALID'],
  [428, 'DOMAIN_CNAME_RECORD_HOSTNAME_INVALID'],
  [403, 'DOMAINS_PERMISSION_DENIED'],
  [404, 'DNS_ZONE_NOT_FOUND'],
  [428, 'DOMAIN_ALREADY_EXISTS'],
];

const failure = (status: number, wixCode: string) =>
  mapUpstreamFailure({ kind: 'http', status, wixCode, wixMessage: 'raw upstream text', operation: 'Test' });
const CLEAN = /^[A-Z][A-Z0-9_]*$/;

describe('user errors of the domain and DNS writes', () => {
  it("maps every code of CONTRACT §6, §7 and §8 to a stable code, the table's message and the input field", () => {
    const check = (table: Record<string, UserErrorSpec>, rows: Array<[number, string]>) => {
      for (const [status, wixCode] of rows) {
        const ue = domainUserError(failure(status, wixCode), table);
        const spec = table[wixCode];
        expect(spec, wixCode).toBeDefined();
        expect(ue, wixCode).toEqual({
          code: spec?.code ?? wixCode,
          message: spec?.message,
          field: spec?.field ? `input.${spec.field}` : null,
        });
        expect(ue?.code, wixCode).toMatch(CLEAN);
      }
    };
    check(REGISTERED_DOMAIN_ERRORS, REGISTERED);
    check(CONNECTED_DOMAIN_ERRORS, CONNECTED);
    check(DNS_ZONE_ERRORS, DNS);
  });

  it('reports the two phrase codes of Connected Domains under stable identifiers, also through the shared toUserError', () => {
    expect(toUserError(failure(400, 'Invalid domain'))).toMatchObject({
      code: 'DOMAINS_INVALID_DOMAIN',
      field: 'input.domain',
    });
    expect(toUserError(failure(400, 'Invalid connection type'))).toMatchObject({
      code: 'DOMAINS_INVALID_CONNECTION_TYPE',
      field: 'input.connectionType',
    });
  });

  it("covers every code the sandbox's domain routes answer with (as its OpenAPI document lists them)", async () => {
    const doc = await fetchSandboxOpenApi();
    const registered = codesUnder(doc, '/domains/v1/registered-domains');
    expect(registered).toContain('CANNOT_ASSIGN_DOMAIN_TO_FREE_SITE');
    expect(registered.filter((c) => !REGISTERED_DOMAIN_ERRORS[c])).toEqual([]);
    const connected = codesUnder(doc, '/domains/v1/connected-domains');
    expect(connected).toEqual(expect.arrayContaining(['Invalid domain', 'Invalid connection type']));
    expect(connected.filter((c) => !CONNECTED_DOMAIN_ERRORS[c])).toEqual([]);
    const dns = codesUnder(doc, '/domains/v1/dns-zones');
    expect(dns).toContain('DOMAIN_NOT_PERMITTED');
    expect(dns.filter((c) => !DNS_ZONE_ERRORS[c])).toEqual([]);
  });

  it('leaves transient failures to be top-level errors', () => {
    expect(domainUserError(failure(503, ''), DNS_ZONE_ERRORS)).toBeUndefined();
    expect(
      domainUserError(mapUpstreamFailure({ kind: 'timeout', operation: 'Test' }), DNS_ZONE_ERRORS),
    ).toBeUndefined();
  });
});

describe('domain input rules', () => {
  it('tells roots from subdomains by the ICANN public suffix list (multi-label suffixes included)', () => {
    expect(domainShape('example.com')).toMatchObject({ sld: 'example', isSubdomain: false });
    expect(domainShape('c-suite.com.tr')).toMatchObject({ sld: 'c-suite', isSubdomain: false });
    expect(domainShape('shop.co.uk')).toMatchObject({ sld: 'shop', isSubdomain: false });
    expect(domainShape('www.example.com')).toMatchObject({ sld: 'example', isSubdomain: true });
    expect(domainShape('shop.mybusiness.com')?.isSubdomain).toBe(true);
    // Suffixes no hand-written rule had: a city suffix of .jp, a three-label one; private suffixes are not suffixes.
    expect(domainShape('shop.kyoto.jp')).toMatchObject({ sld: 'shop', suffix: 'kyoto.jp', isSubdomain: false });
    expect(domainShape('www.shop.co.uk')).toMatchObject({ sld: 'shop', isSubdomain: true });
    expect(domainShape('me.blogspot.com')).toMatchObject({ sld: 'blogspot', isSubdomain: true });
    for (const bad of ['example', '-a.com', 'a..com', 'exa mple.com', 'example.c0m', `${'a'.repeat(64)}.com`])
      expect(domainShape(bad), bad).toBeUndefined();
  });

  it('finds the cheap DNS problems of a change list', () => {
    const r = (type: string, hostName: string, values: string[]) => ({ type, hostName, values });
    expect(
      zoneChangeProblem([r('MX', 'x.com', ['10 mx.x.com']), r('CNAME', 'www.x.com', ['y.net'])], 'x.com', true),
    ).toBeNull();
    expect(zoneChangeProblem([r('MX', 'x.com', ['mx.x.com'])], 'x.com', true)).toContain('MX');
    expect(zoneChangeProblem([r('MX', 'x.com', ['70000 mx.x.com'])], 'x.com', true)).toContain('MX');
    expect(zoneChangeProblem([r('CNAME', 'x.com', ['y.net'])], 'x.com', true)).toContain('CNAME');
    expect(zoneChangeProblem([r('A', 'evilx.com', ['1.2.3.4'])], 'x.com', false)).toContain('hostName');
    expect(zoneChangeProblem([r('A', 'x.com', ['1.2.3.4']), r('A', 'X.com', ['5.6.7.8'])], 'x.com', true)).toContain(
      'one record per type',
    );
    // Deletions only need to be in the zone: Wix matches them against what is there.
    expect(zoneChangeProblem([r('MX', 'x.com', ['legacy'])], 'x.com', false)).toBeNull();
  });
});
