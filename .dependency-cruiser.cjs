/** The arrows of docs/ARCHITECTURE.md, enforced: web, server and cli → domain; db implements what domain needs. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds the rules of the source: plain TypeScript, no I/O, no framework.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        pathNot: '^src/domain',
        // Node built-ins and packages are I/O or frameworks; the domain needs none.
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'schemas-only-domain',
      comment: 'src/schemas are shared by server, web and cli: zod plus domain vocabulary only.',
      severity: 'error',
      from: { path: '^src/schemas' },
      to: { pathNot: ['^src/schemas', '^src/domain', '^node_modules/zod'] },
    },
    {
      name: 'web-not-server-side',
      comment: 'The browser bundle never imports the database, the server or the CLI.',
      severity: 'error',
      from: { path: '^src/web' },
      to: { path: ['^src/db', '^src/server', '^src/cli'] },
    },
    {
      name: 'db-not-upward',
      severity: 'error',
      from: { path: '^src/db' },
      to: { path: ['^src/server', '^src/web', '^src/cli'] },
    },
    {
      name: 'server-not-cli-or-web',
      severity: 'error',
      from: { path: '^src/server' },
      to: { path: ['^src/cli', '^src/web'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
}
