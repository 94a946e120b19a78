/**
 * Bundles the GraphiQL page (`web/graphiql/`, React and GraphiQL from npm) with esbuild into `dist/graphiql/`
 * (`npm run build:graphiql`; `npm run build` runs it too). The gateway serves that folder: the page for a browser's
 * `GET /graphql`, the assets under `/graphiql/`. Everything the page needs is in the output (fonts are inlined by
 * GraphiQL's CSS), so the page works on a closed network.
 *
 * Output: `index.html` (the page, naming the hashed files), `app-<hash>.js`, `app-<hash>.css`, their source maps,
 * `THIRD-PARTY-LICENSES.txt` (name, version and license text of every npm package in the bundle) and `favicon.svg`.
 */
import { build, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { packageRoot } from './package-root.js';

const root = packageRoot();

/** Where the bundle goes unless told otherwise. */
export const DEFAULT_GRAPHIQL_DIR = join(root, 'dist', 'graphiql');

/** What a build produced. */
export interface GraphiQLBuild {
  outDir: string;
  /** File names in outDir. */
  files: string[];
  /** Wall time of the build. */
  ms: number;
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#e535ab"/><path d="M8 22 16 8l8 14H8Z" fill="none" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/></svg>\n`;

/**
 * Where the gateway puts each response's Content-Security-Policy nonce. The page's script hands it to the UI
 * libraries that add `<style>` elements at run time (Radix's scroll lock, through get-nonce), so only those pass.
 */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** The page. No inline script or style: the gateway's Content-Security-Policy allows only its own files. */
function page(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>wix-account-graph · GraphiQL</title>
    <link rel="icon" href="graphiql/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="graphiql/${style}" />
    <script type="module" nonce="${NONCE_PLACEHOLDER}" src="graphiql/${script}"></script>
  </head>
  <body>
    <div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>
  </body>
</html>
`;
}

/** The entry's JS and CSS output names, read from esbuild's metafile. */
function entryOutputs(metafile: Metafile, outDir: string): { script: string; style: string } {
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint && path.endsWith('.js')) {
      const css = output.cssBundle;
      if (!css) throw new Error('GraphiQL build: the entry produced no CSS bundle');
      return { script: basename(path), style: basename(css) };
    }
  }
  throw new Error(`GraphiQL build: no entry output in ${relative(root, outDir)}`);
}

/** Name, version, license and license text of every npm package whose code went into the bundle. */
function licenses(metafile: Metafile): string {
  const packageDirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) packageDirs.add(match[1]);
  }
  const parts = [...packageDirs].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const file = existsSync(join(root, dir))
      ? readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
      : undefined;
    const text = file
      ? readFileSync(join(root, dir, file), 'utf8').trim()
      : `(no license file; package.json says ${pkg.license ?? 'nothing'})`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
  });
  return `Third-party software bundled into the GraphiQL page\n\n${parts.join('\n' + '-'.repeat(80) + '\n\n')}`;
}

/** Builds the page into outDir (emptied first). Takes a few seconds. */
export async function buildGraphiQL(outDir: string = DEFAULT_GRAPHIQL_DIR): Promise<GraphiQLBuild> {
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: join(root, 'web', 'graphiql', 'main.tsx') },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
    metafile: true,
    logLevel: 'warning',
  });
  const { script, style } = entryOutputs(result.metafile, outDir);
  writeFileSync(join(outDir, 'index.html'), page(script, style));
  writeFileSync(join(outDir, 'favicon.svg'), FAVICON);
  writeFileSync(join(outDir, 'THIRD-PARTY-LICENSES.txt'), licenses(result.metafile));
  const files = [
    ...Object.keys(result.metafile.outputs).map((p) => basename(p)),
    'index.html',
    'favicon.svg',
    'THIRD-PARTY-LICENSES.txt',
  ];
  return { outDir, files, ms: Math.round(performance.now() - started) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildGraphiQL(process.argv[2] ? join(process.cwd(), process.argv[2]) : DEFAULT_GRAPHIQL_DIR);
  console.log(
    `GraphiQL bundled into ${relative(process.cwd(), out.outDir) || '.'} in ${out.ms} ms (${out.files.length} files)`,
  );
}
