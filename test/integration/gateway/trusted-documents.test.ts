import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrustedDocuments } from '../../../src/limits/trusted-documents.js';
import { useStack } from '../../helpers/stack.js';
import { wsClient } from '../../helpers/ws.js';

const VIEWER = 'query Viewer {\n  viewer {\n    wixId\n  }\n}';
const SITES = 'query Sites {\n  sites(first: 1) {\n    totalCount\n  }\n}';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

// The manifest as GraphQL Code Generator's client preset writes it (persistedDocuments: true): hash → text.
const dir = mkdtempSync(join(tmpdir(), 'wag-trusted-'));
const manifest = join(dir, 'persisted-documents.json');
writeFileSync(manifest, JSON.stringify({ [hash(VIEWER)]: VIEWER }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** TRUSTED_DOCUMENTS: only the listed operations run, sent as text or by hash, over HTTP and WebSocket. */
describe('gateway: trusted documents', () => {
  const stack = useStack({ auth: { methods: [] }, gateway: { trustedDocuments: TrustedDocuments.load(manifest) } });
  const post = async (body: unknown) => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> } };
  };
  const viewer = () => ({ viewer: { wixId: stack.sandbox.seed.mainAccountId } });

  it('runs a listed operation sent as text, by documentId, by Apollo persisted-query hash, and by GET', async () => {
    expect(await post({ query: VIEWER })).toMatchObject({ status: 200, body: { data: viewer() } });
    expect(await post({ documentId: `sha256:${hash(VIEWER)}` })).toMatchObject({
      status: 200,
      body: { data: viewer() },
    });
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: hash(VIEWER) } } };
    expect(await post(apq)).toMatchObject({ status: 200, body: { data: viewer() } });
    const get = await fetch(`${stack.url}?documentId=${hash(VIEWER)}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ data: viewer() });
  });

  it('refuses everything else before any upstream call', async () => {
    await stack.sandbox.clearCalls();
    const unlisted = await post({ query: SITES });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors?.[0]?.message).toMatch(/trusted documents only/);
    const unknown = await post({ documentId: hash(SITES) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toMatch(/^PersistedQueryNotFound/);
    const mismatch = await post({ query: SITES, documentId: hash(VIEWER) });
    expect(mismatch.status).toBe(400);
    expect(await stack.sandbox.calls()).toHaveLength(0);
  });

  it('holds on the WebSocket too', async () => {
    const client = wsClient(stack.gateway.url);
    const run = (query: string) =>
      new Promise<unknown>((resolve) => {
        client.subscribe(
          { query },
          { next: resolve, error: (e) => resolve({ error: JSON.stringify(e) }), complete: () => undefined },
        );
      });
    try {
      expect(await run(VIEWER)).toMatchObject({ data: viewer() });
      expect(JSON.stringify(await run(SITES))).toContain('trusted documents only');
    } finally {
      await client.dispose();
    }
  });

  it('refuses a manifest whose keys are not the hashes of their documents', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [hash(SITES)]: VIEWER }));
    expect(() => TrustedDocuments.load(bad)).toThrow(/TRUSTED_DOCUMENTS entry .* is not the SHA-256 of its document/);
  });
});
