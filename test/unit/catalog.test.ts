import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog, domainProductId, PRODUCT } from '@wix-account-graph/sandbox';
import { describe, expect, it } from 'vitest';
import { CATALOG_FILE, sandboxCatalogText } from '../../scripts/emit-catalog.js';
import { defaultCatalog, ProductCatalog } from '../../src/catalog.js';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('product catalog', () => {
  it('catalog/sandbox.json is the sandbox catalog (run `npm run catalog:emit` after changing sandbox/src/catalog.ts)', () => {
    expect(readFileSync(CATALOG_FILE, 'utf8')).toBe(sandboxCatalogText());
  });

  it('the default catalog lists every sandbox product with its name, type and TLDs', () => {
    const catalog = defaultCatalog();
    const sandbox = buildCatalog();
    expect(catalog.size).toBe(sandbox.size);
    for (const [id, product] of sandbox)
      expect(catalog.get(id)).toEqual({ name: product.name, type: product.type, tlds: product.tlds });
    expect(catalog.isPremiumPlan(PRODUCT.premiumBusiness)).toBe(true);
    expect(catalog.isPremiumPlan(PRODUCT.ascend)).toBe(false);
    expect(catalog.coversTld(domainProductId('io') as string, '.io')).toBe(true);
    expect(catalog.productsCovering('com', 'DOMAIN')).toEqual([domainProductId('com'), PRODUCT.domainCom5y]);
  });

  it('unknown product IDs still work: name null, type UNKNOWN, no TLDs', () => {
    expect(defaultCatalog().describe('11111111-2222-4333-8444-555555555555')).toEqual({
      catalogProductId: '11111111-2222-4333-8444-555555555555',
      name: null,
      type: 'UNKNOWN',
      tlds: [],
    });
  });

  it('refuses files of the wrong shape, naming the bad path', () => {
    expect(() => ProductCatalog.fromJson({ products: { x: { name: 'A', type: 'VIP', tlds: [] } } })).toThrow(
      /products\.x\.type must be one of PREMIUM_PLAN/,
    );
    expect(() => ProductCatalog.fromJson({ products: { x: { name: 'A', type: 'DOMAIN', tlds: ['.com'] } } })).toThrow(
      /products\.x\.tlds\.0/,
    );
    expect(() => ProductCatalog.fromJson([])).toThrow(/catalog shape/);
  });
});

describe('CATALOG_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-test-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('replaces the default catalog', () => {
    const path = write(
      'mine.json',
      JSON.stringify({
        products: { 'aaaaaaaa-0000-4000-8000-000000000001': { name: 'Gold', type: 'PREMIUM_PLAN', tlds: ['com'] } },
      }),
    );
    const config = loadConfig({ CATALOG_FILE: path });
    expect(config.catalogFile).toBe(path);
    expect(config.catalog.describe('aaaaaaaa-0000-4000-8000-000000000001')).toMatchObject({
      name: 'Gold',
      type: 'PREMIUM_PLAN',
    });
    expect(config.catalog.get(PRODUCT.premiumBusiness)).toBeUndefined();
    expect(loadConfig({}).catalog.get(PRODUCT.premiumBusiness)?.name).toBe('Premium Business');
  });

  it.each([
    [
      'a missing file',
      () => join(dir, 'missing.json'),
      /^Configuration error: CATALOG_FILE is not a readable file \(ENOENT/,
    ],
    [
      'a file that is not JSON',
      () => write('bad.json', '{ nope'),
      /^Configuration error: CATALOG_FILE is not valid JSON/,
    ],
    [
      'JSON of the wrong shape',
      () => write('shape.json', JSON.stringify({ products: { x: { name: 'A' } } })),
      /^Configuration error: CATALOG_FILE does not have the catalog shape: products\.x\.type/,
    ],
  ])('refuses %s with one line naming the variable', (_what, path, message) => {
    const env = { CATALOG_FILE: path() };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
