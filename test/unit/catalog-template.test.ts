import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../src/catalog.js';

describe('catalog/template.json', () => {
  it('is a valid CATALOG_FILE with one product of each type, to copy and fill in', () => {
    const catalog = readCatalogFile(fileURLToPath(new URL('../../catalog/template.json', import.meta.url)));
    expect(catalog.size).toBe(3);
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    expect([1, 2, 3].map((n) => catalog.get(id(n))?.type)).toEqual(['PREMIUM_PLAN', 'DOMAIN', 'BUSINESS_TOOL']);
    expect(catalog.productsCovering('com', 'DOMAIN')).toEqual([id(2)]);
    expect(catalog.isPremiumPlan(id(1))).toBe(true);
  });
});
