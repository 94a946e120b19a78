import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// One copy of graphql must load: type-graphql (CJS) and our ESM code would otherwise get two realms
// ("Cannot use GraphQLObjectType from another module or realm").
const graphqlEntry = require.resolve('graphql/index.js');

// Workspace packages (`@wix-account-graph/sandbox`) resolve to their TypeScript sources through the `source` export
// condition, so tests need no build of the package first. The rest is Vite's default list for server code (setting
// `conditions` replaces it).
const conditions = ['source', 'module', 'node', 'development|production'];
// Without `module` for server code: vitest hands these to Node (`--conditions`) for the packages it does not
// transform, and OpenTelemetry's `module` builds import files without extensions, which Node's loader refuses.
const serverConditions = conditions.filter((c) => c !== 'module');

/** The tests that write through every mutation and read the result back (run again with the read cache on). */
const WRITE_TESTS = [
  'folders',
  'site-mutations',
  'reseller-mutations',
  'instance-mutations',
  'domain-mutations',
  'domain-mutations-dns',
  'domain-assignments',
  'flows-site',
  'flows-domains',
].map((name) => `test/integration/gateway/${name}.test.ts`);

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }], conditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    // type-graphql's decorators need the Reflect metadata API before any schema class loads.
    setupFiles: ['reflect-metadata'],
    projects: [
      // The sandbox package's own tests, with its own config (no graphql alias, no reflect-metadata).
      'sandbox/vitest.config.ts',
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // After the run: every gateway log line of every test is JSON and holds no key or token.
          globalSetup: ['test/global-logs.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The tests of every kind of write again, with the gateway's read cache on (TEST_READ_CACHE): each write is
        // read back through the gateway, so they show that every write empties the cache before the next read.
        extends: true,
        test: {
          name: 'integration-read-cache',
          include: WRITE_TESTS,
          env: { TEST_READ_CACHE: 'on' },
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // A real browser (Debian's chromium, driven by playwright-core) against the gateway's GraphiQL. The setup
        // bundles GraphiQL (about a second); without chromium the browser test fails with the command to install it.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The page renders while the other projects load both cores: wait for it generously.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
