import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A partner identity provider for tests: an RS256 key pair whose public half is served as a JWKS on loopback, and a
 * signer of JWTs with any claims (another key pair signs the "bad signature" ones under the same `kid`).
 */
export class TestIdentityProvider {
  static readonly issuer = 'https://idp.test/';
  static readonly audience = 'wix-account-graph';

  private constructor(
    private readonly server: Server,
    private readonly key: CryptoKey,
    private readonly otherKey: CryptoKey,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((req, res) => {
      if (req.url !== '/jwks.json') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestIdentityProvider(server, privateKey, other.privateKey);
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }

  /** A JWT with `claims`, valid for an hour unless `exp` is given; `wrongKey` signs with a key not in the JWKS. */
  sign(claims: JWTPayload, options: { wrongKey?: boolean; issuer?: string; audience?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? TestIdentityProvider.issuer)
      .setAudience(options.audience ?? TestIdentityProvider.audience)
      .setIssuedAt(now - 60)
      .sign(options.wrongKey ? this.otherKey : this.key);
  }

  /** An unsecured JWT (`alg: none`) with the same claims: must never verify. */
  unsigned(claims: JWTPayload): string {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: TestIdentityProvider.issuer,
      aud: TestIdentityProvider.audience,
      exp: now + 3600,
      ...claims,
    };
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
