/**
 * Bundles the compiled gateway (`dist/src/main.js`, tsc's output: decorators and their metadata already emitted) with
 * esbuild into `dist/gateway/` (`npm run build` runs it last). `npm start` and the `wix-account-graph` command run the
 * bundle: Node then reads a few files at start instead of about 1,800 modules one by one, which takes about 40 %
 * off the cold start and about 20 MB off the resident memory (docs/performance.md).
 *
 * What is left out (imported from node_modules at run time, as before) is what cannot be bundled or is loaded only
 * when configured: native addons, packages that start workers or read files next to their own modules, the embedded
 * sandbox, and the clients and SDKs behind REDIS_URL, DATABASE_URL, METRICS_PORT and an OTLP endpoint. The modules
 * the gateway imports only when configured become chunks of their own, loaded as lazily as before.
 *
 * The build fails when the bundle refers to `__dirname` or `__filename`: a package that does, bundled into an ES
 * module, would throw a ReferenceError on the line that uses them. Such a package goes in `EXTERNAL`.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './package-root.js';

/** Packages imported from node_modules at run time instead of bundled (see the module comment for why each). */
export const EXTERNAL = [
  // A native addon, found by path.
  'better-sqlite3',
  // Log lines: pino starts its transports (pino-pretty) in worker threads from files next to its modules.
  'pino',
  'pino-pretty',
  'thread-stream',
  // Loaded only when REDIS_URL, DATABASE_URL, METRICS_PORT or an OTLP endpoint is set (ioredis also uses __dirname).
  'ioredis',
  'pg',
  'pg-native',
  'prom-client',
  '@opentelemetry/*',
  // The embedded sandbox (no WIX_API_KEY): a package of its own, built apart, loaded only in that mode.
  '@wix-account-graph/sandbox',
];

/** What a bundle build produced. */
export interface GatewayBundle {
  outDir: string;
  /** The entry point (`<outDir>/main.js`). */
  entry: string;
  /** File names in outDir. */
  files: string[];
  /** Bytes of JavaScript written (source maps not counted). */
  bytes: number;
  /** Wall time of the build. */
  ms: number;
}

/** CommonJS packages bundled into an ES module still call `require` for Node's built-ins: give them one. */
const REQUIRE_BANNER =
  "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);";

/**
 * Two packages behave worse bundled than from node_modules, and are rewritten as they are read (the build fails if the
 * code to rewrite is not found, e.g. after an upgrade):
 * - graphql's `instanceOf`: outside NODE_ENV=production it runs a check, on every failed `instanceof`, that only finds
 *   a second copy of graphql from another module or realm. The bundle holds exactly one copy, so a plain `instanceof`
 *   gives the same answers (about 2 % of the dashboard's CPU; NODE_ENV itself is left alone, as other packages read
 *   it).
 * - `@apollo/utils.createhash`, which hashes every query text: it reaches `crypto` through `module.require`, which
 *   esbuild's CommonJS wrapper does not have, so the bundle fell back to a JavaScript SHA-256 (sha.js). It uses Node's
 *   `crypto`, as it does from node_modules.
 */
const REWRITES: Array<{ file: RegExp; from: RegExp; to: string }> = [
  {
    file: /[\\/]node_modules[\\/]graphql[\\/]jsutils[\\/]instanceOf\.m?js$/,
    from: /globalThis\.process &&(\s*\/\/[^\n]*)?\s*process\.env\.NODE_ENV === 'production'/,
    to: 'true',
  },
  {
    file: /[\\/]node_modules[\\/]@apollo[\\/]utils\.createhash[\\/]dist[\\/]index\.js$/,
    from: /function createHash\(kind\) \{\s*if \(utils_isnodelike_1\.isNodeLike && module\.require\) \{[^}]*\}[^}]*\}/,
    to: 'const nodeCrypto = require("node:crypto");\nfunction createHash(kind) {\n    return nodeCrypto.createHash(kind);\n}',
  },
];

function rewritePlugin(): Plugin {
  return {
    name: 'rewrites',
    setup(b) {
      for (const { file, from, to } of REWRITES)
        b.onLoad({ filter: file }, (args) => {
          const code = readFileSync(args.path, 'utf8');
          if (!from.test(code)) throw new Error(`${args.path}: the code to rewrite (${from.source}) is not there`);
          return { contents: code.replace(from, to), loader: 'js' };
        });
    },
  };
}

/** Bundles `entry` (compiled JavaScript) into `outDir`, which is emptied first. */
export async function bundleGateway(
  entry = join(packageRoot(), 'dist', 'src', 'main.js'),
  outDir = join(packageRoot(), 'dist', 'gateway'),
): Promise<GatewayBundle> {
  const started = performance.now();
  if (!existsSync(entry)) throw new Error(`${entry} is missing: compile first (tsc -p tsconfig.json)`);
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { main: entry },
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [rewritePlugin()],
  });
  const files = readdirSync(outDir).sort();
  let bytes = 0;
  for (const name of files.filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(outDir, name), 'utf8');
    bytes += Buffer.byteLength(code);
    const free = /\b(__dirname|__filename)\b/.exec(code);
    if (free) {
      const line = code.slice(0, free.index).split('\n').length;
      throw new Error(
        `${name}:${line} uses ${free[1]}, which an ES module bundle does not have: add the package it comes from to ` +
          'EXTERNAL in scripts/bundle-gateway.ts',
      );
    }
  }
  return { outDir, entry: join(outDir, 'main.js'), files, bytes, ms: performance.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleGateway();
  console.log(
    `gateway bundled into ${relative(process.cwd(), result.outDir) || '.'} in ${Math.round(result.ms)} ms ` +
      `(${result.files.filter((f) => f.endsWith('.js')).length} files, ${(result.bytes / 1e6).toFixed(1)} MB)`,
  );
}
