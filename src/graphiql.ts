import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readExamples } from './graphiql-examples.js';

/** Where GraphiQL's files come from (tests point them elsewhere). */
export interface GraphiQLOptions {
  /** The bundle; default `<package>/dist/graphiql`. */
  bundleDir?: string;
  /** The examples; default `<package>/examples`. */
  examplesDir?: string;
}

/**
 * The page's policy: only this origin; `data:` for the fonts and icons GraphiQL's CSS inlines; no inline script at
 * all, and inline `<style>` only with this response's nonce.
 */
export function graphiqlCsp(nonce?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Where scripts/build-graphiql.ts leaves the nonce in index.html. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Where the assets are mounted. */
const ASSET_PREFIX = '/graphiql/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
/** esbuild's content hash in a file name (`app-RZ7OOIHA.js`): such a file never changes, so caches may keep it. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9.]+$/;

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  gzipped?: Buffer;
}

/** The package root (the folder with package.json) above this module, from `src/` or `dist/src/` alike. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * GraphiQL served by the gateway itself, from the bundle `scripts/build-graphiql.ts` writes into `dist/graphiql/`
 * (`npm run build`): the page for a browser's `GET /graphql`, its files under `/graphiql/`, and the ready examples
 * (`examples/NN-*.graphql`) as `/graphiql/examples.json`. Nothing is loaded from anywhere else, which the page's
 * Content-Security-Policy enforces: scripts, styles and connections to this origin only (fonts and icons are data:
 * URIs inside GraphiQL's CSS), plus `<style>` elements carrying the response's nonce (Radix's scroll lock adds one
 * when a dialog or menu opens). Requests for the API — POSTs, GETs with `?query=`, anything not asking for HTML, and
 * WebSocket upgrades (which never reach the request handler) — are left to it.
 *
 * One per gateway. The bundle is read on the first GraphiQL request, not at start.
 */
export class GraphiQL {
  private readonly bundleDir: string;
  private readonly examplesDir: string;
  private assets: Map<string, Asset> | undefined;

  constructor(options: GraphiQLOptions = {}) {
    const root = packageRoot();
    this.bundleDir = options.bundleDir ?? join(root, 'dist', 'graphiql');
    this.examplesDir = options.examplesDir ?? join(root, 'examples');
  }

  /** Serves the page or one of its files and returns true; false when the request is for the API. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname === '/graphql') {
      if (!wantsPage(req, url)) return false;
      const page = this.files().get('index.html');
      if (!page)
        this.send(req, res, 503, notBuilt(), { 'content-security-policy': graphiqlCsp(), 'cache-control': 'no-store' });
      else this.sendPage(req, res, page);
      return true;
    }
    if (!url.pathname.startsWith(ASSET_PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.send(req, res, 405, textAsset('Method not allowed\n'), { allow: 'GET, HEAD' });
      return true;
    }
    const name = url.pathname.slice(ASSET_PREFIX.length);
    if (name === 'examples.json') this.sendAsset(req, res, this.examples());
    else {
      const asset = name === 'index.html' ? undefined : this.files().get(name);
      if (asset) this.sendAsset(req, res, asset);
      else this.send(req, res, 404, textAsset('Not found\n'));
    }
    return true;
  }

  /** The bundle's files by name (only names present at load: no path is ever joined from the URL). */
  private files(): Map<string, Asset> {
    if (this.assets) return this.assets;
    const assets = new Map<string, Asset>();
    const names = existsSync(this.bundleDir) ? readdirSync(this.bundleDir) : [];
    // Without the page there is no bundle to serve; try again on the next request (e.g. after `npm run build`).
    if (!names.includes('index.html')) return assets;
    for (const name of names) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(this.bundleDir, name));
      assets.set(name, {
        body,
        type,
        etag: etag(body),
        cacheControl: HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    this.assets = assets;
    return assets;
  }

  /** Read at every request (a few small files), so edited examples show on reload. */
  private examples(): Asset {
    const body = Buffer.from(JSON.stringify({ examples: readExamples(this.examplesDir) }));
    return { body, type: TYPES['.json'] as string, etag: etag(body), cacheControl: 'no-cache' };
  }

  /** The page with a fresh nonce: never cached (a cached copy would carry a stale nonce). */
  private sendPage(req: IncomingMessage, res: ServerResponse, page: Asset): void {
    const nonce = randomBytes(16).toString('base64');
    const body = Buffer.from(page.body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce));
    const headers = {
      'content-security-policy': graphiqlCsp(nonce),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      vary: 'accept, accept-encoding',
    };
    this.send(req, res, 200, { ...page, body, gzipped: undefined }, headers);
  }

  private sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, extra: Record<string, string> = {}): void {
    const headers: Record<string, string> = { etag: asset.etag, 'cache-control': asset.cacheControl, ...extra };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, { ...headers, 'x-content-type-options': 'nosniff' });
      res.end();
      return;
    }
    this.send(req, res, 200, asset, headers);
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    asset: Asset,
    extra: Record<string, string> = {},
  ): void {
    const headers: Record<string, string> = {
      'content-type': asset.type,
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      ...extra,
    };
    headers.vary ??= 'accept-encoding';
    let body = asset.body;
    if (
      body.length > 1024 &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
      !asset.type.startsWith('font/') &&
      asset.type !== 'image/png'
    ) {
      asset.gzipped ??= gzipSync(body);
      body = asset.gzipped;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/**
 * A browser navigating to the API: GET or HEAD, asking for HTML, without a `query` parameter (a GET with `?query=`
 * is an API call whatever it accepts).
 */
function wantsPage(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (url.searchParams.has('query') || req.headers.upgrade) return false;
  return /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}

function etag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function textAsset(text: string): Asset {
  const body = Buffer.from(text);
  return { body, type: TYPES['.txt'] as string, etag: etag(body), cacheControl: 'no-store' };
}

function notBuilt(): Asset {
  const body = Buffer.from(
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>GraphiQL is not built</title>' +
      '<h1>GraphiQL is not built</h1><p>Run <code>npm run build</code> (or <code>npm run build:graphiql</code>) and reload. ' +
      'The API itself is up: POST GraphQL requests to this URL.</p></html>\n',
  );
  return { body, type: TYPES['.html'] as string, etag: etag(body), cacheControl: 'no-store' };
}
