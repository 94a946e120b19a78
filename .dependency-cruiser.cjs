/**
 * Layer rules (npm run layers): imports point one way, resolvers → schema, flows, polling, datasources → model,
 * and the sandbox package stays apart from the gateway. See docs/architecture.md.
 * Type-only imports count too (tsPreCompilationDeps): a layer that needs another's types depends on it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle in the gateway, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lower-layers-not-graph',
      severity: 'error',
      comment:
        'Data sources, flows, pollers, the model and idempotency speak the model only: they never import the GraphQL ' +
        'schema classes, the resolvers or the per-request context.',
      from: { path: '^src/(datasources|flows|polling|model|idempotency)/' },
      to: { path: ['^src/(schema|resolvers)/', '^src/context[.]ts$'] },
    },
    {
      name: 'model-is-plain',
      severity: 'error',
      comment: 'src/model holds plain types and enums: it imports nothing else of the gateway.',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'sandbox-apart-from-gateway',
      severity: 'error',
      comment: 'The sandbox package imports nothing of the gateway (nor its tests).',
      from: { path: '^sandbox/' },
      to: { path: ['^(src|test|bench|scripts|web)/', '^wix-account-graph($|/)'] },
    },
    {
      name: 'sandbox-one-entry',
      severity: 'error',
      comment:
        'The gateway loads the sandbox package in one place only: src/embedded-sandbox.ts (the embedded mode). The ' +
        "one exception is the package's second public entry, `@wix-account-graph/sandbox/contract` (wire shapes as " +
        'zod schemas, no server), which the data sources take their wire types from (rule sandbox-contract-for-dtos).',
      from: { path: '^src/', pathNot: '^src/embedded-sandbox[.]ts$' },
      // The package resolved (through the workspace link or not) or, when it cannot be resolved, its bare name.
      to: {
        path: ['^sandbox/', 'node_modules/@wix-account-graph/sandbox/', '^@wix-account-graph/sandbox($|/)'],
        pathNot: [
          '^sandbox/src/contract/',
          'node_modules/@wix-account-graph/sandbox/(src|dist)/contract/',
          '^@wix-account-graph/sandbox/contract$',
        ],
      },
    },
    {
      name: 'sandbox-contract-for-dtos',
      severity: 'error',
      comment: 'Only the data sources (their dto files) and the embedded mode import the sandbox contract.',
      from: { path: '^src/', pathNot: ['^src/datasources/[^/]+[.]dto[.]ts$', '^src/embedded-sandbox[.]ts$'] },
      to: {
        path: [
          '^sandbox/src/contract/',
          'node_modules/@wix-account-graph/sandbox/(src|dist)/contract/',
          '^@wix-account-graph/sandbox/contract$',
        ],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would hide a dependency from the rules above.',
      from: {},
      // The sandbox package's entry may only exist once built; sandbox-one-entry still sees it by name.
      to: { couldNotResolve: true, pathNot: '^@wix-account-graph/sandbox($|/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/', '^coverage/'] },
    // Compile with TypeScript (not just the emitted JS) so that `import type` counts, and resolve `./x.js` to x.ts.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
