import { describe, expect, it } from 'vitest';
import { formatError, mapUpstreamFailure } from '../../src/errors.js';
import { REDACTED, registerSecret, scrub } from '../../src/redact.js';

describe('scrub', () => {
  it('removes registered keys, bearer tokens, IST keys, JWTs, key=value secrets and long opaque tokens', () => {
    registerSecret('my-very-own-configured-key');
    const text = [
      'key my-very-own-configured-key here',
      'Authorization: Bearer abc.def.ghi',
      'IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.eyJkYXRhIjoie30ifQ.sig',
      'api_key=s3cr3tvalue',
      'token: 0123456789abcdef0123456789abcdef0123456789',
    ].join('\n');
    const out = scrub(text);
    expect(out).not.toMatch(/my-very-own|abc\.def|eyJ|s3cr3t|0123456789abcdef/);
    expect(out).toContain(REDACTED);
  });

  it('keeps ordinary text, GUIDs and Wix codes', () => {
    const text = 'Site 7f1c2a4e-1b2c-4d5e-8f90-123456789abc not found (SITE_NOT_FOUND) for example.com';
    expect(scrub(text)).toBe(text);
  });

  it('leaves Wix message text out of gateway errors and scrubs what formatError sends', () => {
    const error = mapUpstreamFailure({
      kind: 'http',
      status: 403,
      wixCode: 'PERMISSION_DENIED',
      wixMessage: 'echo IST.sandbox.abcdef',
      operation: 'Query Sites',
    });
    expect(error.message).not.toContain('echo');
    const formatted = formatError(
      { message: 'x Bearer zzz', extensions: { code: 'BAD_USER_INPUT', note: 'Bearer q' } },
      error,
    );
    expect(JSON.stringify(formatted)).not.toMatch(/Bearer|IST\./);
  });
});
