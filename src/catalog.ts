import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Kinds of product a catalog file may list (as strings, for the file schema). */
export const CATALOG_PRODUCT_TYPES = ['PREMIUM_PLAN', 'DOMAIN', 'BUSINESS_TOOL'] as const;
/** Kinds of product a catalog file may list. */
export type CatalogProductType = (typeof CATALOG_PRODUCT_TYPES)[number];

/** One catalog product as the file lists it. */
export interface CatalogEntry {
  name: string;
  type: CatalogProductType;
  /** DOMAIN: the TLDs it registers; PREMIUM_PLAN: the TLDs its free-domain voucher covers; else empty. */
  tlds: string[];
}

/** What the graph shows for a product ID; unknown IDs still work (name null, type UNKNOWN). */
export interface ProductInfo {
  catalogProductId: string;
  name: string | null;
  type: CatalogProductType | 'UNKNOWN';
  tlds: string[];
}

const entrySchema = z
  .object({
    name: z.string().min(1, 'must not be empty').max(200),
    type: z.enum(CATALOG_PRODUCT_TYPES, { message: `must be one of ${CATALOG_PRODUCT_TYPES.join(', ')}` }),
    tlds: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'must be lower-case TLDs without the leading dot'))
      .max(1000),
  })
  .strict();

const fileSchema = z
  .object({
    $comment: z.string().optional(),
    products: z.record(z.string().min(1).max(100), entrySchema),
  })
  .strict();

/** The catalog file's shape. */
export type CatalogFile = z.input<typeof fileSchema>;

/** A catalog file that cannot be used; `message` is a short reason (no file contents). */
export class CatalogError extends Error {}

/**
 * The product catalog: what a Wix catalog product ID is (name, type, the TLDs it covers). Wix's real catalog is
 * private to its B2B sales team, so Query Packages answers bare `catalogProductId`s; this file-backed catalog is
 * what lets the gateway name products, derive a site's Premium plan and tell which TLDs a product covers.
 * The default is `catalog/sandbox.json` (the sandbox's catalog, emitted by `scripts/emit-catalog.ts`); a reseller
 * on real Wix points `CATALOG_FILE` at its own file of the same shape.
 *
 * Immutable, keyed by catalog product ID (case-insensitive).
 */
export class ProductCatalog {
  private readonly products: ReadonlyMap<string, CatalogEntry>;

  constructor(products: Iterable<[string, CatalogEntry]>) {
    this.products = new Map([...products].map(([id, entry]) => [id.toLowerCase(), entry]));
  }

  /** Validates parsed JSON against the file's shape; throws CatalogError naming the first bad path. */
  static fromJson(value: unknown): ProductCatalog {
    const parsed = fileSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.length ? issue.path.join('.') : '(top level)';
      throw new CatalogError(`does not have the catalog shape: ${path} ${issue?.message ?? 'is invalid'}`);
    }
    return new ProductCatalog(Object.entries(parsed.data.products));
  }

  /** Products the catalog lists. */
  get size(): number {
    return this.products.size;
  }

  /** The entry of a product ID, undefined when the catalog does not list it. */
  get(catalogProductId: string): CatalogEntry | undefined {
    return this.products.get(catalogProductId.toLowerCase());
  }

  /** The product as the graph shows it: name null and type UNKNOWN for IDs the catalog does not list. */
  describe(catalogProductId: string): ProductInfo {
    const entry = this.get(catalogProductId);
    return {
      catalogProductId,
      name: entry?.name ?? null,
      type: entry?.type ?? 'UNKNOWN',
      tlds: entry ? [...entry.tlds] : [],
    };
  }

  /** True when the product is a Premium plan. */
  isPremiumPlan(catalogProductId: string): boolean {
    return this.get(catalogProductId)?.type === 'PREMIUM_PLAN';
  }

  /** True when the product covers `tld` (given with or without its leading dot). */
  coversTld(catalogProductId: string, tld: string): boolean {
    const wanted = tld.replace(/^\./, '').toLowerCase();
    return this.get(catalogProductId)?.tlds.includes(wanted) ?? false;
  }

  /** Product IDs of `type` that cover `tld`, in file order. */
  productsCovering(tld: string, type: CatalogProductType): string[] {
    return [...this.products.entries()]
      .filter(([id, e]) => e.type === type && this.coversTld(id, tld))
      .map(([id]) => id);
  }
}

/** Reads and validates a catalog file; throws CatalogError with a one-line reason. */
export function readCatalogFile(path: string): ProductCatalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(
      `is not a readable file (${(error as NodeJS.ErrnoException).code ?? 'read failed'}: ${path})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CatalogError(`is not valid JSON (${path})`);
  }
  return ProductCatalog.fromJson(json);
}

/**
 * Path of the default catalog, `catalog/sandbox.json` at the package root. Found by walking up from this module,
 * which sits in `src/` under tsx and vitest and in `dist/src/` once built.
 */
export function defaultCatalogPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'catalog', 'sandbox.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new CatalogError('catalog/sandbox.json was not found next to the package (run `npm run catalog:emit`)');
}

let cachedDefault: ProductCatalog | undefined;

/** The default catalog (the sandbox's), read once per process. */
export function defaultCatalog(): ProductCatalog {
  cachedDefault ??= readCatalogFile(defaultCatalogPath());
  return cachedDefault;
}
